import ElkoAPI
import Foundation
import Testing

@testable import ElkoCore

/// Runs blocking work (a subprocess's output, libcurl) on a thread of its own: a synchronous test
/// would hold one of the few threads of Swift's cooperative pool and starve the async sandbox tests
/// that run beside it (their timings are checked).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, Error>) in
        Thread { c.resume(with: Result { try body() }) }.start()
    }
}

/// A real `elko sandbox` subprocess (the debug build next to the tests), stopped on deinit.
/// (@unchecked: immutable after start; the Process is only touched to stop it.)
final class SandboxProcess: @unchecked Sendable {
    let process = Process()
    let url: String
    let token: String
    let admin: String
    let configFile: URL

    static func start(products: Int = 5000) async throws -> SandboxProcess {
        try await offPool { try SandboxProcess(products: products) }
    }

    private init(products: Int) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/elko")
        // A limit no test reaches: these tests are about streaming, not about the 50-per-10 s rule.
        configFile = FileManager.default.temporaryDirectory.appendingPathComponent("elko-stream-test-\(UUID().uuidString).json")
        try Data(#"{"rateLimit": {"requests": 1000000}}"#.utf8).write(to: configFile)
        process.executableURL = binary
        process.arguments = ["sandbox", "--port", "0", "--admin", "--products", String(products), "--config", configFile.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        guard let info = try JSONSerialization.jsonObject(with: line) as? [String: Any],
              let url = info["url"] as? String, let token = info["token"] as? String, let admin = info["admin"] as? String
        else {
            process.terminate()
            throw SandboxFailed(line: String(decoding: line, as: UTF8.self))
        }
        self.url = url
        self.token = token
        self.admin = admin
    }

    struct SandboxFailed: Error { let line: String }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: configFile)
    }

    func client(token: String? = nil, format: Configuration.Format = .json, timeoutMs: Int = 60_000) -> Client {
        Client(configuration: Configuration(baseURL: url, token: token ?? self.token, timeoutMs: timeoutMs, format: format))
    }

    /// Queues a fault for the next request(s) through the admin API.
    func fault(_ name: String, count: Int = 1) async throws {
        let body = Array(#"{"fault": "\#(name)", "count": \#(count)}"#.utf8)
        let path = String(admin.dropFirst(url.count)) + "/faults"
        let client = client()
        _ = try await offPool { try client.request(method: "POST", path: path, body: body).get() }
    }
}

@Suite(.serialized) struct StreamingTests {
    /// Every element, copied, until the end or an error.
    static func drain(_ s: ElementStream) -> (elements: [[UInt8]], error: ElkoError?) {
        var out: [[UInt8]] = []
        while true {
            switch s.next() {
            case .success(let e?): out.append(e)
            case .success(nil): return (out, nil)
            case .failure(let e): return (out, e)
            }
        }
    }

    /// Opens a stream and drains it: status, elements, the error if any, what a call after the end or
    /// the error answers, and the bytes received.
    struct Drained: Sendable {
        var status = 0
        var elements: [[UInt8]] = []
        var error: ElkoError?
        var afterwards: Result<[UInt8]?, ElkoError> = .success(nil)
        var received: Int64 = 0
    }

    static func streamed(_ client: Client, _ op: String, _ params: String = "") async throws -> Drained {
        try await offPool {
            let s = try client.stream(operation: op, paramsJSON: params).get()
            var d = Drained()
            d.status = s.status
            (d.elements, d.error) = drain(s)
            d.afterwards = s.next()
            d.received = s.receivedBytes
            return d
        }
    }

    static func opened(_ client: Client, _ op: String) async -> ElkoError? {
        try? await offPool {
            if case .failure(let e) = client.stream(operation: op, params: nil) { return e }
            return nil
        }
    }

    static func whole(_ client: Client, _ op: String, _ params: String = "") async throws -> [UInt8] {
        try await offPool { try client.call(operation: op, paramsJSON: params).get().body }
    }

    @Test func theStreamedCatalogEqualsTheWholeBody() async throws {
        let sandbox = try await SandboxProcess.start(products: 5000)
        let client = sandbox.client()
        let whole = try await Self.whole(client, "catalog.products")
        let d = try await Self.streamed(client, "catalog.products")
        #expect(d.status == 200)
        #expect(d.error == nil)
        #expect(d.elements.count == 5000)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(whole)) as? [NSDictionary])
        #expect(expected.count == d.elements.count)
        // Each element parses on its own to the same product (a sample: the byte comparison below covers
        // them all).
        var equal = 0
        for i in stride(from: 0, to: min(d.elements.count, expected.count), by: 25) {
            if let parsed = try? JSONSerialization.jsonObject(with: Data(d.elements[i])) as? NSDictionary,
               parsed.isEqual(expected[i]) { equal += 1 }
        }
        #expect(equal == 200)
        // The exact bytes, in order: the whole body is the elements joined (as the sandbox renders it).
        let rebuilt = Array("[".utf8) + Array(d.elements.joined(separator: Array(",".utf8))) + Array("]".utf8)
        let trimmed = Array(String(decoding: whole, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        #expect(rebuilt == trimmed)
        // After the end: the end again.
        guard case .success(nil) = d.afterwards else { Issue.record("no end after the end"); return }
        #expect(d.received == Int64(whole.count))
    }

    @Test func otherListsAndParametersStreamToo() async throws {
        let sandbox = try await SandboxProcess.start(products: 200)
        let client = sandbox.client()
        for op in ["catalog.vendors", "catalog.categories", "catalog.categoryTree", "orders.list"] {
            let whole = try await Self.whole(client, op)
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(whole)) as? NSArray)
            let d = try await Self.streamed(client, op, "{}")
            #expect(d.error == nil, "\(op)")
            let parsed = NSArray(array: d.elements.compactMap { try? JSONSerialization.jsonObject(with: Data($0), options: .fragmentsAllowed) })
            #expect(parsed.isEqual(expected), "\(op)")
        }
        let params = #"{"vendorCode": ["U1", "ZZ"]}"#
        let some = try await Self.streamed(client, "catalog.products", params)
        let whole = try await Self.whole(client, "catalog.products", params)
        #expect(some.elements.count == (try JSONSerialization.jsonObject(with: Data(whole)) as? NSArray)?.count)
    }

    @Test func consecutiveStreamsOnAThreadWork() async throws {
        let sandbox = try await SandboxProcess.start(products: 100)
        let client = sandbox.client()
        let counts: [Int] = try await offPool {
            var counts: [Int] = []
            for _ in 0..<5 {
                let (elements, error) = Self.drain(try client.stream(operation: "catalog.products", params: nil).get())
                counts.append(error == nil ? elements.count : -1)
            }
            // Released early (the transfer is aborted), then a new stream and a whole-body call on the thread.
            let early = try client.stream(operation: "catalog.products", params: nil).get()
            _ = early.next()
            _ = early.next()
            let (elements, error) = Self.drain(try client.stream(operation: "catalog.products", params: nil).get())
            counts.append(error == nil ? elements.count : -1)
            counts.append((try? client.call(operation: "catalog.vendors", params: nil).get()) != nil ? 1 : 0)
            withExtendedLifetime(early) {}
            return counts
        }
        #expect(counts == [100, 100, 100, 100, 100, 100, 1])
    }

    @Test func aTruncatedBodyIsANetworkErrorAfterTheElementsThatArrived() async throws {
        let sandbox = try await SandboxProcess.start(products: 5000)
        try await sandbox.fault("truncate")
        let d = try await Self.streamed(sandbox.client(), "catalog.products")
        #expect(d.error?.code == .network)
        #expect(d.error?.operation == "catalog.products")
        #expect(d.elements.count > 100 && d.elements.count < 5000)
        // The same error again; the token never in it.
        guard case .failure(let again) = d.afterwards else { Issue.record("no error after the error"); return }
        #expect(again.code == .network && again.message == d.error?.message)
        #expect(d.error.map { !$0.message.contains(sandbox.token) } == true)
    }

    @Test func aResetBeforeTheAnswerIsANetworkErrorFromStreamCreation() async throws {
        let sandbox = try await SandboxProcess.start(products: 100)
        try await sandbox.fault("reset", count: 5)
        let e = await Self.opened(sandbox.client(), "catalog.products")
        #expect(e?.code == .network && e?.httpStatus == 0)
    }

    @Test func httpErrorsAreMappedAtCreation() async throws {
        let sandbox = try await SandboxProcess.start(products: 100)
        // 403 with an empty body: the token is rejected.
        let bad = await Self.opened(sandbox.client(token: "eyJhbGciOiJIUzI1NiJ9.e30.nope"), "catalog.products")
        #expect(bad?.code == .unauthorized && bad?.httpStatus == 403 && bad?.operation == "catalog.products")
        #expect(bad.map { !$0.message.contains("eyJhbGciOiJIUzI1NiJ9") } == true)
        // 404 through a path override, with the same mapping as whole-body calls.
        var conf = Configuration(baseURL: sandbox.url, token: sandbox.token)
        conf.paths = ["catalog.vendors": PathTemplate("/v3.0/api/Catalog/Nothing")]
        let custom = Client(configuration: conf)
        let nf = await Self.opened(custom, "catalog.vendors")
        let nfWhole: ElkoError? = try await offPool {
            if case .failure(let e) = custom.call(operation: "catalog.vendors", params: nil) { return e }
            return nil
        }
        #expect(nf?.code == .notFound && nf?.httpStatus == 404)
        #expect(nf?.message == nfWhole?.message && nf?.body == nfWhole?.body)
        // 500 with ELKO's text.
        try await sandbox.fault("error500")
        let se = await Self.opened(sandbox.client(), "catalog.vendors")
        #expect(se?.code == .serverError && se?.body == "Something went wrong.")
    }

    @Test func onlyJSONListOperationsStream() async throws {
        let client = Client(configuration: Configuration(baseURL: "http://127.0.0.1:1", token: "abc"))
        for (op, says) in [("account.get", "does not answer a list"), ("orders.create", "does not answer a list"),
                           ("nope.nope", "unknown operation")] {
            guard case .failure(let e) = client.stream(operation: op, params: nil) else { Issue.record("\(op) streamed"); continue }
            #expect(e.code == .invalidArgument && e.message.contains(says), "\(op): \(e.message)")
        }
        let xml = Client(configuration: Configuration(baseURL: "http://127.0.0.1:1", token: "abc", format: .xml))
        guard case .failure(let e) = xml.stream(operation: "catalog.products", params: nil) else { Issue.record("xml streamed"); return }
        #expect(e.code == .invalidArgument && e.message.contains("xml"))
        guard case .failure(let p) = client.stream(operation: "catalog.products", paramsJSON: #"{"colour": 1}"#) else {
            Issue.record("bad params streamed"); return
        }
        #expect(p.code == .invalidArgument && p.message.contains("colour"))
        guard case .failure(let j) = client.stream(operation: "catalog.products", paramsJSON: #"{"lang": "#) else {
            Issue.record("bad JSON streamed"); return
        }
        #expect(j.code == .invalidArgument && j.operation == "catalog.products")
        // Nothing listens: a network error from creation.
        let n = await Self.opened(client, "catalog.products")
        #expect(n?.code == .network)
    }

    @Test func aSlowBodyIsStreamedAsItArrives() async throws {
        let sandbox = try await SandboxProcess.start(products: 300)
        try await sandbox.fault("slow=100")
        let client = sandbox.client()
        let (firstAfter, allAfter, count, error): (Duration, Duration, Int, ElkoError?) = try await offPool {
            let stream = try client.stream(operation: "catalog.products", params: nil).get()
            let start = ContinuousClock.now
            guard case .success(let first?) = stream.next(), first.first == UInt8(ascii: "{") else {
                return (.zero, .zero, 0, nil)
            }
            let firstAfter = ContinuousClock.now - start
            let (rest, error) = Self.drain(stream)
            return (firstAfter, ContinuousClock.now - start, rest.count + 1, error)
        }
        #expect(error == nil && count == 300)
        // The first element came with the first of eight pieces, well before the whole body.
        #expect(firstAfter < allAfter)
    }

    @Test func aTimeoutMidBodyIsATimeout() async throws {
        let sandbox = try await SandboxProcess.start(products: 300)
        try await sandbox.fault("slow=400")
        let d = try await Self.streamed(sandbox.client(timeoutMs: 700), "catalog.products")
        #expect(d.error?.code == .timeout)
    }
}
