import Testing

@testable import ElkoCore

@Suite struct ReliabilityOptionsTests {
    func parse(_ extra: String) -> Result<Configuration, ElkoError> {
        Configuration.parse(#"{"base_url": "http://127.0.0.1:1", "token": "eyJSECRET"\#(extra)}"#, environment: { _ in nil })
    }

    @Test func defaults() throws {
        let c = try parse("").get()
        #expect(c.rateLimit == RateLimitSettings())
        #expect(c.rateLimit.requests == 50 && c.rateLimit.windowMs == 10_000 && c.rateLimit.blockMs == 60_000)
        #expect(c.rateLimit.margin == 2 && c.rateLimit.waitMs == 0 && c.rateLimit.effectiveLimit == 48)
        #expect(c.retries.max == 2 && c.retries.baseMs == 200 && c.retries.maxMs == 5000)
        #expect(c.logLevel == .warn)
        #expect(!c.dryRun)
    }

    @Test func everyKeyIsRead() throws {
        let c = try parse(#", "rate_limit": {"requests": 5, "window_ms": 500, "block_ms": 3000, "margin": 1, "wait_ms": 2000}, "retries": {"max": 3, "base_ms": 10, "max_ms": 50}, "log_level": "DEBUG", "log": "stderr", "dry_run": true"#).get()
        #expect(c.rateLimit.requests == 5 && c.rateLimit.windowMs == 500 && c.rateLimit.blockMs == 3000)
        #expect(c.rateLimit.margin == 1 && c.rateLimit.waitMs == 2000)
        #expect(c.retries.max == 3 && c.retries.baseMs == 10 && c.retries.maxMs == 50)
        #expect(c.logLevel == .debug)
        #expect(c.dryRun)
        // a small limit has no room for the default margin
        #expect(try parse(#", "rate_limit": {"requests": 1}"#).get().rateLimit.effectiveLimit == 1)
        #expect(try parse(#", "rate_limit": {"requests": 3}"#).get().rateLimit.margin == 2)
    }

    @Test(arguments: [
        (#", "rate_limit": {"requests": 5, "per": 3}"#, "\"rate_limit.per\""),
        (#", "rate_limit": {"requests": 0}"#, "rate_limit.requests"),
        (#", "rate_limit": {"requests": 5, "margin": 5}"#, "rate_limit.margin"),
        (#", "rate_limit": {"wait_ms": -1}"#, "rate_limit.wait_ms"),
        (#", "rate_limit": {"window_ms": "10s"}"#, "whole number"),
        (#", "rate_limit": 50"#, "must be an object"),
        (#", "retries": {"max": 11}"#, "retries.max"),
        (#", "retries": {"count": 1}"#, "\"retries.count\""),
        (#", "retries": {"base_ms": 500, "max_ms": 100}"#, "retries.max_ms"),
        (#", "log_level": "loud""#, "log_level"),
        (#", "log": "syslog""#, "\"log\""),
        (#", "log": "stderr", "log_file": "/tmp/x.log""#, "not both"),
        (#", "log_file": "/nonexistent/dir/x.log""#, "log_file"),
        (#", "dry_run": "yes""#, "dry_run"),
    ])
    func refusedSayWhy(extra: String, says: String) {
        guard case .failure(let e) = parse(extra) else { Issue.record("accepted: \(extra)"); return }
        #expect(e.code == .invalidArgument)
        #expect(e.message.contains(says), "\(e.message)")
        #expect(!e.message.contains("SECRET"))
    }
}
