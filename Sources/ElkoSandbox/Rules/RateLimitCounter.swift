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

    /// Admission times, oldest first from `head` on. Aged-out entries are skipped by moving `head`
    /// and dropped in bulk, so a decision costs O(1) amortised even with the huge limits benchmarks use.
    private var admitted: [Double] = []
    private var head = 0
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
            while head < admitted.count && admitted[head] <= horizon { head += 1 }
        } else if now >= fixedWindowStart + window || inWindow == 0 {
            fixedWindowStart = window > 0 ? (now / window).rounded(.down) * window : now
            head = admitted.count
        }
        if head > 0 && head * 2 >= admitted.count {
            admitted.removeFirst(head)
            head = 0
        }
        if inWindow < requests {
            admitted.append(now)
            served += 1
            return .allowed
        }
        exceeded += 1
        blockedUntil = now + block
        return .exceeded(until: blockedUntil)
    }

    /// Requests admitted in the current window (as of the last decision).
    var inWindow: Int { admitted.count - head }
}
