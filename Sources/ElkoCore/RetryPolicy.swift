/// When a failed request is sent again (`"retries"` in the options). Only where it is safe: an
/// idempotent operation (the table's `idempotent`; GET and DELETE for raw requests) that failed
/// without an answer (network, timeout) or with a 5xx. Never a 400, 401/403, 404, 405, a rate limit
/// or a non-idempotent write: ELKO may have acted on a write whose answer was lost.
public struct RetrySettings: Sendable, Equatable {
    /// Retries after the first attempt (0 = never retry).
    public var max: Int = 2
    /// The backoff before retry n is a random time in 0 ... min(maxMs, baseMs * 2^(n-1)) ("full jitter":
    /// clients that failed together do not retry together).
    public var baseMs: Int64 = 200
    public var maxMs: Int64 = 5_000

    public init() {}

    /// The upper bound of the backoff before retry `n` (1-based).
    public func backoffCeilingMs(retry n: Int) -> Int64 {
        let shift = Swift.min(Swift.max(n - 1, 0), 30)
        let (grown, overflow) = baseMs.multipliedReportingOverflow(by: Int64(1) << Int64(shift))
        return overflow ? maxMs : Swift.min(maxMs, grown)
    }

    /// Why an error of this kind must not be retried, or nil if it may be.
    public static func refusal(_ error: ElkoError, idempotent: Bool) -> String? {
        switch error.code {
        case .network, .timeout, .serverError:
            return idempotent ? nil : "not idempotent (ELKO may have acted on it)"
        case .rateLimited: return "rate limited: never sent into a limit"
        default: return "\(error.httpStatus == 0 ? error.code.summary : "HTTP \(error.httpStatus)") is not retryable"
        }
    }
}

/// One attempt of a send, as the retry loop (`Client.sendWithRetries`) hands it to the code that sends.
public struct Attempt: Sendable {
    /// 1 for the first attempt.
    public let number: Int
    /// The transport's total timeout for this attempt: what is left of the call's timeout.
    public let timeoutMs: Int
    /// How long the limiter made this attempt wait for its slot.
    public let limiterWaitMs: Int64
    /// Set to false once the attempt has handed data to the caller (a streamed list): it must not be
    /// repeated whatever happens next.
    public var retryable = true
}
