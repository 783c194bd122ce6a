#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a real UA-dialect `Catalogs/Products` dump (an array of product records) into products,
/// keeping each record as `raw` so it is served unchanged except for its stock fields.
enum FixtureLoader {
    struct Loaded {
        let products: [Product]
        let categories: [Category]
        let vendors: [Vendor]
    }

    static func load(path: String) throws(CatalogError) -> Loaded {
        let bytes = try readFile(path)
        let document: JSON
        do {
            document = try JSON.parse(bytes)
        } catch {
            throw CatalogError("catalog fixture \(path) is not valid JSON: \(error)")
        }
        guard let records = document.arrayValue else {
            throw CatalogError("catalog fixture \(path) must be a JSON array of product records")
        }
        var products: [Product] = []
        products.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            products.append(try product(from: record, index: index, path: path))
        }
        // Stable sort: records with equal codes keep the dump's order.
        products = products.enumerated().sorted {
            $0.element.elkoCode != $1.element.elkoCode
                ? $0.element.elkoCode < $1.element.elkoCode : $0.offset < $1.offset
        }.map(\.element)

        let known = Dictionary(
            CatalogData.categories.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var categoryCodes = Set<String>()
        var categories: [Category] = []
        var vendorCodes = Set<String>()
        var vendors: [Vendor] = []
        for p in products {
            if !p.catalog.isEmpty, categoryCodes.insert(p.catalog).inserted {
                let spec = known[p.catalog]
                categories.append(Category(
                    code: p.catalog, name: spec?.name ?? p.catalog, uaName: spec?.uaName ?? p.catalog,
                    groupName: spec.map { CatalogData.groups[$0.group].name } ?? "Other"))
            }
            if !p.vendorCode.isEmpty, vendorCodes.insert(p.vendorCode).inserted {
                vendors.append(Vendor(code: p.vendorCode, name: p.vendorName))
            }
        }
        categories.sort { $0.code < $1.code }
        vendors.sort { $0.name != $1.name ? $0.name < $1.name : $0.code < $1.code }
        return Loaded(products: products, categories: categories, vendors: vendors)
    }

    private static func product(from record: JSON, index: Int, path: String) throws(CatalogError) -> Product {
        guard record.objectValue != nil else {
            throw CatalogError("catalog fixture \(path): record \(index) is not a JSON object")
        }
        guard let code = record["id"]?.intValue else {
            throw CatalogError("catalog fixture \(path): record \(index) has no integer \"id\" (the ELKO code)")
        }
        func text(_ key: String) -> String { record[key]?.stringValue ?? "" }
        let stock = record["quantity"]?.stringValue.flatMap(StockStyle.parse)
            ?? record["quantity"]?.intValue.map { (quantity: max(0, $0), style: StockStyle.exact) }
            ?? (quantity: 0, style: StockStyle.exact)
        let catalog = text("catalog")
        let specIndex = CatalogData.categories.firstIndex { $0.code == catalog } ?? -1
        let price = record["price"]?.doubleValue ?? 0
        let discountPrice = record["discountPrice"]?.doubleValue ?? price
        let rrp = record["rrp"]?.doubleValue ?? 0
        let copyrightTax = record["copyrightTax"]?.doubleValue ?? 0
        return Product(
            id: code, elkoCode: code, name: text("name"), uaName: text("uAproductName"),
            manufacturerCode: text("manufacturerCode"), vendorName: text("vendorName"),
            vendorCode: text("vendorCode"), catalog: catalog,
            catalogName: specIndex >= 0 ? CatalogData.categories[specIndex].name : catalog,
            initialStock: stock.quantity, stockStyle: stock.style, price: price, discountPrice: discountPrice,
            currency: record["currency"]?.stringValue ?? "UAH", isEsd: false, ean: text("eanCode"),
            warrantyMonths: leadingInt(text("warranty")), packagingQuantity: record["packagingQuantity"]?.intValue ?? 1,
            incomingQuantity: record["transitQuantity"]?.intValue ?? record["incomingQuantity"]?.intValue ?? 0,
            incomingDate: "", fullDsc: text("fullDsc"), imageId: imageId(text("pictureUrl")), rrp: rrp,
            copyrightTax: copyrightTax, uktzed: record["code_UKTZED"]?.stringValue, raw: record,
            idText: String(code), codeText: String(code), priceText: numberText(record["price"], price),
            discountPriceText: numberText(record["discountPrice"], discountPrice),
            rrpText: numberText(record["rrp"], rrp), copyrightTaxText: String(copyrightTax),
            specIndex: specIndex)
    }

    /// A number's own literal text when the record has one, so values are served as written.
    private static func numberText(_ value: JSON?, _ fallback: Double) -> String {
        if case .number(let text)? = value { return text }
        return String(fallback)
    }

    private static func leadingInt(_ s: String) -> Int {
        Int(s.prefix { $0 >= "0" && $0 <= "9" }) ?? 0
    }

    /// `https://static.elkogroup.com/ProductImages/d048c446-....Jpeg` → `d048c446-...`.
    private static func imageId(_ url: String) -> String {
        guard let file = url.split(separator: "/").last else { return "" }
        if let dot = file.lastIndex(of: ".") { return String(file[..<dot]) }
        return String(file)
    }

    /// The whole file, read with POSIX calls.
    static func readFile(_ path: String) throws(CatalogError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            throw CatalogError("cannot open catalog fixture \(path): \(reason)")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(file) != 0 {
                    let reason = String(cString: strerror(errno))
                    throw CatalogError("cannot read catalog fixture \(path): \(reason)")
                }
                break
            }
        }
        return bytes
    }
}
