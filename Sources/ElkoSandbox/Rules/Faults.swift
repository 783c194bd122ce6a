/// A fault the sandbox injects for reliability tests: per request with the `X-Sandbox-Fault` header,
/// or for the next N requests through `POST /_sandbox/faults`.
public enum Fault: Sendable, Equatable, CustomStringConvertible {
    /// Answer normally after `ms` (sandbox milliseconds, scaled by the time scale).
    case latency(ms: Int)
    /// 500 with ELKO's plain-text `Something went wrong.`
    case serverError
    /// Drop the connection (RST) without answering.
    case reset
    /// Send the headers and half the body, then close.
    case truncate
    /// Send the body in small pieces, `ms` between them.
    case slowBody(ms: Int)
    /// Apply the request fully (an order is placed), then drop the connection (RST) without answering.
    case resetAfter
    /// Apply the request fully, then hold the answer `ms` sandbox milliseconds (scaled by the time
    /// scale) before sending it, so that a client with a shorter timeout gives up.
    case hangAfter(ms: Int)
    /// Apply the request fully, then answer 500 `Something went wrong.` instead of its answer.
    case serverErrorAfter

    /// Whether the request is handled (and a write applied) before the fault acts.
    public var appliesRequest: Bool {
        switch self {
        case .serverError, .reset: false
        default: true
        }
    }

    /// Parses `latency=200`, `500`, `error500`, `reset`, `truncate`, `slow=50` (also `slow-body=50`),
    /// `reset-after`, `hang-after=5000`, `error500-after`.
    public init?(_ text: String) {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmed.lowercased() }
        guard let kind = parts.first else { return nil }
        let arg = parts.count > 1 ? Int(parts[1]) : nil
        switch kind {
        case "latency", "delay":
            guard let ms = arg, ms >= 0, ms <= 600_000 else { return nil }
            self = .latency(ms: ms)
        case "500", "error500", "server-error", "error": self = .serverError
        case "reset", "connection-reset": self = .reset
        case "truncate", "truncated", "truncated-body": self = .truncate
        case "slow", "slow-body", "slowbody":
            let ms = arg ?? 100
            guard ms >= 0, ms <= 60_000 else { return nil }
            self = .slowBody(ms: ms)
        case "reset-after": self = .resetAfter
        case "hang-after":
            guard let ms = arg, ms >= 0, ms <= 3_600_000 else { return nil }
            self = .hangAfter(ms: ms)
        case "error500-after", "500-after", "server-error-after": self = .serverErrorAfter
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .latency(let ms): "latency=\(ms)"
        case .serverError: "error500"
        case .reset: "reset"
        case .truncate: "truncate"
        case .slowBody(let ms): "slow=\(ms)"
        case .resetAfter: "reset-after"
        case .hangAfter(let ms): "hang-after=\(ms)"
        case .serverErrorAfter: "error500-after"
        }
    }
}

/// A fault waiting in `POST /_sandbox/faults`: for the next request, or for the next request of one
/// operation (`"operation": "orders.create"`), so that a test can aim at one kind of call.
public struct PendingFault: Sendable, Equatable, CustomStringConvertible {
    public let fault: Fault
    /// The operation's name; nil = any request.
    public let operation: String?

    public init(_ fault: Fault, operation: String? = nil) {
        self.fault = fault
        self.operation = operation
    }

    public var description: String { operation.map { "\(fault) (\($0))" } ?? fault.description }
}

extension Substring {
    var trimmed: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
