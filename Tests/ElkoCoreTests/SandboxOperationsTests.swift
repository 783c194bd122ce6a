import ElkoAPI
import Foundation
import Testing

@testable import ElkoCore
@testable import ElkoSandbox

/// An in-process sandbox for the client's tests, with one company per dialect (each token gets its
/// own 50-per-10-s budget) and one whose allow-list excludes loopback.
final class ClientTestSandbox: Sendable {
    let sandbox: Sandbox
    let port: Int
    private let task: Task<Void, any Error>

    static let companies: [SandboxConfiguration.Company] = [
        .init(accountNo: "700001", name: "API", username: "api", password: "pw-api", allowList: ["127.0.0.0/8", "::1"]),
        .init(accountNo: "700002", name: "UA", username: "ua", password: "pw-ua", allowList: ["127.0.0.0/8", "::1"]),
        .init(accountNo: "700003", name: "Elsewhere", username: "far", password: "pw-far", allowList: ["10.0.0.0/8"]),
    ]

    private init(sandbox: Sandbox, port: Int, task: Task<Void, any Error>) {
        self.sandbox = sandbox
        self.port = port
        self.task = task
    }

    static func start() async throws -> ClientTestSandbox {
        var c = SandboxConfiguration()
        c.port = 0
        c.catalog.products = 300
        c.companies = companies
        let sandbox = try Sandbox(configuration: c)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await sandbox.run { port in continuation.yield(port) } }
        var port = 0
        for await p in ports {
            port = p
            break
        }
        return ClientTestSandbox(sandbox: sandbox, port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func token(_ accountNo: String) -> String { sandbox.activeToken(accountNo: accountNo) ?? "" }

    func client(_ accountNo: String, dialect: Dialect = .api, extra: String = "") throws -> Client {
        let options = #"{"version":1,"base_url":"\#(url)","dialect":"\#(dialect.rawValue)","token":"\#(token(accountNo))"\#(extra)}"#
        return try Configuration.parse(options, environment: { _ in nil }).map(Client.init).get()
    }

    /// Queues faults for the next requests, as `POST /_sandbox/faults` does.
    func fault(_ fault: Fault, count: Int = 1) {
        sandbox.state.data.withLock { $0.pendingFaults += Array(repeating: PendingFault(fault), count: count) }
    }
}

/// Runs blocking libcurl work on a thread of its own, off Swift's cooperative pool (the in-process
/// sandbox answers on that pool).
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { cont in
        Thread { cont.resume(with: Result { try work() }) }.start()
    }
}

extension Result where Success == HTTPResponse, Failure == ElkoError {
    /// The answer parsed with Foundation (the test's own parser, independent of the library's).
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(get().body), options: [.fragmentsAllowed])
    }
}

@Suite("Every operation against the sandbox", .serialized) struct SandboxOperationsTests {
    @Test(arguments: [(Dialect.api, "700001"), (Dialect.ua, "700002")])
    func everyOperationOfTheTable(dialect: Dialect, accountNo: String) async throws {
        let s = try await ClientTestSandbox.start()
        defer { Task { await s.stop() } }
        let client = try s.client(accountNo, dialect: dialect)
        let code = try #require(s.sandbox.state.catalog.products.first { $0.initialStock >= 5 && $0.initialStock <= 10 }?.elkoCode)
        let other = try #require(s.sandbox.state.catalog.products.last?.elkoCode)
        let credentials = ClientTestSandbox.companies.first { $0.accountNo == accountNo }
        let username = credentials?.username ?? "", password = credentials?.password ?? ""

        let called = try await onThread { () -> [String] in
            var called: [String] = []
            func call(_ op: String, _ params: String) throws -> Result<HTTPResponse, ElkoError> {
                called.append(op)
                let r = client.call(operation: op, paramsJSON: params)
                if case .failure(let e) = r { Issue.record("\(dialect) \(op) \(params): \(e)") }
                return r
            }
            let products = try #require(try call("catalog.products", "{}").json() as? [[String: Any]])
            #expect(products.count == 300)
            let idKey = dialect == .api ? "elkoCode" : "id"
            let some = try #require(try call("catalog.products", #"{"elkoCode":[\#(code),"\#(other)"]}"#).json() as? [[String: Any]])
            #expect(some.compactMap { $0[idKey] as? Int } == [code, other])
            #expect((try call("catalog.esd", "").json() as? [Any])?.isEmpty == false)
            #expect((try call("catalog.description", #"{"elkoCodes":[\#(code),\#(other)],"lang":"UA"}"#).json() as? [Any])?.isEmpty == false)
            #expect((try call("catalog.media", #"{"elkoCodes":["\#(code)"]}"#).json() as? [Any])?.count == 1)
            #expect((try call("catalog.categories", "{}").json() as? [Any])?.isEmpty == false)
            #expect((try call("catalog.categoryTree", "{}").json() as? [Any])?.isEmpty == false)
            #expect((try call("catalog.vendors", "{}").json() as? [Any])?.isEmpty == false)
            let availability = try call("catalog.availability", #"{"type":"AvailabilityIncomingPrice","elkoCodes":[\#(code)]}"#).json() as? [[String: Any]]
            #expect(availability?.first?["prices"] != nil && availability?.first?["incoming"] != nil)

            let order = try #require(try call("orders.create", #"{"body":{"customerPo":"PO-1","lines":[{"elkoCode":"\#(code)","quantity":"2"}]}}"#).json() as? [String: Any])
            let orderId = try #require(order["orderId"] as? Int)
            #expect((try call("orders.list", "").json() as? [Any])?.count == 1)
            #expect((try call("orders.get", #"{"orderId":\#(orderId)}"#).json() as? [String: Any])?["customerPo"] as? String == "PO-1")
            #expect((try call("orders.modify", #"{"orderId":"\#(orderId)","body":{"customerPo":"PO-2"}}"#).json() as? [String: Any])?["customerPo"] as? String == "PO-2")
            #expect((try call("orders.cancel", #"{"orderId":\#(orderId)}"#).json() as? [String: Any])?["status"] as? String == "Cancelled")

            let reservation = try #require(try call("reservations.create", #"{"body":{"lines":[{"elkoCode":\#(code),"quantity":1}]}}"#).json() as? [String: Any])
            let reservationId = try #require(reservation["reservationId"] as? Int)
            #expect((try call("reservations.list", "").json() as? [Any])?.count == 1)
            #expect((try call("reservations.get", #"{"reservationId":\#(reservationId)}"#).json() as? [String: Any])?["status"] as? String == "Active")
            #expect((try call("reservations.release", #"{"reservationId":\#(reservationId)}"#).json() as? [String: Any])?["status"] as? String == "Released")

            #expect(((try call("invoices.list", #"{"withAdditionalInfo":true}"#).json() as? [[String: Any]])?.first?["additionalInfo"]) != nil)
            #expect((try call("invoices.range", #"{"from":126300,"to":"126365"}"#).json() as? [Any])?.count == 3)
            #expect((try call("account.get", "").json() as? [String: Any])?["accountNo"] as? String == accountNo)

            // Last: a new token deactivates the one this client holds.
            let fresh = try call("token.create", #"{"body":{"username":"\#(username)","password":"\#(password)"}}"#).json() as? String
            #expect(fresh?.hasPrefix("eyJ") == true)
            called.append("(after token.create)")
            if case .failure(let e) = client.call(operation: "account.get", paramsJSON: "") {
                #expect(e.code == .unauthorized)
            } else {
                Issue.record("the old token must stop working")
            }
            return called
        }
        #expect(Set(called.filter { !$0.hasPrefix("(") }) == Set(OperationTable.all.map(\.name)), "every operation of the table was called")
    }

    @Test func eachErrorMapping() async throws {
        let s = try await ClientTestSandbox.start()
        defer { Task { await s.stop() } }
        // Writes as the transport answers them (no look-up of lost orders: OrderPlacementTests has those).
        let client = try s.client("700001", extra: #","orders":{"reconcile":false}"#)
        let code = try #require(s.sandbox.state.catalog.products.first { $0.initialStock >= 1 }?.elkoCode)
        let badToken = try Configuration.parse(#"{"base_url":"\#(s.url)","token":"eyJnot.a.token"}"#, environment: { _ in nil }).map(Client.init).get()
        let far = try s.client("700003")
        let nobody = try Configuration.parse(#"{"base_url":"http://127.0.0.1:1","token":"t","connect_timeout_ms":2000}"#, environment: { _ in nil }).map(Client.init).get()
        let impatient = try s.client("700001", extra: #","timeout_ms":300,"orders":{"reconcile":false}"#)

        let errors: [(String, ElkoError?)] = try await onThread {
            func failure(_ r: Result<HTTPResponse, ElkoError>) -> ElkoError? {
                if case .failure(let e) = r { return e }
                return nil
            }
            var out: [(String, ElkoError?)] = []
            out.append(("invalid", failure(client.call(operation: "orders.get", paramsJSON: #"{"orderId":"abc"}"#))))
            out.append(("unknown", failure(client.call(operation: "orders.nope", paramsJSON: ""))))
            out.append(("bad request", failure(client.call(operation: "orders.create", paramsJSON: #"{"body":{"currency":"USD"}}"#))))
            out.append(("unauthorized", failure(badToken.call(operation: "account.get", paramsJSON: ""))))
            out.append(("forbidden", failure(far.call(operation: "account.get", paramsJSON: ""))))
            out.append(("not found", failure(client.call(operation: "orders.get", paramsJSON: #"{"orderId":424242}"#))))
            out.append(("method", failure(client.request(method: "DELETE", path: "/v3.0/api/Catalog/Products"))))
            // A POST is never retried, so one injected 500 is what the caller sees.
            s.fault(.serverError)
            out.append(("server", failure(client.call(operation: "orders.create", paramsJSON: #"{"body":{"lines":[{"elkoCode":\#(code),"quantity":1}]}}"#))))
            out.append(("network", failure(nobody.call(operation: "account.get", paramsJSON: ""))))
            s.fault(.latency(ms: 3000))
            out.append(("timeout", failure(impatient.call(operation: "orders.create", paramsJSON: #"{"body":{"lines":[{"elkoCode":\#(code),"quantity":1}]}}"#))))
            return out
        }
        let expected: [String: ErrorCode] = [
            "invalid": .invalidArgument, "unknown": .invalidArgument, "bad request": .badRequest,
            "unauthorized": .unauthorized, "forbidden": .forbidden, "not found": .notFound,
            "method": .methodNotAllowed, "server": .serverError, "network": .network, "timeout": .timeout,
        ]
        for (name, error) in errors {
            #expect(error?.code == expected[name], "\(name): \(String(describing: error))")
            #expect(error.map { !$0.message.contains(s.token("700001")) } ?? true, "the token never appears in an error")
        }
        let badRequest = errors.first { $0.0 == "bad request" }?.1
        #expect(badRequest?.body == "The Lines field is required." && badRequest?.httpStatus == 400)
        let server = errors.first { $0.0 == "server" }?.1
        #expect(server?.body == "Something went wrong." && server?.httpStatus == 500)
        #expect(errors.first { $0.0 == "method" }?.1?.httpStatus == 405)
    }
}
