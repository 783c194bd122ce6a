import ElkoAPI
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import ElkoSandbox

@Suite struct CatalogTests {
    /// `<repo>/../shared/fixtures/ua-catalog-products-sample.json`, the repo root found from this file.
    static let fixturePath: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // CatalogTests.swift, ElkoSandboxTests, Tests
        return parts.joined(separator: "/") + "/../shared/fixtures/ua-catalog-products-sample.json"
    }()

    static func fixtureExists() -> Bool {
        (try? FixtureLoader.readFile(fixturePath)) != nil
    }

    static let small: Catalog = {
        do { return try Catalog(CatalogOptions(products: 2_000, seed: 42, esdProducts: 20)) } catch {
            fatalError("\(error)")
        }
    }()

    static func body(_ c: Catalog, _ dialect: Dialect) -> String {
        JSON.array(c.products.map { c.productJSON($0, dialect: dialect, stock: $0.initialStock, reserved: 0) })
            .serialized()
    }

    static func keys(_ json: JSON) -> [String] { json.objectValue?.map(\.0) ?? [] }

    // MARK: Generation

    @Test func sameSeedGivesIdenticalJSON() throws {
        let a = try Catalog(CatalogOptions(products: 500, seed: 7))
        let b = try Catalog(CatalogOptions(products: 500, seed: 7))
        for dialect in Dialect.allCases { #expect(Self.body(a, dialect) == Self.body(b, dialect)) }
        let pa = try #require(a.products.first), pb = try #require(b.products.first)
        #expect(a.descriptionJSON(pa, shape: .nested, lang: nil).serialized()
            == b.descriptionJSON(pb, shape: .nested, lang: nil).serialized())
        #expect(a.mediaJSON(pa).serialized() == b.mediaJSON(pb).serialized())
        #expect(a.categoryTreeJSON().serialized() == b.categoryTreeJSON().serialized())
        let c = try Catalog(CatalogOptions(products: 500, seed: 8))
        #expect(Self.body(a, .api) != Self.body(c, .api))
    }

    @Test(arguments: [10, 500_000]) func sizeLimitsAccepted(size: Int) throws {
        let c = try Catalog(CatalogOptions(products: size, esdProducts: 5))
        #expect(c.products.count == size)
        #expect(c.esdProducts.count == 5)
        #expect(c.products.allSatisfy { (1_000_000...9_999_999).contains($0.elkoCode) })
        #expect(c.esdProducts.allSatisfy { (1_000_000...9_999_999).contains($0.elkoCode) })
    }

    @Test(arguments: [9, 500_001, 0, -1]) func sizeLimitsRejected(size: Int) {
        #expect(throws: CatalogError.self) { try Catalog(CatalogOptions(products: size)) }
        do {
            _ = try Catalog(CatalogOptions(products: size))
        } catch {
            #expect(error.message.contains(String(size)))
            #expect(error.message.contains("10") && error.message.contains("500000"))
        }
    }

    @Test func esdSizeRejected() {
        #expect(throws: CatalogError.self) { try Catalog(CatalogOptions(esdProducts: -1)) }
    }

    @Test func codesUniqueAscendingAndFindable() throws {
        let c = Self.small
        #expect(c.products.count == 2_000)
        #expect(c.esdProducts.count == 20)
        for (a, b) in zip(c.products, c.products.dropFirst()) { #expect(a.elkoCode < b.elkoCode) }
        for (a, b) in zip(c.esdProducts, c.esdProducts.dropFirst()) { #expect(a.elkoCode < b.elkoCode) }
        let all = c.products + c.esdProducts
        #expect(Set(all.map(\.elkoCode)).count == all.count)
        #expect(Set(all.map(\.id)).count == all.count)
        for p in all { #expect(c.product(elkoCode: p.elkoCode)?.name == p.name) }
        #expect(c.product(elkoCode: 999) == nil)
        #expect(c.esdProducts.allSatisfy { $0.isEsd && $0.catalog == "ESD" })
        #expect(c.products.allSatisfy { !$0.isEsd })
    }

    @Test func codesOfCategoriesAndVendors() {
        let c = Self.small
        #expect(c.categories.count >= 40)
        #expect(c.vendors.count >= 60)
        func letters(_ s: String, _ n: Int) -> Bool {
            s.utf8.count == n && s.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }
        }
        #expect(c.categories.allSatisfy { letters($0.code, 3) && $0.code.utf8.allSatisfy { $0 >= 65 && $0 <= 90 } })
        #expect(c.vendors.allSatisfy { letters($0.code, 2) })
        #expect(Set(c.categories.map(\.code)).count == c.categories.count)
        #expect(Set(c.vendors.map(\.code)).count == c.vendors.count)
        let categoryCodes = Set(c.categories.map(\.code)), vendorCodes = Set(c.vendors.map(\.code))
        for p in c.products + c.esdProducts {
            #expect(categoryCodes.contains(p.catalog))
            #expect(vendorCodes.contains(p.vendorCode))
            #expect(p.name.hasSuffix(" " + p.vendorName))
            #expect(p.name.contains("/" + p.manufacturerCode + " "))
        }
    }

    @Test func pricesAndStockLookReal() {
        let c = Self.small
        let n = Double(c.products.count)
        let zero = c.products.filter { $0.initialStock == 0 }.count
        let small = c.products.filter { (1...10).contains($0.initialStock) }.count
        #expect(abs(Double(zero) / n - 0.30) < 0.06)
        #expect(abs(Double(small) / n - 0.40) < 0.06)
        for p in c.products {
            #expect(p.price > 0)
            #expect(p.discountPrice <= p.price)
            // Two decimals at most, as written on the wire.
            #expect((p.priceText.split(separator: ".").last?.count ?? 0) <= 2)
            #expect((p.discountPriceText.split(separator: ".").last?.count ?? 0) <= 2)
            #expect(Double(p.priceText) == p.price)
            #expect(p.currency == "USD")
            #expect(p.ean.isEmpty || p.ean.utf8.count == 13)
            #expect(p.incomingQuantity == 0 ? p.incomingDate.isEmpty : p.incomingDate.hasPrefix("202"))
        }
    }

    // MARK: Stock

    @Test func stockStyles() {
        #expect(StockStyle.exact.render(0) == "0")
        #expect(StockStyle.exact.render(24) == "24")
        #expect(StockStyle.greaterThan(10).render(8) == "8")
        #expect(StockStyle.greaterThan(10).render(10) == "10")
        #expect(StockStyle.greaterThan(10).render(11) == ">10")
        #expect(StockStyle.greaterThanSpaced(50).render(51) == "> 50")
        #expect(StockStyle.greaterThanSpaced(50).render(50) == "50")
        #expect(StockStyle.plus(10).render(9) == "9")
        #expect(StockStyle.plus(10).render(10) == "10+")
        #expect(StockStyle.plus(10).isLowerBound(10))
        #expect(!StockStyle.greaterThan(10).isLowerBound(10))
        for text in ["0", "8", ">10", "> 50", "10+", "24"] {
            let parsed = StockStyle.parse(text)
            #expect(parsed.map { $0.style.render($0.quantity) } == text)
        }
        #expect(StockStyle.parse(">10")?.quantity == 11)
        #expect(StockStyle.parse("10+")?.quantity == 10)
        #expect(StockStyle.parse("many") == nil)
        #expect(StockStyle.parse("-1") == nil)
    }

    @Test func quantityIsAlwaysAStringAndEveryStyleOccurs() {
        let c = Self.small
        var seen = Set<String>()
        for dialect in Dialect.allCases {
            for p in c.products {
                let json = c.productJSON(p, dialect: dialect, stock: p.initialStock, reserved: 0)
                guard case .string(let q)? = json["quantity"] else {
                    Issue.record("quantity of \(p.elkoCode) is not a string")
                    continue
                }
                if q == "0" { seen.insert("zero") }
                else if q == ">10" { seen.insert(">") }
                else if q == "> 50" { seen.insert("> ") }
                else if q == "10+" { seen.insert("+") }
                else if let n = Int(q), n <= 10 { seen.insert("small") }
                else if let n = Int(q), n > 10 { seen.insert("exact large") }
                else { Issue.record("unexpected quantity \(q)") }
            }
        }
        #expect(seen == ["zero", ">", "> ", "+", "small", "exact large"])
    }

    // MARK: Product shapes

    static let apiKeys = [
        "id", "elkoCode", "name", "manufacturerCode", "vendorName", "vendorCode", "catalog", "catalogName",
        "quantity", "price", "discountPrice", "currency", "imagePath", "thumbnailImagePath", "fullDsc",
        "httpDescription", "packagingQuantity", "warranty", "eanCode", "obligatoryKit", "reservedQuantity",
        "promDate", "promQuant", "quantityForPrice2", "price2", "lotNumber", "copyrightTax", "incomingQuantity",
    ]

    @Test func apiProductShape() throws {
        let c = Self.small
        let p = try #require(c.products.first)
        let json = c.productJSON(p, dialect: .api, stock: 3, reserved: 2)
        #expect(Self.keys(json) == Self.apiKeys)
        #expect(json["elkoCode"] == .int(p.elkoCode))
        #expect(json["id"] == .int(p.id))
        #expect(json["quantity"] == .string(p.stockStyle.render(3)))
        #expect(json["reservedQuantity"] == .int(2))
        #expect(json["price"]?.doubleValue == p.price)
        #expect(json["currency"] == .string("USD"))
        #expect(json["imagePath"]?.stringValue?.hasPrefix("https://static.elko.cloud/ProductImages/") == true)
        #expect(json["imagePath"]?.stringValue?.hasSuffix(".Jpeg") == true)
        if case .number = json["packagingQuantity"] {} else { Issue.record("packagingQuantity is not a number") }
    }

    @Test func uaProductHasTheFixtureKeyOrder() throws {
        let c = Self.small
        // The real record's key order, written down so that the test also runs without the fixture.
        var expected = [
            "id", "name", "manufacturerCode", "vendorName", "vendorCode", "catalog", "quantity", "price",
            "discountPrice", "fullDsc", "altDsc", "detailedDescription", "currency", "httpDescription",
            "packagingQuantity", "warranty", "eanCode", "reservedQuantity", "reservedQuantityFromBasket",
            "transitQuantity", "rrp", "rrPcontrol", "searchText", "prP4", "code_UKTZED", "uAproductName",
            "pictureUrl", "discount",
        ]
        if Self.fixtureExists() {
            let document = try JSON.parse(try FixtureLoader.readFile(Self.fixturePath))
            expected = Self.keys(try #require(document.arrayValue?.first))
        }
        for p in c.products.prefix(200) {
            let json = c.productJSON(p, dialect: .ua, stock: p.initialStock, reserved: 0)
            #expect(Self.keys(json) == expected)
            #expect(json["id"] == .int(p.elkoCode))
            #expect(json["elkoCode"] == nil)
            if case .string = json["transitQuantity"] {} else { Issue.record("transitQuantity is not a string") }
            if case .number = json["packagingQuantity"] {} else { Issue.record("packagingQuantity is not a number") }
            let code = json["code_UKTZED"]
            #expect(code?.isNull == true || code?.stringValue != nil)
            #expect(json["warranty"]?.stringValue?.contains("месяц") == true)
            #expect(json["discount"]?.serialized() == #"{"status":false,"price":[],"link":null}"#)
            #expect(json["pictureUrl"]?.stringValue?.hasPrefix("https://static.elkogroup.com/ProductImages/") == true)
        }
        #expect(Catalog.russianWarranty(12) == "12 месяцев")
        #expect(Catalog.russianWarranty(24) == "24 месяца")
        #expect(Catalog.russianWarranty(1) == "1 месяц")
    }

    // MARK: Descriptions, media, availability

    @Test func nestedDescription() throws {
        let c = Self.small
        var full = 0, empty = 0, null = 0
        for p in c.products {
            let json = c.descriptionJSON(p, shape: .nested, lang: nil)
            #expect(Self.keys(json) == ["productId", "description"])
            #expect(json["productId"] == .int(p.elkoCode))
            switch json["description"] {
            case .string(let s)?: #expect(s.isEmpty); empty += 1
            case .null?: null += 1
            case .array(let items)?:
                full += 1
                for item in items {
                    #expect(Self.keys(item) == ["criteria", "value", "measurement"])
                    let m = item["measurement"]
                    #expect(m?.isNull == true || m?.stringValue?.isEmpty == false)
                }
                let criteria = items.compactMap { $0["criteria"]?.stringValue }
                for name in ["Description", "Summary", "Vendor Homepage", "Model name", "Dimensions",
                             "Unit Net Weight", "Unit Gross Weight", "Shipping Box Weight", "Shipping Box Width",
                             "Shipping Box Height", "Shipping Box Depth", "Unit Brutto Volume"] {
                    #expect(criteria.contains(name))
                }
                let weight = items.first { $0["criteria"] == .string("Unit Net Weight") }
                #expect(weight?["measurement"] == .string("kg"))
                #expect(weight?["value"]?.doubleValue != nil)
                #expect(items.first { $0["criteria"] == .string("Summary") }?["measurement"] == .null)
                #expect(items.first { $0["criteria"] == .string("Unit Brutto Volume") }?["measurement"] == .string("cubm"))
                #expect(items.first?["value"]?.stringValue?.hasPrefix("<p>") == true)
            default: Issue.record("bad description of \(p.elkoCode)")
            }
        }
        #expect(empty > 20 && empty < 110)  // ~3% of 2,000
        #expect(null > 0)
        #expect(full > 1_800)
    }

    @Test func flatDescription() throws {
        let c = Self.small
        var items: [JSON] = []
        for p in c.products.prefix(50) {
            guard case .array(let list) = c.descriptionJSON(p, shape: .flat, lang: "UA") else {
                Issue.record("flat description is not an array")
                continue
            }
            items += list
        }
        #expect(!items.isEmpty)
        for item in items { #expect(Self.keys(item) == ["criteria", "measurement", "comlexName", "value"]) }
        #expect(items.contains { $0["criteria"] == .string("Image") })
        #expect(Catalog.decimal(4700, scale: 3) == "4.7")
        #expect(Catalog.decimal(245, scale: 3) == "0.245")
        #expect(Catalog.decimal(12, scale: 6) == "0.000012")
    }

    @Test func mediaShape() throws {
        let c = Self.small
        var counts = Set<Int>()
        for p in c.products.prefix(300) {
            let json = c.mediaJSON(p)
            #expect(Self.keys(json) == ["id", "mediaFiles"])
            #expect(json["id"] == .int(p.elkoCode))
            let files = try #require(json["mediaFiles"]?.arrayValue)
            counts.insert(files.count)
            #expect((1...4).contains(files.count))
            for (i, f) in files.enumerated() {
                #expect(Self.keys(f) == ["link", "sequence"])
                #expect(f["sequence"] == .int(i + 1))
                let link = try #require(f["link"]?.stringValue)
                #expect(link.hasPrefix("https://static.elko.cloud/ProductImages/") && link.hasSuffix(".Jpeg"))
                #expect(link.utf8.count == "https://static.elko.cloud/ProductImages/".utf8.count + 36 + 5)
            }
            #expect(files.first?["link"]?.stringValue?.contains(p.imageId) == true)
        }
        #expect(counts == [1, 2, 3, 4])
    }

    @Test(arguments: OperationTable.availabilityTypes) func availabilityShape(type: String) throws {
        let c = Self.small
        let p = try #require(c.products.first { $0.incomingQuantity > 0 })
        for spelling in [type, type.lowercased(), type.uppercased()] {
            let json = c.availabilityJSON(p, type: spelling, stock: 12)
            var keys = ["productId", "stockQuantity"]
            if type.contains("Incoming") { keys.append("incoming") }
            if type.hasSuffix("Price") { keys.append("prices") }
            #expect(Self.keys(json) == keys)
            #expect(json["productId"] == .int(p.elkoCode))
            #expect(json["stockQuantity"] == .string(p.stockStyle.render(12)))
            if let incoming = json["incoming"] {
                #expect(Self.keys(incoming) == ["quantity", "expectedDate"])
                #expect(incoming["quantity"] == .int(p.incomingQuantity))
                #expect(incoming["expectedDate"] == .string(p.incomingDate))
            }
            if let prices = json["prices"] {
                #expect(Self.keys(prices) == ["currency", "price", "discountPrice", "copyrightTax"])
                #expect(prices["price"]?.doubleValue == p.price)
            }
        }
    }

    // MARK: Categories, tree, vendors

    @Test func categoriesAndVendorsShapes() throws {
        let c = Self.small
        let api = try #require(c.categoriesJSON(dialect: .api).arrayValue)
        #expect(api.count == c.categories.count)
        #expect(api.allSatisfy { Self.keys($0) == ["name", "code"] })
        let ua = try #require(c.categoriesJSON(dialect: .ua).arrayValue)
        #expect(ua.allSatisfy { Self.keys($0) == ["name", "code", "translation"] })
        #expect(ua.allSatisfy { $0["translation"]?["ua"]?.stringValue?.isEmpty == false })
        let vendors = try #require(c.vendorsJSON().arrayValue)
        #expect(vendors.count == c.vendors.count)
        #expect(vendors.allSatisfy { Self.keys($0) == ["name", "code"] })
        #expect(vendors.contains { $0["code"] == .string("B6") && $0["name"] == .string("BOSCH") })
    }

    @Test func categoryTreeShape() throws {
        let c = Self.small
        let groups = try #require(c.categoryTreeJSON().arrayValue)
        #expect(!groups.isEmpty)
        var leaves: [String] = []
        var ids = Set<Int>()
        for g in groups {
            #expect(Self.keys(g) == ["parentId", "id", "name", "code", "childs"])
            #expect(g["parentId"] == .int(0))
            #expect(g["code"] == .string(""))
            let gid = try #require(g["id"]?.intValue)
            #expect(ids.insert(gid).inserted)
            for child in try #require(g["childs"]?.arrayValue) {
                #expect(Self.keys(child) == ["parentId", "id", "name", "code", "childs"])
                #expect(child["parentId"] == .int(gid))
                #expect(child["childs"] == .array([]))
                #expect(ids.insert(try #require(child["id"]?.intValue)).inserted)
                leaves.append(try #require(child["code"]?.stringValue))
            }
        }
        #expect(leaves.sorted() == c.categories.map(\.code).sorted())
    }

    // MARK: Fixture mode

    @Test func fixtureModeServesRecordsUnchangedExceptStock() throws {
        guard Self.fixtureExists() else {
            print("skipped: fixture not found at \(Self.fixturePath)")
            return
        }
        let c = try Catalog(CatalogOptions(fixturePath: Self.fixturePath))
        let document = try JSON.parse(try FixtureLoader.readFile(Self.fixturePath))
        let records = try #require(document.arrayValue)
        #expect(c.isFixture)
        #expect(c.products.count == records.count)
        #expect(c.esdProducts.isEmpty)
        for (a, b) in zip(c.products, c.products.dropFirst()) { #expect(a.elkoCode <= b.elkoCode) }
        for record in records {
            let code = try #require(record["id"]?.intValue)
            let p = try #require(c.product(elkoCode: code))
            #expect(p.raw?.serialized() == record.serialized())
            #expect(p.currency == record["currency"]?.stringValue)
            // Served unchanged at the initial stock...
            let served = c.productJSON(p, dialect: .ua, stock: p.initialStock, reserved: 0)
            #expect(served.serialized() == record.serialized())
            // ...and only the stock fields change otherwise.
            let moved = c.productJSON(p, dialect: .ua, stock: 3, reserved: 4)
            #expect(Self.keys(moved) == Self.keys(record))
            for (key, value) in try #require(moved.objectValue) {
                switch key {
                case "quantity": #expect(value == .string(p.stockStyle.render(3)))
                case "reservedQuantity": #expect(value == .int(4))
                default: #expect(value.serialized() == record[key]?.serialized())
                }
            }
            let api = c.productJSON(p, dialect: .api, stock: 3, reserved: 0)
            #expect(Self.keys(api) == Self.apiKeys)
            #expect(api["name"] == record["name"])
        }
        let bosch = try #require(c.product(elkoCode: 1258600))
        #expect(bosch.vendorCode == "B6" && bosch.catalog == "PMI" && bosch.initialStock == 0)
        #expect(c.product(elkoCode: 1111274)?.initialStock == 24)
        #expect(Set(c.categories.map(\.code)) == Set(records.compactMap { $0["catalog"]?.stringValue }))
        #expect(Set(c.vendors.map(\.code)) == Set(records.compactMap { $0["vendorCode"]?.stringValue }))
        let tree = try #require(c.categoryTreeJSON().arrayValue)
        #expect(tree.flatMap { $0["childs"]?.arrayValue ?? [] }.count == c.categories.count)
        // Descriptions and media of real products work too.
        let media = c.mediaJSON(bosch)
        #expect(media["mediaFiles"]?.arrayValue?.first?["link"]
            == .string("https://static.elko.cloud/ProductImages/d048c446-ad54-4a15-89fc-7c566adfc281.Jpeg"))
        _ = c.descriptionJSON(bosch, shape: .nested, lang: nil)
    }

    @Test func fixtureQuantitiesParse() throws {
        #expect(StockStyle.parse(" > 50 ")?.quantity == 51)
    }

    @Test func missingFixtureNamesThePath() {
        let path = "/nonexistent/elko-fixture.json"
        do {
            _ = try Catalog(CatalogOptions(fixturePath: path))
            Issue.record("a missing fixture was accepted")
        } catch {
            #expect(error.message.contains(path))
            #expect(error.message.contains("No such file"))
        }
    }

    @Test func malformedFixtureNamesThePathAndTheError() throws {
        let path = "/tmp/elko-catalog-test-\(UInt32.random(in: 0...UInt32.max)).json"
        for (text, expected) in [("[{\"id\": 1,", "not valid JSON"), ("{\"id\": 1}", "array"),
                                 ("[{\"name\": \"x\"}]", "record 0")] {
            try Self.write(text, to: path)
            do {
                _ = try Catalog(CatalogOptions(fixturePath: path))
                Issue.record("a malformed fixture was accepted: \(text)")
            } catch {
                #expect(error.message.contains(path))
                #expect(error.message.contains(expected))
            }
        }
        unlink(path)
    }

    static func write(_ text: String, to path: String) throws {
        guard let f = fopen(path, "wb") else { throw CatalogError("cannot write \(path)") }
        defer { fclose(f) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    }
}
