import ElkoAPI
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// ELKO allows 50 requests per 10 s per token and answers the request that exceeds it, and every
// request for the next minute, with 403. A block costs the partner a whole minute of the API, so the
// client counts its own requests in a sliding window and never sends the one that would exceed it, and
// once ELKO has answered with a block nothing is sent until the block has passed.

/// The limiter's settings (`"rate_limit"` in the options).
public struct RateLimitSettings: Sendable, Equatable {
    /// ELKO's limit: requests per window.
    public var requests: Int = 50
    public var windowMs: Int64 = 10_000
    /// How long ELKO blocks a token after the limit was exceeded (when it sends no Retry-After).
    public var blockMs: Int64 = 60_000
    /// Requests kept in reserve: at most `requests - margin` are sent in any window. Covers requests
    /// that take longer on the way to ELKO than the ones sent after them, and clocks that disagree.
    public var margin: Int = 2
    /// How long a call may wait for a slot (or for a block to end) before it fails fast with
    /// `rateLimited`; 0 = never wait. Always bounded by the call's total timeout.
    public var waitMs: Int64 = 0
    /// Whether the budget is shared by every process of the machine (`FileRateLimitStore`, the
    /// default) or only by the clients of this process (`InProcessRateLimitStore.shared`).
    public var shared: Bool = true

    public init() {}

    /// Requests the client sends at most in any window.
    public var effectiveLimit: Int { max(1, requests - margin) }
}

/// What the limiter keeps per token. Times are milliseconds on the store's clock (`RateLimitStore.now`).
public struct RateLimitState: Sendable, Equatable {
    /// When each request of the current window was admitted, ascending.
    public var sent: [Int64] = []
    /// ELKO's block ends at this time; 0 or a past time when there is none.
    public var blockedUntil: Int64 = 0

    public init(sent: [Int64] = [], blockedUntil: Int64 = 0) {
        self.sent = sent
        self.blockedUntil = blockedUntil
    }
}

/// Identifies one token's budget without holding the token: the SHA-256 of the bare token, in hex.
/// Safe to use as a file name (issue 5's shared store) or to log.
public struct RateLimitKey: Sendable, Hashable, CustomStringConvertible {
    public let hex: String
    public init(token: String) { hex = SHA256.hex(Array(token.utf8)) }
    public var description: String { String(hex.prefix(16)) }
}

/// Where the limiter's state lives: swappable, so that every process on a machine (issue 5: a file per
/// token locked with `flock`) or every machine (a shared server) can share one budget.
///
/// Contract:
/// - `update` is a read-modify-write of one token's state under the store's own lock: no other
///   `update` of the same key (in this process or, for a shared store, in any other) runs between the
///   read and the write. `body` must be quick and must not call back into the store.
/// - `now` is passed to `body` read under that lock, on the store's clock. An in-process store uses a
///   monotonic clock (immune to the wall clock being set); a store shared between processes must use
///   the wall clock (`CLOCK_REALTIME`, milliseconds since 1970), the only clock that processes share —
///   a store whose clock can step backwards must treat times in the future as "now" (the limiter does
///   so: it never waits longer than one window or the configured block).
/// - A store that cannot do its work returns an error; the client fails the call without sending.
public protocol RateLimitStore: Sendable {
    /// The current time in milliseconds on this store's clock.
    func now() -> Int64
    func update<R>(_ key: RateLimitKey, _ body: (inout RateLimitState, _ now: Int64) -> R) -> Result<R, ElkoError>
}

/// The state of every token used in this process, behind one lock. Clients of the same token in one
/// process share a budget (`InProcessRateLimitStore.shared`).
public final class InProcessRateLimitStore: RateLimitStore {
    private let states = Mutex<[RateLimitKey: RateLimitState]>([:])
    private let clock: @Sendable () -> Int64

    /// The store every client uses unless given another.
    public static let shared = InProcessRateLimitStore()

    /// `clock` in milliseconds; monotonic by default. Tests inject a manual one.
    public init(clock: @escaping @Sendable () -> Int64 = MonotonicClock.nowMs) {
        self.clock = clock
    }

    public func now() -> Int64 { clock() }

    public func update<R>(_ key: RateLimitKey, _ body: (inout RateLimitState, Int64) -> R) -> Result<R, ElkoError> {
        .success(states.withLock { all in
            let now = clock()
            var state = all[key] ?? RateLimitState()
            let r = body(&state, now)
            all[key] = state
            return r
        })
    }
}

public enum MonotonicClock {
    @Sendable public static func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Blocks the calling thread (the library has no threads of its own to wait on).
    public static func sleep(ms: Int64) {
        guard ms > 0 else { return }
        var req = timespec(tv_sec: Int(ms / 1000), tv_nsec: Int(ms % 1000) * 1_000_000)
        var rem = timespec()
        while nanosleep(&req, &rem) != 0, errno == EINTR { req = rem }
    }
}

/// The sliding-window limiter of one client: its settings over a store.
public struct RateLimiter: Sendable {
    public let settings: RateLimitSettings
    public let store: any RateLimitStore
    public let key: RateLimitKey

    public init(settings: RateLimitSettings, store: any RateLimitStore, key: RateLimitKey) {
        self.settings = settings
        self.store = store
        self.key = key
    }

    public enum Decision: Sendable, Equatable {
        /// A slot was taken: send now.
        case granted
        /// The window is full: a slot frees in `waitMs`.
        case windowFull(waitMs: Int64, inWindow: Int)
        /// ELKO blocked the token; the block ends in `waitMs`.
        case blocked(waitMs: Int64)
    }

    /// Takes a slot if one is free. Pure over the state, so that tests can drive it with any clock.
    public static func decide(_ state: inout RateLimitState, now: Int64, settings: RateLimitSettings) -> Decision {
        if state.blockedUntil > now {
            // A clock that stepped back (wall clock of a shared store) must not stretch a block.
            let wait = min(state.blockedUntil - now, max(settings.blockMs, 1))
            return .blocked(waitMs: wait)
        }
        state.blockedUntil = 0
        // Drop what left the window; times in the future (a clock stepped back) count as now.
        state.sent = state.sent.filter { $0 > now - settings.windowMs }.map { min($0, now) }
        let limit = settings.effectiveLimit
        if state.sent.count < limit {
            state.sent.append(now)
            return .granted
        }
        // The slot of the request `limit` places back frees when it leaves the window.
        let freeing = state.sent[state.sent.count - limit]
        return .windowFull(waitMs: max(1, freeing + settings.windowMs - now), inWindow: state.sent.count)
    }

    public func acquire() -> Result<Decision, ElkoError> {
        acquireTimed().map(\.decision)
    }

    /// `acquire`, with the time (on the store's clock) the decision was taken at: for a granted slot,
    /// the time to hand to `recordCompletion` once the answer is in.
    public func acquireTimed() -> Result<(decision: Decision, at: Int64), ElkoError> {
        let s = settings
        return store.update(key) { state, now in (Self.decide(&state, now: now, settings: s), now) }
    }

    /// Moves the slot taken at `admittedAt` to now, when the answer (or the failure) is in. ELKO counts
    /// a request when it arrives, some time after the slot was taken: requests that take longer on the
    /// way than the ones admitted a window later (a burst queued at the server, a new connection, several
    /// processes on few cores) would otherwise put more than the limit in ELKO's window. The arrival is
    /// never after the answer, so a slot freed one window after the answer is never freed too early.
    public func recordCompletion(admittedAt: Int64) -> Result<Void, ElkoError> {
        store.update(key) { state, now in Self.complete(&state, admittedAt: admittedAt, now: now) }
    }

    /// Replaces one admission at `admittedAt` by `now`, keeping the times ascending (none found: the
    /// window has moved on, or a shared store's clock stepped; nothing to do).
    public static func complete(_ state: inout RateLimitState, admittedAt: Int64, now: Int64) {
        guard now > admittedAt, let i = state.sent.lastIndex(of: admittedAt) else { return }
        state.sent.remove(at: i)
        let j = (state.sent.lastIndex(where: { $0 <= now }) ?? -1) + 1
        state.sent.insert(now, at: j)
    }

    /// Records ELKO's block: nothing is sent for `ms` from now (the longer of a known block and this one).
    public func recordBlock(ms: Int64) -> Result<Void, ElkoError> {
        store.update(key) { state, now in
            state.blockedUntil = max(state.blockedUntil, now + max(ms, 1))
        }
    }

    /// The state as it is (for tests and diagnostics).
    public func snapshot() -> RateLimitState? {
        try? store.update(key) { state, _ in state }.get()
    }
}
