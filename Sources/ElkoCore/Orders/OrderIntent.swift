import CJansson

// What an order's body says that the look-ups need: its partner reference and its lines. A found order
// counts as this intent's only if it carries the reference and asks for the same lines.

/// Partner references: read from a body, written into it, generated.
enum OrderReference {
    /// `A-Z a-z 0-9 - _`: safe in a URL, a file name, a log line and any ELKO field.
    static func isURLSafe(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// `prefix` and 22 random URL-safe characters (132 bits from the system's CSPRNG).
    static func generate(prefix: String) -> String {
        var rng = SystemRandomNumberGenerator()
        var out = Array(prefix.utf8)
        for _ in 0..<22 { out.append(alphabet[Int(rng.next() % 64)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A random hex id (the journal's intent ids).
    static func intentID() -> String {
        var rng = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for _ in 0..<2 {
            var v = rng.next() as UInt64
            for _ in 0..<16 {
                out.append(hex[Int(v & 15)])
                v >>= 4
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value at `path` (object keys from the top), or nil.
    static func value(at path: [String], in doc: JSONValue) -> JSONValue? {
        var current = doc
        for key in path {
            guard current.kind == .object, let child = json_object_get(current.pointer, key) else { return nil }
            current = JSONValue(retaining: child)
        }
        return current
    }

    /// A reference's text: a non-empty string (trimmed) or a whole number; nil for anything else.
    static func text(_ v: JSONValue?) -> String? {
        guard let v else { return nil }
        if let s = v.stringValue {
            let t = Text.trimmed(s)
            return t.isEmpty ? nil : t
        }
        return v.integerValue.map { String($0) }
    }

    /// A copy of `doc` with `reference` at `path` (a missing `enduser` object is created), or why not.
    static func setting(_ reference: String, at path: [String], in doc: JSONValue) -> Result<JSONValue, ElkoError> {
        guard doc.kind == .object, let copy = json_deep_copy(doc.pointer) else {
            return .failure(.invalidArgument("the body must be a JSON object to carry a reference"))
        }
        let result = JSONValue(owning: copy)
        var parent = copy
        for key in path.dropLast() {
            if let child = json_object_get(parent, key), elko_json_typeof(child) == Int32(JSON_OBJECT.rawValue) {
                parent = child
                continue
            }
            if let child = json_object_get(parent, key), elko_json_typeof(child) != Int32(JSON_NULL.rawValue) {
                return .failure(.invalidArgument("\"\(key)\" in the body must be an object to carry the reference (orders.reference_field)"))
            }
            guard let fresh = json_object(), json_object_set_new(parent, key, fresh) == 0 else {
                return .failure(ElkoError(.internal, "out of memory adding the reference"))
            }
            parent = fresh
        }
        guard let last = path.last, let value = json_string(reference), json_object_set_new(parent, last, value) == 0 else {
            return .failure(ElkoError(.internal, "out of memory adding the reference"))
        }
        return .success(result)
    }

    /// The id ELKO gave an order or a reservation (`orderId`, `reservationId`, else `id`) as text.
    static func itemID(_ item: JSONValue) -> String? {
        for key in ["orderId", "reservationId", "id"] {
            if let t = text(value(at: [key], in: item)) { return t }
        }
        return nil
    }
}

/// The lines an intent asks for: quantity per ELKO code (repeated codes merged, as ELKO merges them).
/// Clients send codes and quantities as numbers or strings; both compare equal.
struct OrderLines: Equatable, Sendable, CustomStringConvertible {
    var quantities: [String: Int64]

    /// The lines of a body or of a listed order/reservation (`lines`: [{elkoCode, quantity}]); nil when
    /// it has none that can be read.
    static func of(_ doc: JSONValue) -> OrderLines? {
        guard let lines = OrderReference.value(at: ["lines"], in: doc), lines.kind == .array else { return nil }
        var q: [String: Int64] = [:]
        for line in lines.arrayElements {
            guard let code = OrderReference.text(OrderReference.value(at: ["elkoCode"], in: line)),
                  let qv = OrderReference.value(at: ["quantity"], in: line)
            else { return nil }
            var n = qv.integerValue
            if n == nil, let s = qv.stringValue { n = Int64(Text.trimmed(s)) }
            guard let n else { return nil }
            q[code, default: 0] += n
        }
        return q.isEmpty ? nil : OrderLines(quantities: q)
    }

    var description: String {
        quantities.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ")
    }
}

/// What looking a reference up in `orders.list` / `reservations.list` found.
enum LookUp {
    /// This intent's order: the item as ELKO listed it, and its id.
    case found(item: [UInt8], id: String?)
    /// No order of this intent; `conflicts` are orders that carry the reference with other lines.
    case notFound(conflicts: [String])
    /// The list could not be read: the outcome is still unknown.
    case failed(ElkoError)

    /// Finds the intent's order in a list answer: an item that carries `reference` at `field`, is not
    /// one of `preexisting` (orders that carried the reference before the intent was first sent), and
    /// asks for `lines` (nil: the intent's lines could not be read; the reference alone decides).
    static func search(
        _ body: [UInt8], reference: String, field: OrderSettings.Field, lines: OrderLines?, preexisting: Set<String>
    ) -> LookUp {
        guard case .success(let doc) = JSONValue.parse(body, context: "the order list"), doc.kind == .array else {
            return .failed(ElkoError(.protocol, "the order list is not a JSON array"))
        }
        var conflicts: [String] = []
        for item in doc.arrayElements where item.kind == .object {
            guard OrderReference.text(OrderReference.value(at: field.path, in: item)) == reference else { continue }
            let id = OrderReference.itemID(item)
            if let id, preexisting.contains(id) { continue }
            if let lines, let theirs = OrderLines.of(item), theirs != lines {
                conflicts.append(id ?? "?")
                continue
            }
            guard let bytes = item.serialized() else { return .failed(ElkoError(.internal, "out of memory")) }
            return .found(item: bytes, id: id)
        }
        return .notFound(conflicts: conflicts)
    }

    /// The ids of every listed item that carries `reference` (recorded before a caller's reference is
    /// first sent: those orders are never this intent's).
    static func carrying(_ body: [UInt8], reference: String, field: OrderSettings.Field) -> Result<[String], ElkoError> {
        guard case .success(let doc) = JSONValue.parse(body, context: "the order list"), doc.kind == .array else {
            return .failure(ElkoError(.protocol, "the order list is not a JSON array"))
        }
        var ids: [String] = []
        for item in doc.arrayElements where item.kind == .object {
            guard OrderReference.text(OrderReference.value(at: field.path, in: item)) == reference else { continue }
            ids.append(OrderReference.itemID(item) ?? "?")
        }
        return .success(ids)
    }
}
