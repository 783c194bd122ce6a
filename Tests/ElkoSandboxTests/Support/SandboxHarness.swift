import Foundation
@testable import ElkoSandbox

/// A sandbox running in this process on a free loopback port, for one test.
final class RunningSandbox: Sendable {
    let sandbox: Sandbox
    let port: Int
    private let task: Task<Void, any Error>

    private init(sandbox: Sandbox, port: Int, task: Task<Void, any Error>) {
        self.sandbox = sandbox
        self.port = port
        self.task = task
    }

    /// Starts a sandbox with a small catalog, the admin API on, and whatever `configure` changes.
    static func start(_ configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> RunningSandbox {
        var c = SandboxConfiguration()
        c.port = 0
        c.admin = true
        c.catalog.products = 200
        c.tokenSecret = "test-secret"
        configure(&c)
        let sandbox = try Sandbox(configuration: c)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await sandbox.run { port in continuation.yield(port) } }
        var port = 0
        for await p in ports {
            port = p
            break
        }
        return RunningSandbox(sandbox: sandbox, port: port, task: task)
    }

    var token: String { sandbox.token ?? "" }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Runs blocking socket work on a thread of its own: the server's handlers run on Swift's cooperative
    /// pool, which a blocking test must not occupy (two cores give it two threads, and Dispatch's global
    /// queues starve it too when many tests run at once).
    func http<T: Sendable>(_ work: @escaping @Sendable (RawHTTPClient) throws -> T) async throws -> T {
        let port = self.port
        return try await withCheckedThrowingContinuation { cont in
            let thread = Thread {
                let client = RawHTTPClient(port: port)
                defer { client.close() }
                cont.resume(with: Result { try work(client) })
            }
            thread.start()
        }
    }

    /// One GET with the demo token.
    func get(_ path: String, headers: [(String, String)] = []) async throws -> RawResponse {
        let token = self.token
        return try await http { try $0.send("GET", path, headers: [("Authorization", "Bearer \(token)")] + headers) }
    }

    /// One request with a JSON body and the demo token.
    func send(_ method: String, _ path: String, json: String?, headers: [(String, String)] = []) async throws -> RawResponse {
        let token = self.token
        return try await http {
            try $0.send(method, path, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")] + headers,
                        body: json.map { Array($0.utf8) })
        }
    }

    /// The admin API (no token needed; loopback only).
    func admin(_ method: String, _ path: String, json: String? = nil) async throws -> JSON {
        let r = try await http { try $0.send(method, "/_sandbox/" + path, body: json.map { Array($0.utf8) }) }
        return (try? JSON.parse(r.body)) ?? .string(r.text)
    }
}

extension RawResponse {
    var json: JSON? { try? JSON.parse(body) }
}

/// Seconds on a monotonic clock.
func monotonicNow() -> Double {
    let d = ContinuousClock.now - ContinuousClock.Instant.processStart
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

extension ContinuousClock.Instant {
    static let processStart = ContinuousClock.now
}
