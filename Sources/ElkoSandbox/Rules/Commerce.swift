// Orders and reservations: validation in ELKO's plain-text style, ids, statuses, and stock moves.

struct OrderLine: Sendable {
    let elkoCode: Int
    let quantity: Int
    /// Taken from stock or from a reservation; the rest is on backorder.
    var allocated: Int
    let price: Double
    let productName: String
    let clientNote: JSON
}

struct Order: Sendable {
    enum Status: String, Sendable { case confirmed = "Confirmed", cancelled = "Cancelled" }
    let id: Int
    let accountNo: String
    var status: Status
    var customerPo: JSON
    let currency: String
    let createdAt: String
    var lines: [OrderLine]
    /// The request body as sent (enduser, shipTo, delivery...), echoed back.
    var request: JSON
    let reservationId: Int?

    func json() -> JSON {
        var total = 0.0
        let lineJSON: [JSON] = lines.enumerated().map { i, l in
            let sum = (l.price * Double(l.quantity) * 100).rounded() / 100
            total += sum
            return .object([
                ("lineId", .int(i + 1)), ("elkoCode", .int(l.elkoCode)), ("productName", .string(l.productName)),
                ("quantity", .int(l.quantity)), ("quantityAllocated", .int(l.allocated)),
                ("quantityBackordered", .int(l.quantity - l.allocated)),
                ("price", .double(l.price)), ("sum", .double(sum)), ("clientNote", l.clientNote),
            ])
        }
        return .object([
            ("orderId", .int(id)), ("status", .string(status.rawValue)), ("customerPo", customerPo),
            ("currency", .string(currency)), ("createdAt", .string(createdAt)),
            ("reservationId", reservationId.map { .int($0) } ?? .null),
            ("total", .double((total * 100).rounded() / 100)),
            ("enduser", request["enduser"] ?? .null), ("shipTo", request["shipTo"] ?? .null),
            ("delivery", request["delivery"] ?? .null),
            ("deliveryInstructions", request["deliveryInstructions"] ?? .null),
            ("lines", .array(lineJSON)),
        ])
    }
}

struct Reservation: Sendable {
    enum Status: String, Sendable { case active = "Active", released = "Released", expired = "Expired", ordered = "Ordered" }
    struct Line: Sendable { let elkoCode: Int; let quantity: Int }
    let id: Int
    let accountNo: String
    var status: Status
    let lines: [Line]
    let comment: JSON
    /// The partner's reference (`customerPo` at the top level or in `enduser`), as for orders.
    let customerPo: JSON
    let createdAt: String
    let expiresAt: String
    /// Monotonic deadline in real seconds (already scaled).
    let deadline: Double
    var orderId: Int?

    func json() -> JSON {
        .object([
            ("reservationId", .int(id)), ("status", .string(status.rawValue)), ("comment", comment),
            ("customerPo", customerPo),
            ("createdAt", .string(createdAt)), ("expiresAt", .string(expiresAt)),
            ("orderId", orderId.map { .int($0) } ?? .null),
            ("lines", .array(lines.map { .object([("elkoCode", .int($0.elkoCode)), ("quantity", .int($0.quantity))]) })),
        ])
    }
}

/// A requested line after validation.
struct RequestedLine {
    let product: Product
    let quantity: Int
    let clientNote: JSON
}

extension StateData {
    /// Validates `lines` the way ELKO's model binding does and merges repeated codes.
    static func requestedLines(_ body: JSON, catalog: Catalog) throws(APIError) -> [RequestedLine] {
        guard case .object = body else { throw .badRequest("A non-empty request body is required.") }
        guard let lines = body["lines"]?.arrayValue, !lines.isEmpty else {
            throw .badRequest("The Lines field is required.")
        }
        var out: [RequestedLine] = []
        for (i, line) in lines.enumerated() {
            guard case .object = line else { throw .badRequest("Lines[\(i)] must be an object.") }
            guard let codeValue = line["elkoCode"], !codeValue.isNull else {
                throw .badRequest("The ElkoCode field is required.")
            }
            guard let code = codeValue.intValue else {
                throw .badRequest("The value '\(codeValue.text)' is not valid for ElkoCode.")
            }
            guard let product = catalog.product(elkoCode: code) else {
                throw .badRequest("Product \(code) was not found.")
            }
            guard let qv = line["quantity"], !qv.isNull else { throw .badRequest("The Quantity field is required.") }
            guard let q = qv.intValue, q > 0 else {
                throw .badRequest("The field Quantity must be a positive whole number (product \(code)).")
            }
            if let j = out.firstIndex(where: { $0.product.elkoCode == code }) {
                out[j] = RequestedLine(product: product, quantity: out[j].quantity + q, clientNote: out[j].clientNote)
            } else {
                out.append(RequestedLine(product: product, quantity: q, clientNote: line["clientNote"] ?? .null))
            }
        }
        return out
    }

    mutating func expireReservations(now: Double, catalog: Catalog) {
        for (id, r) in reservations where r.status == .active && now >= r.deadline {
            for line in r.lines { move(line.elkoCode, by: line.quantity, catalog: catalog) }
            reservations[id]?.status = .expired
        }
    }

    mutating func createReservation(account: String, body: JSON, catalog: Catalog, now: Double,
                                    defaultHours: Double) throws(APIError) -> Reservation {
        expireReservations(now: now, catalog: catalog)
        let lines = try Self.requestedLines(body, catalog: catalog)
        for l in lines where available(l.product) < l.quantity {
            throw .badRequest("Not enough stock for product \(l.product.elkoCode): \(max(0, available(l.product))) available, \(l.quantity) requested.")
        }
        var hours = defaultHours
        if let h = body["hours"], !h.isNull {
            guard let v = h.doubleValue, v > 0, v <= 24 * 30 else {
                throw .badRequest("The field Hours must be between 0 and 720.")
            }
            hours = v
        }
        for l in lines { move(l.product.elkoCode, by: -l.quantity, catalog: catalog) }
        let sandboxSeconds = hours * 3600
        let r = Reservation(
            id: nextReservationId, accountNo: account, status: .active,
            lines: lines.map { Reservation.Line(elkoCode: $0.product.elkoCode, quantity: $0.quantity) },
            comment: body["comment"] ?? .null,
            customerPo: body["customerPo"] ?? body["enduser"]?["customerPo"] ?? .null, createdAt: SandboxClock.isoNow(),
            expiresAt: SandboxClock.isoNow(plusSeconds: sandboxSeconds * timeScale),
            deadline: now + sandboxSeconds * timeScale)
        nextReservationId += 1
        reservations[r.id] = r
        return r
    }

    func reservation(_ id: Int, account: String) throws(APIError) -> Reservation {
        guard let r = reservations[id], r.accountNo == account else {
            throw .notFound("Reservation \(id) was not found.")
        }
        return r
    }

    mutating func releaseReservation(_ id: Int, account: String, now: Double, catalog: Catalog) throws(APIError) -> Reservation {
        expireReservations(now: now, catalog: catalog)
        var r = try reservation(id, account: account)
        guard r.status == .active else { throw .badRequest("Reservation \(id) is \(r.status.rawValue) and cannot be released.") }
        for line in r.lines { move(line.elkoCode, by: line.quantity, catalog: catalog) }
        r.status = .released
        reservations[id] = r
        return r
    }

    /// Places an order. Stock must cover every line unless backorder is asked for (`"backorder": true`
    /// or `"orderIfAllAvailable": false`). With `reservationId`, the reservation's stock is used first
    /// and the reservation is closed.
    mutating func createOrder(account: String, body: JSON, catalog: Catalog, now: Double) throws(APIError) -> Order {
        expireReservations(now: now, catalog: catalog)
        let lines = try Self.requestedLines(body, catalog: catalog)
        let backorder = body["backorder"]?.looseBoolValue == true || body["orderIfAllAvailable"]?.looseBoolValue == false
        var reservation: Reservation?
        if let rv = body["reservationId"], !rv.isNull {
            guard let rid = rv.intValue else { throw .badRequest("The value '\(rv.text)' is not valid for ReservationId.") }
            let r = try self.reservation(rid, account: account)
            guard r.status == .active else { throw .badRequest("Reservation \(rid) is \(r.status.rawValue).") }
            reservation = r
        }
        func held(_ code: Int) -> Int {
            reservation?.lines.filter { $0.elkoCode == code }.reduce(0) { $0 + $1.quantity } ?? 0
        }
        if !backorder {
            for l in lines where max(0, available(l.product)) + held(l.product.elkoCode) < l.quantity {
                throw .badRequest("Not enough stock for product \(l.product.elkoCode): \(max(0, available(l.product)) + held(l.product.elkoCode)) available, \(l.quantity) requested.")
            }
        }
        // Return the reservation's stock, then take what the order needs.
        if let r = reservation {
            for line in r.lines { move(line.elkoCode, by: line.quantity, catalog: catalog) }
        }
        var orderLines: [OrderLine] = []
        for l in lines {
            let take = min(l.quantity, max(0, available(l.product)))
            move(l.product.elkoCode, by: -take, catalog: catalog)
            orderLines.append(OrderLine(elkoCode: l.product.elkoCode, quantity: l.quantity, allocated: take,
                                        price: l.product.discountPrice, productName: l.product.name,
                                        clientNote: l.clientNote))
        }
        let order = Order(
            id: nextOrderId, accountNo: account, status: .confirmed,
            customerPo: body["customerPo"] ?? body["enduser"]?["customerPo"] ?? .null,
            currency: body["currency"]?.stringValue ?? lines.first?.product.currency ?? "USD",
            createdAt: SandboxClock.isoNow(), lines: orderLines, request: body,
            reservationId: reservation?.id)
        nextOrderId += 1
        orders[order.id] = order
        if let r = reservation {
            reservations[r.id]?.status = .ordered
            reservations[r.id]?.orderId = order.id
        }
        return order
    }

    func order(_ id: Int, account: String) throws(APIError) -> Order {
        guard let o = orders[id], o.accountNo == account else { throw .notFound("Order \(id) was not found.") }
        return o
    }

    /// Changes an open order: `lines` replace the lines (stock re-checked), `customerPo`,
    /// `deliveryInstructions`, `enduser`, `shipTo` and `delivery` replace those fields.
    mutating func modifyOrder(_ id: Int, account: String, body: JSON, catalog: Catalog) throws(APIError) -> Order {
        var o = try order(id, account: account)
        guard case .object(let members) = body else { throw .badRequest("A non-empty request body is required.") }
        guard o.status == .confirmed else { throw .badRequest("Order \(id) is \(o.status.rawValue) and cannot be changed.") }
        if body["lines"] != nil {
            let lines = try Self.requestedLines(body, catalog: catalog)
            let backorder = body["backorder"]?.looseBoolValue == true || body["orderIfAllAvailable"]?.looseBoolValue == false
            func had(_ code: Int) -> Int { o.lines.filter { $0.elkoCode == code }.reduce(0) { $0 + $1.allocated } }
            if !backorder {
                for l in lines where max(0, available(l.product)) + had(l.product.elkoCode) < l.quantity {
                    throw .badRequest("Not enough stock for product \(l.product.elkoCode): \(max(0, available(l.product)) + had(l.product.elkoCode)) available, \(l.quantity) requested.")
                }
            }
            for line in o.lines { move(line.elkoCode, by: line.allocated, catalog: catalog) }
            o.lines = lines.map { l in
                let take = min(l.quantity, max(0, available(l.product)))
                move(l.product.elkoCode, by: -take, catalog: catalog)
                return OrderLine(elkoCode: l.product.elkoCode, quantity: l.quantity, allocated: take,
                                 price: l.product.discountPrice, productName: l.product.name, clientNote: l.clientNote)
            }
        }
        if let po = body["customerPo"] { o.customerPo = po }
        for key in ["deliveryInstructions", "enduser", "shipTo", "delivery"] {
            if let v = members.first(where: { $0.0.lowercased() == key.lowercased() })?.1 {
                o.request = o.request.setting(key, v)
            }
        }
        orders[id] = o
        return o
    }

    mutating func cancelOrder(_ id: Int, account: String, catalog: Catalog) throws(APIError) -> Order {
        var o = try order(id, account: account)
        guard o.status == .confirmed else { throw .badRequest("Order \(id) is already \(o.status.rawValue).") }
        for line in o.lines { move(line.elkoCode, by: line.allocated, catalog: catalog) }
        o.status = .cancelled
        orders[id] = o
        return o
    }
}

extension JSON {
    /// A value as a person would write it in an error message.
    var text: String {
        switch self {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        default: serialized()
        }
    }
}
