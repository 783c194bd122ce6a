import ElkoAPI
import HTTPTypes
import Hummingbird

/// One resolved API request.
struct Call: Sendable {
    let operation: Operation
    let dialect: Dialect
    let pathValues: [String: String]
    let query: QueryString
    let body: [UInt8]?
    let accept: String
    let clientIP: IPAddress?

    func jsonBody() throws(APIError) -> JSON {
        guard let body, !body.isEmpty else { throw .badRequest("A non-empty request body is required.") }
        do { return try JSON.parse(body) } catch {
            throw .badRequest("The request body is not valid JSON: \(error)")
        }
    }

    /// A path parameter that must be a whole number (ASP.NET's `{id:int}` would answer 404 otherwise).
    func intPath(_ name: String) throws(APIError) -> Int {
        guard let v = pathValues[name], let i = Int(v) else {
            throw .notFound("")
        }
        return i
    }

    /// The comma list of ELKO codes in the path (`/Products/1,2,3/Description`).
    func pathCodes() throws(APIError) -> [Int] {
        try Call.codes((pathValues["elkoCodes"] ?? "").split(separator: ",").map { String($0.trimmed) }, field: "elkoCodes")
    }

    /// A comma list of ELKO codes.
    static func codes(_ values: [String], field: String) throws(APIError) -> [Int] {
        var out: [Int] = []
        for v in values {
            guard let code = Int(v), code > 0 else { throw .badRequest("The value '\(v)' is not valid for \(field).") }
            out.append(code)
        }
        return out
    }
}

extension Sandbox {
    func handle(_ call: Call, account: String) throws(APIError) -> Reply {
        let catalog = state.catalog
        let now = state.clock.now()
        switch call.operation.name {
        case "catalog.products":
            return try products(call)
        case "catalog.esd":
            return Reply(payload: .prepared(.init(operation: "catalog.esd", dialect: call.dialect, xml: false)))
        case "catalog.description":
            let codes = try call.pathCodes()
            let shape: Catalog.DescriptionShape =
                configuration.descriptionShape == "flat" ? .flat
                : configuration.descriptionShape == "nested" ? .nested
                : (call.dialect == .ua ? .flat : .nested)
            let found = codes.compactMap { catalog.product(elkoCode: $0) }
            guard !found.isEmpty else { throw .notFound("Product \(codes.map(String.init).joined(separator: ",")) was not found.") }
            var items: [JSON] = []
            for p in found {
                let d = catalog.descriptionJSON(p, shape: shape, lang: call.query.value("lang"))
                if shape == .flat, let list = d.arrayValue { items += list } else { items.append(d) }
            }
            return .json(.array(items), root: "ArrayOfProductDescription")
        case "catalog.media":
            let codes = try call.pathCodes()
            let found = codes.compactMap { catalog.product(elkoCode: $0) }
            guard !found.isEmpty else { throw .notFound("Product \(codes.map(String.init).joined(separator: ",")) was not found.") }
            return .json(.array(found.map { catalog.mediaJSON($0) }), root: "ArrayOfMediaItem")
        case "catalog.categories":
            return .json(catalog.categoriesJSON(dialect: call.dialect), root: "ArrayOfCategory")
        case "catalog.categoryTree":
            return .json(catalog.categoryTreeJSON(), root: "ArrayOfCategoryNode")
        case "catalog.vendors":
            return .json(catalog.vendorsJSON(), root: "ArrayOfVendor")
        case "catalog.availability":
            let rawType = call.pathValues["type"] ?? ""
            guard let type = OperationTable.availabilityTypes.first(where: { $0.lowercased() == rawType.lowercased() }) else {
                throw .badRequest("The value '\(rawType)' is not valid for type. Use one of: \(OperationTable.availabilityTypes.joined(separator: ", ")).")
            }
            guard let list = call.query.list("elkoCodes"), !list.isEmpty else {
                throw .badRequest("The elkoCodes field is required.")
            }
            let codes = try Call.codes(list, field: "elkoCodes")
            let items: [JSON] = state.data.withLock { d in
                codes.compactMap { catalog.product(elkoCode: $0) }.map {
                    catalog.availabilityJSON($0, type: type, stock: max(0, d.available($0)))
                }
            }
            return .json(.array(items), root: "ArrayOfAvailabilityAndPrice")

        case "orders.list":
            let items = state.data.withLock { d in
                d.orders.values.filter { $0.accountNo == account && $0.status != .cancelled }
                    .sorted { $0.id < $1.id }.map { $0.json() }
            }
            return .json(.array(items), root: "ArrayOfOrder")
        case "orders.get":
            let id = try call.intPath("orderId")
            return .json(try state.data.withLock { d throws(APIError) in try d.order(id, account: account).json() }, root: "Order")
        case "orders.create":
            let body = try call.jsonBody()
            return .json(try state.data.withLock { d throws(APIError) in
                try d.createOrder(account: account, body: body, catalog: catalog, now: now).json()
            }, root: "Order")
        case "orders.modify":
            let id = try call.intPath("orderId")
            let body = try call.jsonBody()
            return .json(try state.data.withLock { d throws(APIError) in
                try d.modifyOrder(id, account: account, body: body, catalog: catalog).json()
            }, root: "Order")
        case "orders.cancel":
            let id = try call.intPath("orderId")
            return .json(try state.data.withLock { d throws(APIError) in
                try d.cancelOrder(id, account: account, catalog: catalog).json()
            }, root: "Order")

        case "reservations.create":
            let body = try call.jsonBody()
            let hours = configuration.reservationHours
            return .json(try state.data.withLock { d throws(APIError) in
                try d.createReservation(account: account, body: body, catalog: catalog, now: now, defaultHours: hours).json()
            }, root: "Reservation")
        case "reservations.list":
            let items = state.data.withLock { d in
                d.expireReservations(now: now, catalog: catalog)
                return d.reservations.values.filter { $0.accountNo == account && $0.status == .active }
                    .sorted { $0.id < $1.id }.map { $0.json() }
            }
            return .json(.array(items), root: "ArrayOfReservation")
        case "reservations.get":
            let id = try call.intPath("reservationId")
            return .json(try state.data.withLock { d throws(APIError) in
                d.expireReservations(now: now, catalog: catalog)
                return try d.reservation(id, account: account).json()
            }, root: "Reservation")
        case "reservations.release":
            let id = try call.intPath("reservationId")
            return .json(try state.data.withLock { d throws(APIError) in
                try d.releaseReservation(id, account: account, now: now, catalog: catalog).json()
            }, root: "Reservation")

        case "invoices.list":
            let raw = (call.pathValues["withAdditionalInfo"] ?? "").lowercased()
            guard raw == "true" || raw == "false" else {
                throw .badRequest("The value '\(call.pathValues["withAdditionalInfo"] ?? "")' is not valid for withAdditionalInfo.")
            }
            return .json(.array(Invoices.make(account: account, catalog: catalog, withAdditionalInfo: raw == "true", from: nil, to: nil)), root: "ArrayOfInvoice")
        case "invoices.range":
            guard let from = JDEDate(call.pathValues["from"] ?? "") else {
                throw .badRequest("The value '\(call.pathValues["from"] ?? "")' is not valid for from. Dates are JDE Julian CYYDDD (118269 = 2018-09-26).")
            }
            guard let to = JDEDate(call.pathValues["to"] ?? "") else {
                throw .badRequest("The value '\(call.pathValues["to"] ?? "")' is not valid for to. Dates are JDE Julian CYYDDD (118269 = 2018-09-26).")
            }
            return .json(.array(Invoices.make(account: account, catalog: catalog, withAdditionalInfo: true, from: from, to: to)), root: "ArrayOfInvoice")

        case "account.get":
            let company = state.data.withLock { $0.companies[account] }
            guard let company else { throw .notFound("") }
            return .json(.object([
                ("accountNo", .string(company.accountNo)), ("name", .string(company.config.name)),
                ("username", .string(company.config.username)), ("currency", .string("USD")),
                ("allowedIpAddresses", .array(company.config.allowList.map { .string($0) })),
            ]), root: "Account")
        case "token.create":
            return try issueToken(call)
        default:
            throw .notFound("")
        }
    }

    func products(_ call: Call) throws(APIError) -> Reply {
        let q = call.query
        let codeList = q.list("elkoCode")
        let vendors = q.list("vendorCode").map { Set($0.map { $0.uppercased() }) }
        let categories = q.list("catalog").map { Set($0.map { $0.uppercased() }) }
        let onlyAvailable = call.dialect == .ua && ["true", "1"].contains(q.value("showOnlyAvaliable")?.lowercased() ?? "")
        if codeList == nil, vendors == nil, categories == nil, !onlyAvailable {
            return Reply(payload: .prepared(.init(operation: "catalog.products", dialect: call.dialect, xml: false)))
        }
        let catalog = state.catalog
        let candidates: [Product]
        if let codeList {
            candidates = try Call.codes(codeList, field: "elkoCode").compactMap { catalog.product(elkoCode: $0) }.filter { !$0.isEsd }
        } else {
            candidates = catalog.products
        }
        let now = state.clock.now()
        let items: [JSON] = state.data.withLock { d in
            let reserved = d.reservedByCode(now: now, catalog: catalog)
            return candidates.filter { p in
                (vendors?.contains(p.vendorCode.uppercased()) ?? true)
                    && (categories?.contains(p.catalog.uppercased()) ?? true)
                    && (!onlyAvailable || d.available(p) > 0)
            }.map { catalog.productJSON($0, dialect: call.dialect, stock: max(0, d.available($0)), reserved: reserved[$0.elkoCode] ?? 0) }
        }
        return .json(.array(items), root: "ArrayOfProduct")
    }

    /// `POST Token` with `{"username", "password"}`: a new token; the company's previous one stops working.
    /// The reply is the token as a JSON string, or bare text for `Accept: text/plain`.
    func issueToken(_ call: Call) throws(APIError) -> Reply {
        let body = try call.jsonBody()
        guard let username = body["username"]?.stringValue, !username.isEmpty else {
            throw .badRequest("The Username field is required.")
        }
        guard let password = body["password"]?.stringValue, !password.isEmpty else {
            throw .badRequest("The Password field is required.")
        }
        let company = state.data.withLock { d in
            d.companies.values.first { $0.config.username.lowercased() == username.lowercased() && $0.config.password == password }
        }
        guard let company else { throw .badRequest("The user name or password is incorrect.") }
        guard let ip = call.clientIP, company.allowList.allows(ip) else {
            throw APIError(403, "Access denied: IP address \(call.clientIP?.description ?? "unknown") is not allowed for this account.")
        }
        guard let token = state.rotateToken(accountNo: company.accountNo, clientIP: ip.description) else { throw .notFound("") }
        if call.accept.lowercased().contains("text/plain") {
            return Reply(payload: .text(token))
        }
        return .json(.string(token), root: "string")
    }
}

/// A JDE Julian date `CYYDDD`: century since 1900, year in century, day of year (118269 = 2018-09-26).
struct JDEDate: Comparable, Sendable {
    let value: Int

    init?(_ text: String) {
        guard (5...6).contains(text.count), let v = Int(text), v >= 0 else { return nil }
        let day = v % 1000
        guard day >= 1, day <= 366 else { return nil }
        self.value = v
    }

    init(value: Int) { self.value = value }

    static func < (a: JDEDate, b: JDEDate) -> Bool { a.value < b.value }
}

/// A company's invoices, made from the catalog so that their lines name real products.
enum Invoices {
    static func make(account: String, catalog: Catalog, withAdditionalInfo: Bool, from: JDEDate?, to: JDEDate?) -> [JSON] {
        let accountSeed = account.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }
        let products = catalog.products
        guard !products.isEmpty else { return [] }
        var out: [JSON] = []
        for n in 0..<3 {
            let date = JDEDate(value: 126_300 + n * 10)
            if let from, date < from { continue }
            if let to, to < date { continue }
            let p = products[(accountSeed + n * 7) % products.count]
            var fields: [(String, JSON)] = [
                ("invoiceId", .string("INV\(account)-\(n + 1)")), ("dateCreate", .int(date.value)),
                ("trackingDPD", .string(n == 0 ? "" : "0550\(accountSeed)\(n)")),
            ]
            if withAdditionalInfo {
                let total: Double = (p.discountPrice * Double(n + 1) * 100).rounded() / 100
                fields.append(("additionalInfo", .object([
                    ("currency", .string(p.currency)), ("totalAmount", .string(String(total))),
                    ("vat", .string("20")),
                ])))
            }
            fields.append(("details", .array([.object([
                ("lineId", .int(1)), ("elkoCode", .int(p.elkoCode)), ("orderNumber", .string(String(5_000_000 + n))),
                ("quantityShipped", .string(String(n + 1))), ("price", .string(String(p.discountPrice))),
                ("serials", .array([.string("SN\(p.elkoCode)\(n)")])),
            ])])))
            out.append(.object(fields))
        }
        return out
    }
}
