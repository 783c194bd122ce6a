import Foundation
import Synchronization
import Testing

@testable import ElkoCore

/// A real sandbox in a subprocess (`elko sandbox --port 0 --admin ...`), so that its rate limit, block
/// and counters are ELKO's as the library meets them over TCP. Stopped on deinit.
final class ReliabilitySandbox: @unchecked Sendable {
    // @unchecked: set once in init, then only read.
    let process: Process
    let url: String
    let token: String
    let admin: Client
    private let configFile: URL?

    static var elkoBinary: String {
        if let b = ProcessInfo.processInfo.environment["ELKO_BIN"] { return b }
        // Tests/ElkoCoreTests/ReliabilityTests.swift -> .build/debug/elko
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/elko").path
    }

    /// `config`: the sandbox's JSON config (e.g. `{"rateLimit":{"requests":3}}`); `timeScale` scales its
    /// window, block and latencies.
    init(config: String? = nil, timeScale: Double? = nil) throws {
        var args = ["sandbox", "--port", "0", "--admin", "--products", "50"]
        if let timeScale { args += ["--time-scale", String(timeScale)] }
        if let config {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("elko-sandbox-\(UUID().uuidString).json")
            try config.write(to: file, atomically: true, encoding: .utf8)
            args += ["--config", file.path]
            configFile = file
        } else {
            configFile = nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.elkoBinary)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        // The first line on stdout is one JSON object with url and token.
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte.first == 10 { break }
            line.append(byte)
        }
        guard case .success(let info) = JSONValue.parse(Array(line), context: "sandbox"),
              let url = info.objectEntries.first(where: { $0.key == "url" })?.value.stringValue,
              let token = info.objectEntries.first(where: { $0.key == "token" })?.value.stringValue
        else {
            p.terminate()
            throw SandboxError.noAddress(String(decoding: line, as: UTF8.self))
        }
        process = p
        self.url = url
        self.token = token
        // Admin calls through a client of their own: a limiter that never refuses, no retries, no log.
        admin = Client(
            configuration: try Configuration.parse(
                #"{"base_url": "\#(url)", "token": "admin-\#(UUID().uuidString)", "rate_limit": {"requests": 100000, "margin": 0}, "retries": {"max": 0}, "log_level": "off"}"#
            ).get(), rateLimitStore: InProcessRateLimitStore())
    }

    enum SandboxError: Error { case noAddress(String), admin(String) }

    deinit {
        process.terminate()
        process.waitUntilExit()
        if let configFile { try? FileManager.default.removeItem(at: configFile) }
    }

    /// A client of the demo company with extra options, its log lines collected in `lines`.
    func client(_ extra: String, lines: CollectedLogLines? = nil, store: any RateLimitStore = InProcessRateLimitStore()) throws -> Client {
        let c = Client(
            configuration: try Configuration.parse(#"{"version": 1, "base_url": "\#(url)", "token": "\#(token)"\#(extra)}"#).get(),
            rateLimitStore: store)
        if let lines { c.logger.setSink(.callback { level, line in lines.append(level, line) }) }
        return c
    }

    @discardableResult
    func adminRequest(_ method: String, _ path: String, _ body: String? = nil) throws -> JSONValue? {
        switch admin.request(method: method, path: "/_sandbox" + path, body: body.map { Array($0.utf8) }) {
        case .failure(let e): throw SandboxError.admin(e.description)
        case .success(let r): return try? JSONValue.parse(r.body, context: "admin").get()
        }
    }

    func fault(_ fault: String, count: Int) throws {
        try adminRequest("POST", "/faults", #"{"fault": "\#(fault)", "count": \#(count)}"#)
    }

    /// The demo token's counters (`total`, `served`, `exceeded`, `blocked`, ...), summed over tokens.
    func counters() throws -> [String: Int64] {
        var sum: [String: Int64] = [:]
        guard let doc = try adminRequest("GET", "/counters"),
              let tokens = doc.objectEntries.first(where: { $0.key == "tokens" })?.value
        else { return sum }
        for (_, c) in tokens.objectEntries {
            for (k, v) in c.objectEntries { sum[k, default: 0] += v.integerValue ?? 0 }
        }
        return sum
    }
}

/// Log lines a test collects through the callback sink.
final class CollectedLogLines: Sendable {
    private let lines = Mutex<[(LogLevel, String)]>([])
    func append(_ l: LogLevel, _ s: String) { lines.withLock { $0.append((l, s)) } }
    var all: [String] { lines.withLock { $0.map(\.1) } }
    func containing(_ needles: String...) -> [String] {
        all.filter { line in needles.allSatisfy { line.contains($0) } }
    }
}


/// Runs blocking work (curl calls, limiter waits, a sandbox subprocess) on a thread of its own
/// rather than one of the few threads of Swift's cooperative pool, which the other suites' in-process
/// sandboxes need (their timing assertions fail when a test blocks a pool thread for seconds).
/// The work stays in the test's task, so `#expect` still attributes its issues to the test.
final class BlockingExecutor: TaskExecutor {
    static let shared = BlockingExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let thread = Thread { unowned.runSynchronously(on: executor) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

func offThePool<T: Sendable>(_ body: @Sendable () throws -> T) async throws -> T {
    try await withTaskExecutorPreference(BlockingExecutor.shared) { try body() }
}

@Suite(.serialized) struct ReliabilityTests {
    /// 5 requests per 500 ms and a 3 s block at the sandbox (ELKO's 50 per 10 s and 60 s, scaled).
    static let tightSandbox = #"{"rateLimit": {"requests": 5, "windowSeconds": 10, "blockSeconds": 60}}"#

    @Test func theLimiterNeverSendsMoreThanTheLimit() async throws { try await offThePool {
        let sandbox = try ReliabilitySandbox(config: Self.tightSandbox, timeScale: 0.05)
        let lines = CollectedLogLines()
        let c = try sandbox.client(
            #", "rate_limit": {"requests": 5, "window_ms": 500, "margin": 1, "block_ms": 3000, "wait_ms": 5000}, "log_level": "info""#,
            lines: lines)
        for i in 0..<14 {
            let r = c.call(operation: "catalog.vendors", params: nil)
            #expect(throws: Never.self, "call \(i)") { try r.get() }
        }
        let counters = try sandbox.counters()
        #expect(counters["total"] == 14)
        #expect(counters["exceeded"] == 0)
        #expect(counters["blocked"] == 0)
        // it had to wait (14 requests at 4 per 500 ms), and said so
        #expect(!lines.containing("waited").isEmpty)
        #expect(!lines.containing("limiter_wait_ms=").filter { !$0.contains("limiter_wait_ms=0") }.isEmpty)
    } }

    @Test func failFastCarriesTheTimeToWaitAndSendsNothing() async throws { try await offThePool {
        let sandbox = try ReliabilitySandbox(config: Self.tightSandbox, timeScale: 0.05)
        let c = try sandbox.client(#", "rate_limit": {"requests": 5, "window_ms": 500, "margin": 1}, "log_level": "off""#)
        for _ in 0..<4 { #expect(throws: Never.self) { try c.call(operation: "catalog.vendors", params: nil).get() } }
        guard case .failure(let e) = c.call(operation: "catalog.vendors", params: nil) else {
            Issue.record("a fifth request within 500 ms was admitted")
            return
        }
        #expect(e.code == .rateLimited)
        #expect(e.httpStatus == 0)
        #expect(e.retryAfterMs > 0 && e.retryAfterMs <= 500)
        #expect(e.message.contains("nothing was sent"))
        #expect(e.message.contains("retry after"))
        #expect(try sandbox.counters()["total"] == 4)
        // the same call allowed to wait gets through once a slot frees
        #expect(throws: Never.self) {
            try c.call(operation: "catalog.vendors", params: nil, options: .init(waitMs: 2000)).get()
        }
        let counters = try sandbox.counters()
        #expect(counters["total"] == 5 && counters["exceeded"] == 0)
    } }

    @Test func aSandboxBlockIsRecordedAndNothingIsSentIntoIt() async throws { try await offThePool {
        // The sandbox allows 3 per 500 ms and blocks for 3 s; the client's own limiter is looser.
        let sandbox = try ReliabilitySandbox(config: #"{"rateLimit": {"requests": 3}}"#, timeScale: 0.05)
        let lines = CollectedLogLines()
        let c = try sandbox.client(
            #", "rate_limit": {"requests": 50, "margin": 0, "block_ms": 3000}, "log_level": "info""#, lines: lines)
        var limited: ElkoError?
        for _ in 0..<4 {
            if case .failure(let e) = c.call(operation: "catalog.vendors", params: nil) { limited = e }
        }
        #expect(limited?.code == .rateLimited)
        #expect(limited?.httpStatus == 403)
        #expect(limited?.retryAfterMs == 3000)
        #expect(try sandbox.counters()["total"] == 4)
        #expect(!lines.containing("status=403", "blocked_ms=3000").isEmpty)

        // During the block: refused here, nothing reaches the sandbox, and no retry sends into it.
        for _ in 0..<3 {
            guard case .failure(let e) = c.call(operation: "catalog.vendors", params: nil) else {
                Issue.record("sent into a block")
                continue
            }
            #expect(e.code == .rateLimited)
            #expect(e.httpStatus == 0)
            #expect(e.retryAfterMs > 0 && e.retryAfterMs <= 3000)
            #expect(e.message.contains("blocked") && e.message.contains("nothing was sent"))
        }
        // Another client of the same token in the same store knows of the block too.
        let other = try sandbox.client(#", "log_level": "off""#, store: c.limiter.store)
        guard case .failure(let o) = other.call(operation: "catalog.vendors", params: nil) else {
            Issue.record("another client sent into the block")
            return
        }
        #expect(o.code == .rateLimited && o.httpStatus == 0)
        #expect(try sandbox.counters()["total"] == 4)

        // A call that may wait gets through after the block.
        #expect(throws: Never.self) {
            try c.call(operation: "catalog.vendors", params: nil, options: .init(waitMs: 5000)).get()
        }
        let counters = try sandbox.counters()
        #expect(counters["total"] == 5)
        #expect(counters["blocked"] == 0)
    } }

    @Test func idempotentCallsAreRetriedOn5xx() async throws { try await offThePool {
        let sandbox = try ReliabilitySandbox()
        let lines = CollectedLogLines()
        let c = try sandbox.client(#", "retries": {"max": 2, "base_ms": 10, "max_ms": 50}, "log_level": "debug""#, lines: lines)
        try sandbox.fault("error500", count: 2)
        let r = c.call(operation: "catalog.vendors", params: nil)
        #expect(throws: Never.self) { try r.get() }
        #expect(try sandbox.counters()["total"] == 3)
        #expect(lines.containing("status=500", "attempt=1").count == 1)
        #expect(lines.containing("status=500", "attempt=2").count == 1)
        #expect(lines.containing("status=200", "attempt=3").count == 1)
        #expect(lines.containing("retrying catalog.vendors").count == 2)

        // more failures than retries: the last error is returned
        try sandbox.fault("error500", count: 5)
        guard case .failure(let e) = c.call(operation: "catalog.vendors", params: nil) else {
            Issue.record("succeeded through five 500s")
            return
        }
        #expect(e.code == .serverError && e.httpStatus == 500)
        #expect(try sandbox.counters()["total"] == 6)
        #expect(lines.containing("failed after 3 attempts").count == 1)
        try sandbox.adminRequest("DELETE", "/faults")
    } }

    @Test func writesAre400sAndRateLimitsAreNeverRetried() async throws { try await offThePool {
        let sandbox = try ReliabilitySandbox()
        let lines = CollectedLogLines()
        // Without reconciliation (OrderPlacementTests covers it): a write is never sent twice.
        let c = try sandbox.client(#", "retries": {"max": 2, "base_ms": 10, "max_ms": 50}, "log_level": "debug", "orders": {"reconcile": false}"#, lines: lines)
        // a POST on 500: ELKO may have acted on it
        try sandbox.fault("error500", count: 2)
        let order = #"{"body": {"lines": [{"elkoCode": "1", "quantity": 1}]}}"#
        guard case .failure(let e) = c.call(operation: "orders.create", paramsJSON: order) else {
            Issue.record("the order went through a 500 fault")
            return
        }
        #expect(e.code == .serverError)
        #expect(try sandbox.counters()["total"] == 1)
        #expect(lines.containing("no retry of orders.create", "not idempotent").count == 1)
        try sandbox.adminRequest("DELETE", "/faults")

        // a GET answered 400
        guard case .failure(let b) = c.request(method: "GET", path: "/v3.0/api/Catalog/AvailabilityAndPrice/Availability") else {
            Issue.record("no 400")
            return
        }
        #expect(b.code == .badRequest)
        #expect(try sandbox.counters()["total"] == 2)
        // a GET answered 404
        guard case .failure(let n) = c.call(operation: "orders.get", paramsJSON: #"{"orderId": 99999999}"#) else {
            Issue.record("no 404")
            return
        }
        #expect(n.code == .notFound)
        #expect(try sandbox.counters()["total"] == 3)
        #expect(lines.containing("retrying").isEmpty)
    } }

    @Test func networkErrorsAreRetried() async throws { try await offThePool {
        let sandbox = try ReliabilitySandbox()
        let lines = CollectedLogLines()
        let c = try sandbox.client(#", "retries": {"max": 4, "base_ms": 10, "max_ms": 50}, "log_level": "debug""#, lines: lines)
        // libcurl itself resends once when a reused keep-alive connection dies before any answer (a
        // first attempt may so take two resets, later ones open new connections and take one):
        // four resets reach the retry loop at least twice and leave it a fifth attempt.
        #expect(throws: Never.self) { try c.call(operation: "catalog.vendors", params: nil).get() }
        try sandbox.fault("reset", count: 4)
        #expect(throws: Never.self) { try c.call(operation: "catalog.vendors", params: nil).get() }
        #expect(!lines.containing("error=network", "attempt=1").isEmpty, "\(lines.all)")
        #expect(!lines.containing("retrying catalog.vendors", "after network").isEmpty)
        try sandbox.adminRequest("DELETE", "/faults")
    } }

    @Test func logLinesNameTheRequestAndNeverTheToken() async throws { try await offThePool {
        let sandbox = try ReliabilitySandbox()
        let lines = CollectedLogLines()
        let c = try sandbox.client(#", "log_level": "debug", "retries": {"base_ms": 1, "max_ms": 5}"#, lines: lines)
        #expect(throws: Never.self) { try c.call(operation: "catalog.vendors", params: nil).get() }
        let ok = lines.containing("op=catalog.vendors", "method=GET", "path=/v3.0/api/Catalog/Vendors", "status=200", "attempt=1", "duration_ms=", "limiter_wait_ms=0")
        #expect(ok.count == 1, "\(lines.all)")
        _ = c.call(operation: "orders.get", paramsJSON: #"{"orderId": 99999999}"#)
        #expect(lines.containing("op=orders.get", "status=404", "error=not_found").count == 1)
        try sandbox.fault("error500", count: 1)
        _ = c.call(operation: "catalog.vendors", params: nil)
        // a path that holds the token (a caller's mistake) is redacted in the log
        _ = c.request(method: "GET", path: "/v3.0/api/Echo/" + sandbox.token)
        #expect(!lines.all.isEmpty)
        for line in lines.all { #expect(!line.contains(sandbox.token), "\(line)") }
        #expect(!lines.containing("[token]").isEmpty)

        // a log file, appended to
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("elko-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "earlier line\n".write(toFile: path, atomically: true, encoding: .utf8)
        let f = try sandbox.client(#", "log_level": "info", "log_file": "\#(path)""#)
        #expect(throws: Never.self) { try f.call(operation: "catalog.categories", params: nil).get() }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("earlier line\n"))
        #expect(text.contains("elko info: request op=catalog.categories method=GET"))
        #expect(text.contains("status=200 ") && text.contains("attempt=1"))
        #expect(!text.contains(sandbox.token))

        // log_level off: nothing
        let quiet = CollectedLogLines()
        let q = try sandbox.client(#", "log_level": "off""#, lines: quiet)
        _ = q.call(operation: "catalog.vendors", params: nil)
        #expect(quiet.all.isEmpty)
        // warn (the default): a success is not logged, a 500 is
        let warn = CollectedLogLines()
        let w = try sandbox.client(#", "retries": {"max": 0}"#, lines: warn)
        _ = w.call(operation: "catalog.vendors", params: nil)
        #expect(warn.all.isEmpty)
        try sandbox.fault("error500", count: 1)
        _ = w.call(operation: "catalog.vendors", params: nil)
        #expect(warn.containing("status=500", "error=server_error").count == 1)
    } }

    @Test func dryRunSendsOnlyReads() async throws { try await offThePool {
        let sandbox = try ReliabilitySandbox()
        let c = try sandbox.client(#", "dry_run": true, "log_level": "off""#)
        let order = #"{"body": {"lines": [{"elkoCode": "1", "quantity": 1}]}}"#
        guard case .failure(let e) = c.call(operation: "orders.create", paramsJSON: order) else {
            Issue.record("an order was sent in dry run")
            return
        }
        #expect(e.code == .writeRefused)
        #expect(e.operation == "orders.create")
        #expect(e.message.contains("POST /v3.0/api/Orders"), "\(e.message)")
        #expect(e.message.contains("not sent"))
        #expect(!e.message.contains(sandbox.token))
        // invalid params are still refused as such: validated before the dry-run check
        guard case .failure(let v) = c.call(operation: "orders.create", paramsJSON: #"{"bogus": 1}"#) else {
            Issue.record("invalid params accepted")
            return
        }
        #expect(v.code == .invalidArgument)
        // token.create, raw writes and deletes too
        guard case .failure(let t) = c.call(operation: "token.create", paramsJSON: #"{"body": {"username": "demo", "password": "demo"}}"#) else {
            Issue.record("token.create sent in dry run")
            return
        }
        #expect(t.code == .writeRefused)
        guard case .failure(let d) = c.request(method: "DELETE", path: "/v3.0/api/Orders/1") else {
            Issue.record("a DELETE sent in dry run")
            return
        }
        #expect(d.code == .writeRefused && d.message.contains("DELETE /v3.0/api/Orders/1"))
        #expect(try sandbox.counters()["total", default: 0] == 0)
        // reads are sent
        #expect(throws: Never.self) { try c.call(operation: "catalog.vendors", params: nil).get() }
        #expect(try sandbox.counters()["total"] == 1)
    } }
}
