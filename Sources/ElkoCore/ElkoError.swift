/// The few, stable error kinds every binding maps to its own exception classes. The raw values are the
/// C ABI's `elko_status` codes (`include/elko.h`): negative, append-only, never renumbered.
public enum ErrorCode: Int32, Sendable, CaseIterable {
    /// The caller's input is wrong (bad options, unknown operation or parameter, wrong type, NULL...).
    case invalidArgument = -1
    /// ELKO answered 400; its plain-text message is in `body`.
    case badRequest = -2
    /// 401, or a 403 with an empty body: the token is missing, invalid or deactivated.
    case unauthorized = -3
    /// 403 with a body that is not a rate-limit block: typically the caller's IP is not allow-listed.
    case forbidden = -4
    /// 403 (or 429) because the request limit was exceeded: nothing may be sent for `retryAfterMs`.
    case rateLimited = -5
    /// 404.
    case notFound = -6
    /// 405: the path exists but not for this method.
    case methodNotAllowed = -7
    /// 5xx.
    case serverError = -8
    /// No HTTP answer: connection refused or reset, DNS, TLS, a body cut short.
    case network = -9
    /// The connect or total timeout passed.
    case timeout = -10
    /// An answer that is not what the operation answers: not JSON where JSON is expected, or an
    /// unexpected HTTP status.
    case `protocol` = -11
    /// A write was refused because the client is in dry-run mode (`"dry_run": true`): nothing was sent.
    case writeRefused = -12
    /// A failure inside the library (out of memory, libcurl could not be initialised).
    case `internal` = -13
    /// An order or reservation may or may not have been placed: its answer was lost and looking its
    /// reference up could not settle it in the call's time. `reference` names it; the journal keeps it
    /// for `Client.reconcileOrders()`. It must not be sent again by hand.
    case uncertain = -14

    /// A short description that lives in the binary for good (`elko_strerror` hands it to C as is).
    public var staticSummary: StaticString {
        switch self {
        case .invalidArgument: "invalid argument"
        case .badRequest: "bad request (ELKO answered 400)"
        case .unauthorized: "unauthorized: token missing, invalid or deactivated"
        case .forbidden: "forbidden (ELKO answered 403: IP address not allowed?)"
        case .rateLimited: "rate limited: ELKO's request limit was exceeded"
        case .notFound: "not found (404)"
        case .methodNotAllowed: "method not allowed (405)"
        case .serverError: "ELKO server error (5xx)"
        case .network: "network error"
        case .timeout: "timeout"
        case .protocol: "protocol error: unexpected answer"
        case .writeRefused: "write refused (dry run)"
        case .internal: "internal error"
        case .uncertain: "uncertain: the order may have been placed (its answer was lost); reconcile it, do not resend it"
        }
    }

    /// A short description.
    public var summary: String { "\(staticSummary)" }

    /// The stable snake_case name of the code, for log lines and JSON (`rate_limited`).
    public var name: String {
        switch self {
        case .invalidArgument: "invalid_argument"
        case .badRequest: "bad_request"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .rateLimited: "rate_limited"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .serverError: "server_error"
        case .network: "network"
        case .timeout: "timeout"
        case .protocol: "protocol"
        case .writeRefused: "write_refused"
        case .internal: "internal"
        case .uncertain: "uncertain"
        }
    }
}

/// Everything a caller needs to act on a failure. The token never appears in any field.
public struct ElkoError: Error, Sendable, CustomStringConvertible {
    public var code: ErrorCode
    /// The HTTP status, or 0 when there was no HTTP answer.
    public var httpStatus: Int
    public var message: String
    /// ELKO's answer body as text (it is plain text, not JSON, on errors), or nil when there was none.
    public var body: String?
    /// How long to wait before sending again, in milliseconds; 0 when not applicable.
    public var retryAfterMs: Int64
    /// The operation's name (`orders.create`), or nil for raw requests and errors outside a call.
    public var operation: String?
    /// The partner reference of the order or reservation the error is about (orders.create and
    /// reservations.create), or nil.
    public var reference: String?
    /// True when the request surely never reached ELKO: the limiter or dry run refused it, the input
    /// was invalid, or the connection could not be opened (writes use a fresh connection).
    public var unsent = false

    public init(
        _ code: ErrorCode, _ message: String, httpStatus: Int = 0, body: String? = nil,
        retryAfterMs: Int64 = 0, operation: String? = nil
    ) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.body = body
        self.retryAfterMs = retryAfterMs
        self.operation = operation
    }

    public static func invalidArgument(_ message: String, operation: String? = nil) -> ElkoError {
        ElkoError(.invalidArgument, message, operation: operation)
    }

    public var description: String {
        var s = "\(code.summary): \(message)"
        if httpStatus != 0 { s += " [HTTP \(httpStatus)]" }
        return s
    }

    /// Replaces every occurrence of `secret` in the message and body (defence in depth: no code path
    /// is meant to put the token there).
    func redacting(_ secret: String) -> ElkoError {
        guard !secret.isEmpty else { return self }
        var copy = self
        copy.message = Text.replacing(secret, in: message, with: "[token]")
        if let b = body { copy.body = Text.replacing(secret, in: b, with: "[token]") }
        return copy
    }
}
