// ELKO's POST Orders has no idempotency key. These settings say how the client makes an order (and a
// reservation) happen exactly once anyway: a partner reference in the body, a journal entry before the
// first byte is sent, and looking the reference up instead of resending blindly when the answer is lost.

/// `"orders"` in the options.
public struct OrderSettings: Sendable, Equatable {
    /// Where a reference lives in a body or in a listed order. Both spellings are seen in real clients.
    public enum Field: String, Sendable, CaseIterable {
        case customerPo = "customerPo"
        case enduserCustomerPo = "enduser.customerPo"

        /// The keys from the top of the object.
        public var path: [String] { rawValue.split(separator: ".").map(String.init) }
    }

    /// Journal, look-ups and resends after a lost answer; false = a lost answer is the transport's error.
    public var reconcile = true
    /// Where the reference is read from and written to in the body.
    public var referenceField = Field.customerPo
    /// Where the reference is found in the items of `orders.list` / `reservations.list` (an assumption
    /// about the real API: the sandbox answers `customerPo` at the top level).
    public var matchField = Field.customerPo
    /// Add a reference when the body has none.
    public var autoReference = true
    /// The start of a generated reference (then 22 random URL-safe characters).
    public var referencePrefix = "elko-"
    /// How long a reference that was not found is given to appear before it is looked up again.
    public var settleMs: Int64 = 2_000
    /// How long one send waits for its answer (the call's `timeout_ms` bounds the whole placement).
    public var attemptTimeoutMs = 60_000

    public init() {}

    public static let keys: Set<String> = [
        "reconcile", "reference_field", "match_field", "auto_reference", "reference_prefix", "settle_ms",
        "attempt_timeout_ms",
    ]

    /// Parses the `"orders"` object (unknown keys are an error naming the key).
    static func parse(_ v: JSONValue?) -> Result<OrderSettings, ElkoError> {
        func fail(_ m: String) -> Result<OrderSettings, ElkoError> { .failure(.invalidArgument("options: " + m)) }
        var s = OrderSettings()
        guard let v, v.kind != .null else { return .success(s) }
        guard v.kind == .object else {
            return fail("\"orders\" must be an object with the keys \(keys.sorted().joined(separator: ", "))")
        }
        for (key, value) in v.objectEntries {
            switch key {
            case "reconcile", "auto_reference":
                guard let b = value.boolValue else { return fail("\"orders.\(key)\" must be true or false") }
                if key == "reconcile" { s.reconcile = b } else { s.autoReference = b }
            case "reference_field", "match_field":
                guard let t = value.stringValue, let f = Field(rawValue: t) else {
                    return fail("\"orders.\(key)\" must be \"customerPo\" or \"enduser.customerPo\"")
                }
                if key == "reference_field" { s.referenceField = f } else { s.matchField = f }
            case "reference_prefix":
                guard let t = value.stringValue, t.utf8.count <= 32, t.utf8.allSatisfy(OrderReference.isURLSafe) else {
                    return fail("\"orders.reference_prefix\" must be 0 to 32 characters of A-Z a-z 0-9 - _")
                }
                s.referencePrefix = t
            case "settle_ms":
                guard let n = value.integerValue, (0...600_000).contains(n) else {
                    return fail("\"orders.settle_ms\" must be a whole number of milliseconds from 0 to 600000")
                }
                s.settleMs = n
            case "attempt_timeout_ms":
                guard let n = value.integerValue, (1...86_400_000).contains(n) else {
                    return fail("\"orders.attempt_timeout_ms\" must be a whole number of milliseconds from 1 to 86400000")
                }
                s.attemptTimeoutMs = Int(n)
            default:
                return fail("unknown key \"orders.\(key)\" (known: \(keys.sorted().joined(separator: ", ")))")
            }
        }
        return .success(s)
    }
}
