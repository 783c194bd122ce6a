/// How ELKO writes a stock quantity. Stock is a string on the wire (`"0"`, `"8"`, `">10"`, `"> 50"`,
/// `"10+"`): exact below a threshold, a lower bound above it.
public enum StockStyle: Sendable, Equatable {
    /// Always the exact number.
    case exact
    /// `">10"` when the quantity is above the threshold.
    case greaterThan(Int)
    /// `"> 50"` (with a space) when the quantity is above the threshold.
    case greaterThanSpaced(Int)
    /// `"10+"` when the quantity is at or above the threshold.
    case plus(Int)

    /// The text ELKO sends for `quantity`.
    public func render(_ quantity: Int) -> String {
        switch self {
        case .exact: String(quantity)
        case .greaterThan(let n): quantity > n ? ">" + String(n) : String(quantity)
        case .greaterThanSpaced(let n): quantity > n ? "> " + String(n) : String(quantity)
        case .plus(let n): quantity >= n ? String(n) + "+" : String(quantity)
        }
    }

    /// True when `render(quantity)` is a lower bound rather than the exact number.
    public func isLowerBound(_ quantity: Int) -> Bool {
        switch self {
        case .exact: false
        case .greaterThan(let n), .greaterThanSpaced(let n): quantity > n
        case .plus(let n): quantity >= n
        }
    }

    /// Reads a stock text back: the smallest quantity it can stand for, and the style that writes it
    /// again unchanged (`">10"` → 11, `"10+"` → 10, `"8"` → 8). Nil when the text is not a stock value.
    public static func parse(_ text: String) -> (quantity: Int, style: StockStyle)? {
        var s = Substring(text)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        if s.hasPrefix(">") {
            let rest = s.dropFirst()
            let spaced = rest.first == " "
            guard let n = Int(rest.drop(while: { $0 == " " })), n >= 0 else { return nil }
            return (n + 1, spaced ? .greaterThanSpaced(n) : .greaterThan(n))
        }
        if s.hasSuffix("+") {
            guard let n = Int(s.dropLast()), n >= 0 else { return nil }
            return (n, .plus(n))
        }
        guard let n = Int(s), n >= 0 else { return nil }
        return (n, .exact)
    }
}

/// One catalog product. Generated products carry every field; fixture products keep the original UA
/// record in `raw` and fill the fields from it.
public struct Product: Sendable {
    /// ELKO's internal record id, sent as `id` in the "api" dialect (the UA dialect sends the code).
    public let id: Int
    /// The 7-digit ELKO code (`1258600`). Unique in a catalog.
    public let elkoCode: Int
    public let name: String
    /// `uAproductName`: the Ukrainian name (may be empty, as in real data).
    public let uaName: String
    public let manufacturerCode: String
    public let vendorName: String
    /// 2 characters (`B6`, `IN`, `SM`).
    public let vendorCode: String
    /// 3-letter category code (`CPU`).
    public let catalog: String
    public let catalogName: String
    /// The true quantity when the catalog was made; the server tracks the current stock itself.
    public let initialStock: Int
    public let stockStyle: StockStyle
    public let price: Double
    public let discountPrice: Double
    /// `USD` for generated data; fixture products keep their own (`UAH`).
    public let currency: String
    public let isEsd: Bool
    public let ean: String
    public let warrantyMonths: Int
    public let packagingQuantity: Int
    /// Stock on its way (`incomingQuantity`, UA `transitQuantity`).
    public let incomingQuantity: Int
    /// Expected arrival of the incoming stock, `YYYY-MM-DD`; empty when nothing is incoming.
    public let incomingDate: String
    /// Pipe-separated specifications (`fullDsc`).
    public let fullDsc: String
    /// The main image's file name without extension (a UUID, or a number in older real data).
    public let imageId: String
    /// Recommended retail price (UA `rrp`); 0 when none.
    public let rrp: Double
    /// Copyright levy per unit (`copyrightTax`).
    public let copyrightTax: Double
    /// Ukrainian customs code (`code_UKTZED`), nil when unknown.
    public let uktzed: String?
    /// For fixture products: the original UA record, served as-is except its stock fields.
    public let raw: JSON?

    // Number texts, written once so that rendering the whole catalog formats nothing.
    let idText: String
    let codeText: String
    let priceText: String
    let discountPriceText: String
    let rrpText: String
    let copyrightTaxText: String
    /// Index into the catalog's category specs (descriptions and sizes).
    let specIndex: Int
}

/// A product category (`catalog` in product records).
public struct Category: Sendable, Equatable {
    /// 3 letters (`CPU`).
    public let code: String
    public let name: String
    /// Ukrainian name (UA `CategoryList` `translation.ua`).
    public let uaName: String
    /// The group the category sits under in the category tree.
    public let groupName: String
}

/// A vendor (brand).
public struct Vendor: Sendable, Equatable {
    /// 2 characters (`B6`).
    public let code: String
    public let name: String
}
