/// Every ELKO API v3 operation, as data. The client, the sandbox, the bindings and the docs all read
/// this one table; `ELKO-API.md` (in the shared folder) is the evidence behind each row, and
/// `Operation.evidence` says how sure we are. Paths a user doubts can be overridden per operation in
/// the client's configuration (`"paths": {"orders.get": "/v3.0/api/Orders/{orderId}"}`).
public enum OperationTable {
    /// Availability-and-price report types (`/Catalog/AvailabilityAndPrice/{type}`).
    public static let availabilityTypes = [
        "Availability", "AvailabilityPrice", "AvailabilityIncoming", "AvailabilityIncomingPrice",
    ]

    public static let all: [Operation] = [
        // MARK: Catalog
        Operation(
            "catalog.products", .GET, api: "/v3.0/api/Catalog/Products", ua: "/v3.0/Catalogs/Products",
            parameters: [
                Parameter("elkoCode", in: .query, list: true, "ELKO product codes; the whole assortment when omitted"),
                Parameter("vendorCode", in: .query, list: true, "2-character vendor codes (e.g. `U1`)"),
                Parameter("catalog", in: .query, list: true, "3-letter category codes (e.g. `CPU`)"),
                Parameter("lang", in: .query, "Language of names (UA dialect: `RU` or `UA`)"),
                Parameter("showOnlyAvaliable", in: .query, as: .boolean, dialects: [.ua],
                          "Only products in stock (ELKO spells it so)"),
            ],
            list: true, evidence: .guide,
            "The catalog: the whole assortment in one array (ELKO has no paging); call before ordering"),
        Operation(
            "catalog.esd", .GET, api: "/v3.0/api/Catalog/Products/Esd", ua: "/v3.0/Catalogs/Products/Esd",
            list: true, evidence: .guide, "Electronic software delivery (ESD) products"),
        Operation(
            "catalog.description", .GET,
            api: "/v3.0/api/Catalog/Products/{elkoCodes}/Description",
            ua: "/v3.0/Catalogs/Products/{elkoCodes}/Description",
            parameters: [
                Parameter("elkoCodes", in: .path, list: true, "ELKO codes, comma-separated (batches of 20-50)"),
                Parameter("lang", in: .query, "Language of the description"),
            ],
            list: true, evidence: .client, "Product descriptions: specifications, HTML, weights and sizes"),
        Operation(
            "catalog.media", .GET, api: "/v3.0/api/Catalog/MediaItems/{elkoCodes}",
            ua: "/v3.0/Catalogs/MediaItems/{elkoCodes}",
            parameters: [Parameter("elkoCodes", in: .path, list: true, "ELKO codes, comma-separated")],
            list: true, evidence: .client, "Product images; sequence 1 is the main image"),
        Operation(
            "catalog.categories", .GET, api: "/v3.0/api/Catalog/Categories", ua: "/v3.0/Catalogs/CategoryList",
            list: true, evidence: .client, "Product categories (3-letter codes)"),
        Operation(
            "catalog.categoryTree", .GET, api: "/v3.0/api/Catalog/Categories/Tree",
            ua: "/v3.0/Catalogs/Categories/Tree",
            list: true, evidence: .client, "Category tree (`childs`; group nodes have an empty code)"),
        Operation(
            "catalog.vendors", .GET, api: "/v3.0/api/Catalog/Vendors", ua: "/v3.0/Catalogs/Vendors",
            list: true, evidence: .client, "Vendors (2-character codes)"),
        Operation(
            "catalog.availability", .GET, api: "/v3.0/api/Catalog/AvailabilityAndPrice/{type}",
            ua: "/v3.0/Catalogs/AvailabilityAndPrice/{type}",
            parameters: [
                Parameter("type", in: .path, as: .oneOf(availabilityTypes),
                          "Availability, AvailabilityPrice, AvailabilityIncoming or AvailabilityIncomingPrice"),
                Parameter("elkoCodes", in: .query, required: true, list: true, "ELKO codes, comma-separated"),
            ],
            list: true, evidence: .client, "Stock, incoming stock and prices for the given codes"),

        // MARK: Orders
        Operation(
            "orders.list", .GET, api: "/v3.0/api/Orders", ua: "/v3.0/Orders",
            list: true, evidence: .guide, "All actual orders"),
        Operation(
            "orders.get", .GET, api: "/v3.0/api/Orders/{orderId}", ua: "/v3.0/Orders/{orderId}",
            parameters: [Parameter("orderId", in: .path, as: .integer, "Order id as returned by orders.create")],
            list: false, evidence: .inferred, "One order"),
        Operation(
            "orders.create", .POST, api: "/v3.0/api/Orders", ua: "/v3.0/Orders",
            body: .json(required: ["Lines"]),
            list: false, evidence: .guide, "Places an order (a real purchase on ELKO's production API)"),
        Operation(
            "orders.modify", .PUT, api: "/v3.0/api/Orders/{orderId}", ua: "/v3.0/Orders/{orderId}",
            parameters: [Parameter("orderId", in: .path, as: .integer, "Order id")],
            body: .json(required: []),
            list: false, evidence: .inferred, "Changes an open order (lines, delivery, references)"),
        Operation(
            "orders.cancel", .DELETE, api: "/v3.0/api/Orders/{orderId}", ua: "/v3.0/Orders/{orderId}",
            parameters: [Parameter("orderId", in: .path, as: .integer, "Order id")],
            list: false, evidence: .inferred, "Cancels an open order and returns its stock"),

        // MARK: Reservations (ELKO's paths are not public: the sandbox's model)
        Operation(
            "reservations.create", .POST, api: "/v3.0/api/Reservations", ua: "/v3.0/Reservations",
            body: .json(required: ["Lines"]),
            list: false, evidence: .sandboxModel, "Reserves stock (guaranteed availability) until released or expired"),
        Operation(
            "reservations.list", .GET, api: "/v3.0/api/Reservations", ua: "/v3.0/Reservations",
            list: true, evidence: .sandboxModel, "Active reservations"),
        Operation(
            "reservations.get", .GET, api: "/v3.0/api/Reservations/{reservationId}",
            ua: "/v3.0/Reservations/{reservationId}",
            parameters: [Parameter("reservationId", in: .path, as: .integer, "Reservation id")],
            list: false, evidence: .sandboxModel, "One reservation"),
        Operation(
            "reservations.release", .DELETE, api: "/v3.0/api/Reservations/{reservationId}",
            ua: "/v3.0/Reservations/{reservationId}",
            parameters: [Parameter("reservationId", in: .path, as: .integer, "Reservation id")],
            list: false, evidence: .sandboxModel, "Releases a reservation and returns its stock"),

        // MARK: Finances
        Operation(
            "invoices.list", .GET, api: "/v3.0/api/Finances/Invoices/{withAdditionalInfo}",
            ua: "/v3.0/Finances/Invoices/{withAdditionalInfo}",
            parameters: [Parameter("withAdditionalInfo", in: .path, as: .boolean, "Include `additionalInfo`")],
            list: true, evidence: .client, "Invoices"),
        Operation(
            "invoices.range", .GET, api: "/v3.0/api/Finances/Invoices/{from}/{to}",
            ua: "/v3.0/Finances/Invoices/{from}/{to}",
            parameters: [
                Parameter("from", in: .path, as: .jdeDate, "First day, JDE Julian CYYDDD (118269 = 2018-09-26)"),
                Parameter("to", in: .path, as: .jdeDate, "Last day, JDE Julian CYYDDD"),
            ],
            list: true, evidence: .client, "Invoices created between two dates"),

        // MARK: Account and token
        Operation(
            "account.get", .GET, api: "/v3.0/api/Accounts/My", ua: "/v3.0/Accounts/My",
            list: false, evidence: .client, "The account the token belongs to"),
        Operation(
            "token.create", .POST, api: "/v3.0/api/Token", ua: "/v3.0/Token",
            body: .json(required: ["Username", "Password"]),
            list: false, evidence: .client,
            "Issues a new token for username and password; the company's previous token stops working"),
    ]

    private static let byName: [String: Operation] = Dictionary(
        all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The operation with this exact name, or nil.
    public static func named(_ name: String) -> Operation? { byName[name] }
}
