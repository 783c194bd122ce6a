import Testing
@testable import ElkoSandbox

@Suite("Rate limit counter") struct RateLimitCounterTests {
    @Test func slidingWindowThenBlock() {
        var c = RateLimitCounter()
        for i in 0..<3 { #expect(c.decide(now: Double(i), requests: 3, window: 10, block: 60, sliding: true) == .allowed) }
        #expect(c.decide(now: 5, requests: 3, window: 10, block: 60, sliding: true) == .exceeded(until: 65))
        #expect(c.decide(now: 64.9, requests: 3, window: 10, block: 60, sliding: true) == .blocked(until: 65))
        #expect(c.decide(now: 65, requests: 3, window: 10, block: 60, sliding: true) == .allowed)
        #expect((c.total, c.served, c.exceeded, c.blocked) == (6, 4, 1, 1))
    }

    @Test func slidingWindowAdmitsAsOldRequestsAge() {
        var c = RateLimitCounter()
        for t in [0.0, 1, 2] { #expect(c.decide(now: t, requests: 3, window: 10, block: 60, sliding: true) == .allowed) }
        // At 10.0 the request of 0.0 has aged out (exactly one window old), the others have not.
        #expect(c.decide(now: 10, requests: 3, window: 10, block: 60, sliding: true) == .allowed)
        #expect(c.inWindow == 3)
    }

    @Test func fixedWindowsResetOnTheBoundary() {
        var c = RateLimitCounter()
        for t in [0.0, 9, 9.5] { #expect(c.decide(now: t, requests: 3, window: 10, block: 0, sliding: false) == .allowed) }
        // A new fixed window at 10 admits three more at once (a sliding window would not).
        for t in [10.0, 10.1, 10.2] { #expect(c.decide(now: t, requests: 3, window: 10, block: 0, sliding: false) == .allowed) }
        #expect(c.decide(now: 10.3, requests: 3, window: 10, block: 0, sliding: false) == .exceeded(until: 10.3))
    }

    @Test func manyRequestsStayCheap() {
        var c = RateLimitCounter()
        for i in 0..<200_000 {
            _ = c.decide(now: Double(i) * 0.5, requests: 1_000_000, window: 10, block: 60, sliding: true)
        }
        #expect(c.served == 200_000 && c.inWindow == 20)  // (now - 10, now] holds 20 half-second steps
    }
}
