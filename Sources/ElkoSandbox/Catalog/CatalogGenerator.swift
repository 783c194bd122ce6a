/// Makes the seeded catalog. Codes ascend in runs of one vendor and category, as ELKO's do
/// (a run of BOSCH microphones, then SUPERMICRO server parts, ...).
struct CatalogGenerator {
    /// Stream numbers for per-product generators (descriptions and media are made on demand).
    static let descriptionStream: UInt64 = 2
    static let mediaStream: UInt64 = 3
    static let firstCode = 1_000_000
    static let lastCode = 9_999_999

    let seed: UInt64
    private let vendorIndex: [String: Int]
    /// Per category, per position in its `vendors`: the model and manufacturer-code patterns.
    private let models: [[[String]]]
    private let mpns: [[[String]]]
    /// Cumulative shares of the non-ESD categories, for drawing a category.
    private let cumulativeShares: [(total: Int, category: Int)]

    init(seed: UInt64) {
        self.seed = seed
        var vendorIndex: [String: Int] = [:]
        for (i, v) in CatalogData.vendors.enumerated() where vendorIndex[v.code] == nil { vendorIndex[v.code] = i }
        self.vendorIndex = vendorIndex
        models = CatalogData.categories.map { c in c.vendors.map { Self.patterns(c.models, vendor: $0) } }
        mpns = CatalogData.categories.map { c in c.vendors.map { Self.patterns(c.mpn, vendor: $0) } }
        var cumulative: [(Int, Int)] = []
        var total = 0
        for (i, c) in CatalogData.categories.enumerated() where c.share > 0 {
            total += c.share
            cumulative.append((total, i))
        }
        cumulativeShares = cumulative
    }

    /// The patterns open to `vendor`: those marked `"XX|"` for it, else the unmarked ones.
    private static func patterns(_ all: [String], vendor: String) -> [String] {
        let own = all.compactMap { p -> String? in
            guard p.utf8.count > 3, p.hasPrefix(vendor + "|") else { return nil }
            return String(p.dropFirst(3))
        }
        if !own.isEmpty { return own }
        let open = all.filter { !$0.contains("|") }
        return open.isEmpty ? all.map { String($0.split(separator: "|").last ?? Substring($0)) } : open
    }

    func generate(products count: Int, esd esdCount: Int) -> (products: [Product], esd: [Product]) {
        var rng = SeededGenerator(seed: seed)
        var products: [Product] = []
        products.reserveCapacity(count)
        var esd: [Product] = []
        esd.reserveCapacity(esdCount)

        let total = count + esdCount
        var code = Self.firstCode + rng.below(200_000)
        // Gaps between runs keep the last code 7 digits even for the largest catalog.
        let room = (Self.lastCode - code) / max(total, 1)
        let maxGap = max(1, min(40, room - 1))
        var id = 40_000 + rng.below(10_000)

        while products.count < count || esd.count < esdCount {
            let productsLeft = count - products.count
            let esdLeft = esdCount - esd.count
            let isEsd = esdLeft > 0 && (productsLeft <= 0 || rng.below(productsLeft + esdLeft) < esdLeft)
            let category = isEsd ? CatalogData.esdIndex : drawCategory(&rng)
            let spec = CatalogData.categories[category]
            let vendorPosition = rng.below(spec.vendors.count)
            let runLength = min(rng.int(in: 1...6), isEsd ? esdLeft : productsLeft)
            code += rng.int(in: 1...maxGap)
            for i in 0..<runLength {
                if i > 0 { code += rng.int(in: 1...2) }
                id += rng.int(in: 1...3)
                let product = make(
                    &rng, code: code, id: id, category: category, vendorPosition: vendorPosition, isEsd: isEsd)
                if isEsd { esd.append(product) } else { products.append(product) }
            }
        }
        return (products, esd)
    }

    private func drawCategory(_ rng: inout SeededGenerator) -> Int {
        guard let total = cumulativeShares.last?.total else { return 0 }
        let r = rng.below(total)
        var lo = 0, hi = cumulativeShares.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulativeShares[mid].total > r { hi = mid } else { lo = mid + 1 }
        }
        return cumulativeShares[lo].category
    }

    private func make(
        _ rng: inout SeededGenerator, code: Int, id: Int, category: Int, vendorPosition: Int, isEsd: Bool
    ) -> Product {
        let spec = CatalogData.categories[category]
        let vendorCode = spec.vendors[vendorPosition]
        let vendor = vendorIndex[vendorCode].map { CatalogData.vendors[$0] }
            ?? VendorSpec(code: vendorCode, name: vendorCode, homepage: "")
        let model = rng.fill(rng.pick(models[category][vendorPosition]))
        let mpn = rng.fill(rng.pick(mpns[category][vendorPosition]))

        var name = spec.prefix
        name += " "
        name += model
        for options in spec.attributes where rng.below(100) < 85 {
            name += " "
            name += rng.pick(options)
        }
        name += "/"
        name += mpn
        name += " "
        name += vendor.name

        var uaName = ""
        if rng.below(100) >= 8 {
            uaName = spec.uaNoun
            uaName += " "
            uaName += model
            uaName += " "
            uaName += mpn
            uaName += " "
            uaName += vendor.name
        }

        var fullDsc = ""
        if rng.below(100) >= 10 {
            for line in spec.specs where rng.below(100) < 80 {
                if !fullDsc.isEmpty { fullDsc += " | " }
                fullDsc += line.label
                fullDsc += " "
                fullDsc += rng.fill(rng.pick(line.values))
                if let unit = line.unit {
                    fullDsc += " "
                    fullDsc += unit
                }
            }
            if rng.below(100) < 40 {
                if !fullDsc.isEmpty { fullDsc += " | " }
                fullDsc += "Colour "
                fullDsc += rng.pick(CatalogData.colours)
            }
        }

        // Stock: ~30% none, ~40% a few exact units, ~30% more than ten.
        let stock: Int
        let style: StockStyle
        if isEsd {
            stock = 1_000
            style = .greaterThan(10)
        } else {
            let band = rng.below(100)
            if band < 30 {
                stock = 0
            } else if band < 70 {
                stock = rng.int(in: 1...10)
            } else {
                let u = rng.unit()
                stock = 11 + Int(489 * u * u * u)
            }
            let s = rng.below(100)
            style = s < 15 ? .exact : s < 55 ? .greaterThan(10) : s < 70 ? .greaterThanSpaced(50) : .plus(10)
        }

        let u = rng.unit()
        let span = Double(spec.cents.upperBound - spec.cents.lowerBound)
        let cents = spec.cents.lowerBound + Int(span * u * u)
        let discountCents = rng.below(100) < 20 ? cents * rng.int(in: 85...98) / 100 : cents
        let price = Double(cents) / 100
        let discountPrice = Double(discountCents) / 100
        let rrp = rng.below(100) < 30 ? Double((cents * 6 / 5 + 99) / 100) : 0

        var ean = ""
        if rng.below(100) >= 8 {
            var digits = [UInt8]()
            digits.reserveCapacity(13)
            var sum = 0
            for i in 0..<12 {
                let d = i == 0 ? rng.int(in: 1...9) : rng.below(10)
                sum += i % 2 == 0 ? d : d * 3
                digits.append(UInt8(ascii: "0") + UInt8(d))
            }
            digits.append(UInt8(ascii: "0") + UInt8((10 - sum % 10) % 10))
            ean = String(decoding: digits, as: UTF8.self)
        }

        let incoming: Int
        let incomingDate: String
        if !isEsd && rng.below(100) < 35 {
            let v = rng.unit()
            incoming = 1 + Int(199 * v * v)
            incomingDate = CalendarDate.isoDate(daysAfter2026_08_01: rng.int(in: 3...180))
        } else {
            incoming = 0
            incomingDate = ""
        }

        let copyrightTax: Double
        switch spec.code {
        case "HDD", "SSD", "TAB", "NBK", "DTP": copyrightTax = Double(rng.int(in: 50...300)) / 100
        default: copyrightTax = 0
        }

        return Product(
            id: id, elkoCode: code, name: name, uaName: uaName, manufacturerCode: mpn,
            vendorName: vendor.name, vendorCode: vendor.code, catalog: spec.code, catalogName: spec.name,
            initialStock: stock, stockStyle: style, price: price, discountPrice: discountPrice,
            currency: "USD", isEsd: isEsd, ean: ean, warrantyMonths: rng.pick(spec.warranty),
            packagingQuantity: rng.pick(spec.packaging), incomingQuantity: incoming, incomingDate: incomingDate,
            fullDsc: fullDsc, imageId: rng.uuid(), rrp: rrp, copyrightTax: copyrightTax,
            uktzed: rng.below(100) < 85 ? spec.uktzed : nil, raw: nil,
            idText: String(id), codeText: String(code), priceText: String(price),
            discountPriceText: String(discountPrice), rrpText: String(rrp), copyrightTaxText: String(copyrightTax),
            specIndex: category)
    }
}

/// Calendar arithmetic for the few dates the catalog writes (no Foundation).
enum CalendarDate {
    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `YYYY-MM-DD` for 2026-08-01 plus `days`.
    static func isoDate(daysAfter2026_08_01 days: Int) -> String {
        var y = 2026, m = 8, d = 1 + max(0, days)
        while d > daysIn(month: m, year: y) {
            d -= daysIn(month: m, year: y)
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return String(y) + (m < 10 ? "-0" : "-") + String(m) + (d < 10 ? "-0" : "-") + String(d)
    }
}
