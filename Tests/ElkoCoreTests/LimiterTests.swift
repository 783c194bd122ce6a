import ElkoAPI
import Synchronization
import Testing

@testable import ElkoCore

/// A clock the test moves; "sleeping" on it moves it.
final class ManualClock: Sendable {
    private let ms = Mutex<Int64>(1_000_000)
    private let slept = Mutex<[Int64]>([])
    func now() -> Int64 { ms.withLock { $0 } }
    func advance(_ d: Int64) { ms.withLock { $0 += d } }
    func sleep(_ d: Int64) {
        slept.withLock { $0.append(d) }
        advance(d)
    }
    var sleeps: [Int64] { slept.withLock { $0 } }
}

@Suite struct LimiterTests {
    static func settings(requests: Int = 5, windowMs: Int64 = 500, margin: Int = 0, blockMs: Int64 = 3000, waitMs: Int64 = 0) -> RateLimitSettings {
        var s = RateLimitSettings()
        s.requests = requests
        s.windowMs = windowMs
        s.margin = margin
        s.blockMs = blockMs
        s.waitMs = waitMs
        return s
    }

    @Test func neverMoreThanTheLimitInAnyWindow() {
        // Requests arrive every 7 ms for 5 s; the admitted ones must never exceed 4 in any 500 ms.
        let s = Self.settings(requests: 5, windowMs: 500, margin: 1)
        var state = RateLimitState()
        var admitted: [Int64] = []
        var t: Int64 = 0
        while t < 5_000 {
            if RateLimiter.decide(&state, now: t, settings: s) == .granted { admitted.append(t) }
            t += 7
        }
        for (i, a) in admitted.enumerated() {
            let inWindow = admitted[i...].prefix { $0 < a + 500 }.count
            #expect(inWindow <= 4, "at \(a): \(inWindow) in 500 ms")
        }
        // ... and uses the budget: about 4 per 500 ms over 5 s
        #expect(admitted.count >= 36)
    }

    @Test func aFullWindowSaysWhenTheNextSlotFrees() {
        let s = Self.settings(requests: 3, windowMs: 1000)
        var state = RateLimitState()
        #expect(RateLimiter.decide(&state, now: 0, settings: s) == .granted)
        #expect(RateLimiter.decide(&state, now: 100, settings: s) == .granted)
        #expect(RateLimiter.decide(&state, now: 200, settings: s) == .granted)
        #expect(RateLimiter.decide(&state, now: 300, settings: s) == .windowFull(waitMs: 700, inWindow: 3))
        #expect(RateLimiter.decide(&state, now: 999, settings: s) == .windowFull(waitMs: 1, inWindow: 3))
        #expect(RateLimiter.decide(&state, now: 1000, settings: s) == .granted)
        #expect(state.sent == [100, 200, 1000])
    }

    @Test func theMarginIsKeptInReserve() {
        let s = Self.settings(requests: 50, windowMs: 10_000, margin: 2)
        #expect(s.effectiveLimit == 48)
        var state = RateLimitState()
        for i in 0..<48 { #expect(RateLimiter.decide(&state, now: Int64(i), settings: s) == .granted) }
        guard case .windowFull = RateLimiter.decide(&state, now: 48, settings: s) else {
            Issue.record("the 49th request was admitted")
            return
        }
        #expect(Self.settings(requests: 1, margin: 5).effectiveLimit == 1)
    }

    @Test func aBlockStopsEverythingUntilItHasPassed() {
        let s = Self.settings(requests: 5, windowMs: 500, blockMs: 3000)
        var state = RateLimitState(sent: [], blockedUntil: 5000)
        #expect(RateLimiter.decide(&state, now: 2000, settings: s) == .blocked(waitMs: 3000))
        #expect(RateLimiter.decide(&state, now: 4999, settings: s) == .blocked(waitMs: 1))
        #expect(RateLimiter.decide(&state, now: 5000, settings: s) == .granted)
        #expect(state.blockedUntil == 0)
    }

    @Test func aClockThatSteppedBackDoesNotStretchAWaitBeyondOneWindowOrBlock() {
        // The wall clock of a shared store can be set back: times in the future count as now.
        let s = Self.settings(requests: 2, windowMs: 1000, blockMs: 3000)
        var state = RateLimitState(sent: [50_000, 50_001], blockedUntil: 90_000)
        #expect(RateLimiter.decide(&state, now: 1000, settings: s) == .blocked(waitMs: 3000))
        state.blockedUntil = 0
        #expect(RateLimiter.decide(&state, now: 1000, settings: s) == .windowFull(waitMs: 1000, inWindow: 2))
    }

    @Test func theStoreIsKeyedByAHashOfTheTokenNotTheToken() {
        let key = RateLimitKey(token: "eyJSECRET.payload.sig")
        #expect(!key.hex.contains("SECRET"))
        #expect(key.hex.count == 64)
        #expect(key == RateLimitKey(token: "eyJSECRET.payload.sig"))
        #expect(key != RateLimitKey(token: "eyJOTHER.payload.sig"))
        // FIPS 180-2 test vectors
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func clientsOfOneTokenShareTheStoreOthersDoNot() throws {
        let clock = ManualClock()
        let store = InProcessRateLimitStore(clock: { clock.now() })
        let opts = #"{"base_url": "http://127.0.0.1:1", "token": "TOKEN-A", "rate_limit": {"requests": 2, "margin": 0}, "log_level": "off"}"#
        let a1 = Client(configuration: try Configuration.parse(opts).get(), rateLimitStore: store)
        let a2 = Client(configuration: try Configuration.parse(opts).get(), rateLimitStore: store)
        let b = Client(configuration: try Configuration.parse(opts.replacingTOKEN("TOKEN-B")).get(), rateLimitStore: store)
        #expect(try a1.limiter.acquire().get() == .granted)
        #expect(try a2.limiter.acquire().get() == .granted)
        #expect(try a1.limiter.acquire().get() != .granted)
        #expect(try b.limiter.acquire().get() == .granted)
    }

    /// The client's admission: fail fast with the time to wait, or wait up to the bound.
    func client(_ clock: ManualClock, rateLimit: String, extra: String = "") throws -> Client {
        let store = InProcessRateLimitStore(clock: { clock.now() })
        let opts = #"{"base_url": "http://127.0.0.1:1", "token": "TOKEN-W", "log_level": "off", "rate_limit": \#(rateLimit)\#(extra)}"#
        return Client(
            configuration: try Configuration.parse(opts).get(), rateLimitStore: store, jitter: { $0 },
            sleep: { clock.sleep($0) }, clock: { clock.now() })
    }

    @Test func failFastSaysHowLongToWaitAndThatNothingWasSent() throws {
        let clock = ManualClock()
        let c = try client(clock, rateLimit: #"{"requests": 2, "window_ms": 1000, "margin": 0}"#)
        let far = clock.now() + 60_000
        #expect(try c.admit(operation: "catalog.vendors", method: "GET", target: "/x", waitMs: nil, deadline: far).get() == 0)
        clock.advance(300)
        #expect(try c.admit(operation: "catalog.vendors", method: "GET", target: "/x", waitMs: nil, deadline: far).get() == 0)
        guard case .failure(let e) = c.admit(operation: "catalog.vendors", method: "GET", target: "/x", waitMs: nil, deadline: far) else {
            Issue.record("a third request was admitted")
            return
        }
        #expect(e.code == .rateLimited)
        #expect(e.httpStatus == 0)
        #expect(e.retryAfterMs == 700)
        #expect(e.message.contains("nothing was sent"))
        #expect(e.message.contains("retry after 700 ms"))
        #expect(e.operation == "catalog.vendors")
        #expect(clock.sleeps.isEmpty)
    }

    @Test func waitingModeWaitsUpToTheBoundAndNeverBeyondTheTimeout() throws {
        let clock = ManualClock()
        let c = try client(clock, rateLimit: #"{"requests": 1, "window_ms": 1000, "margin": 0, "wait_ms": 1500}"#)
        let far = clock.now() + 60_000
        #expect(try c.admit(operation: nil, method: "GET", target: "/x", waitMs: nil, deadline: far).get() == 0)
        clock.advance(200)
        // the slot frees in 800 ms: within wait_ms
        #expect(try c.admit(operation: nil, method: "GET", target: "/x", waitMs: nil, deadline: far).get() == 800)
        #expect(clock.sleeps == [800])
        // a per-call bound below the wait: fail fast
        guard case .failure(let e) = c.admit(operation: nil, method: "GET", target: "/x", waitMs: 500, deadline: far) else {
            Issue.record("admitted although the wait exceeds the call's bound")
            return
        }
        #expect(e.code == .rateLimited && e.retryAfterMs == 1000)
        // the call's deadline comes before the slot: fail fast too
        guard case .failure(let t) = c.admit(operation: nil, method: "GET", target: "/x", waitMs: 5000, deadline: clock.now() + 300) else {
            Issue.record("waited beyond the call's timeout")
            return
        }
        #expect(t.code == .rateLimited)
        #expect(clock.sleeps == [800])
    }

    @Test func aRecordedBlockIsWaitedOutOrReported() throws {
        let clock = ManualClock()
        let c = try client(clock, rateLimit: #"{"requests": 10, "block_ms": 3000, "wait_ms": 5000}"#)
        _ = c.limiter.recordBlock(ms: 3000)
        let far = clock.now() + 60_000
        guard case .failure(let e) = c.admit(operation: nil, method: "GET", target: "/x", waitMs: 0, deadline: far) else {
            Issue.record("sent into a block")
            return
        }
        #expect(e.retryAfterMs == 3000 && e.message.contains("blocked"))
        #expect(try c.admit(operation: nil, method: "GET", target: "/x", waitMs: nil, deadline: far).get() == 3000)
    }

    @Test func backoffIsBoundedExponentialWithFullJitter() {
        var r = RetrySettings()
        r.baseMs = 200
        r.maxMs = 1000
        #expect((1...5).map { r.backoffCeilingMs(retry: $0) } == [200, 400, 800, 1000, 1000])
        r.maxMs = 600_000
        #expect(r.backoffCeilingMs(retry: 200) == 600_000)
        let retryable: [ErrorCode] = [.network, .timeout, .serverError]
        for code in ErrorCode.allCases {
            let e = ElkoError(code, "x", httpStatus: code == .serverError ? 500 : 0)
            #expect((RetrySettings.refusal(e, idempotent: true) == nil) == retryable.contains(code), "\(code)")
            #expect(RetrySettings.refusal(e, idempotent: false) != nil, "\(code) retried for a write")
        }
    }
}

extension String {
    fileprivate func replacingTOKEN(_ t: String) -> String { Text.replacing("TOKEN-A", in: self, with: t) }
}
