/// ELKO's limit for one token: `requests` per `window`; the request that exceeds it is refused and so
/// is every request of the token for `block` afterwards. Times are real seconds on a monotonic clock;
/// the caller has already multiplied durations by the time scale.
struct RateLimitCounter: Sendable {
    enum Decision: Equatable {
        case allowed
        /// This request exceeded the limit and started a block.
        case exceeded(until: Double)
        /// Refused because a block is in force.
        case blocked(until: Double)
    }

    private(set) var admitted: [Double] = []
    private(set) var blockedUntil: Double = 0
    private var fixedWindowStart: Double = 0

    // Counters the tests and the admin API read.
    private(set) var total = 0
    private(set) var served = 0
    private(set) var exceeded = 0
    private(set) var blocked = 0

    mutating func decide(now: Double, requests: Int, window: Double, block: Double, sliding: Bool) -> Decision {
        total += 1
        if now < blockedUntil {
            blocked += 1
            return .blocked(until: blockedUntil)
        }
        if sliding {
            let horizon = now - window
            if let firstKept = admitted.firstIndex(where: { $0 > horizon }) {
                if firstKept > 0 { admitted.removeFirst(firstKept) }
            } else {
                admitted.removeAll(keepingCapacity: true)
            }
        } else if now >= fixedWindowStart + window || admitted.isEmpty {
            fixedWindowStart = window > 0 ? (now / window).rounded(.down) * window : now
            admitted.removeAll(keepingCapacity: true)
        }
        if admitted.count < requests {
            admitted.append(now)
            served += 1
            return .allowed
        }
        exceeded += 1
        blockedUntil = now + block
        return .exceeded(until: blockedUntil)
    }

    /// Requests admitted in the current window (as of the last decision).
    var inWindow: Int { admitted.count }
}
