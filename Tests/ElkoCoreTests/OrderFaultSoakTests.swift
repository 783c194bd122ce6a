import Foundation
import Testing

@testable import ElkoCore
@testable import ElkoSandbox

/// Many orders, each with a random fault on its send, at a hundredth of real time; then reconcile; then
/// count the orders each attempt left in the sandbox. The ground truth is the line's `clientNote`
/// (`a<n>`), which the sandbox keeps: it tells an attempt's own order apart even when many orders carry
/// the same caller reference (`"string"`, Swagger's sample value that real clients send).
@Suite(.serialized) struct OrderFaultSoakTests {
    static let faults = ["none", "reset", "reset-after", "hang-after=30000", "error500", "error500-after", "truncate", "latency=5000"]

    enum Reported {
        case placed(note: String?)
        case failed(ErrorCode)
        case uncertain
    }

    struct Run {
        var reported: [Reported] = []
        /// Orders per attempt, from the sandbox's order list at the end.
        var ordersOf: [Int: Int] = [:]
        var byFault: [String: Int] = [:]
    }

    static func note(of order: JSONValue) -> String? {
        member(order, "lines")?.arrayElements.first.flatMap { member($0, "clientNote")?.stringValue }
    }

    /// `attempts` orders through `c`, each with a fault drawn from `faults` (seeded), some with the
    /// shared caller reference "string". `appRetries`: how often the application itself sends again after
    /// a network error, timeout or 5xx (what hand-written clients do when the library does not settle it).
    static func run(_ s: ReliabilitySandbox, _ c: Client, attempts: Int, seed: UInt64, appRetries: Int = 0, lookUpFaults: Bool) throws -> Run {
        var rng = SeededGenerator(seed: seed)
        let codes = try productCodes(s)
        var run = Run()
        for k in 0..<attempts {
            let fault = faults[Int(rng.next() % UInt64(faults.count))]
            run.byFault[fault, default: 0] += 1
            if fault != "none" { try s.orderFault(fault) }
            // For some attempts every look-up fails (until the call's time is up): in doubt, for reconcile.
            let blind = lookUpFaults && rng.next() % 50 == 0
            if blind { try s.orderFault("reset", count: 10000, operation: "orders.list") }
            let shared = rng.next() % 4 == 0
            let code = codes[Int(rng.next() % UInt64(codes.count))]
            let quantity = 1 + Int(rng.next() % 3)
            let po = shared ? #""customerPo": "string", "# : ""
            let params = #"{"body": {\#(po)"backorder": true, "lines": [{"elkoCode": "\#(code)", "quantity": \#(quantity), "clientNote": "a\#(k)"}]}}"#
            var result = c.call(operation: "orders.create", paramsJSON: params)
            var retries = appRetries
            while case .failure(let e) = result, retries > 0, [.network, .timeout, .serverError].contains(e.code) {
                retries -= 1
                result = c.call(operation: "orders.create", paramsJSON: params)
            }
            if blind { try s.adminRequest("DELETE", "/faults") }
            switch result {
            case .success(let r): run.reported.append(.placed(note: note(of: object(r.body))))
            case .failure(let e) where e.code == .uncertain: run.reported.append(.uncertain)
            case .failure(let e): run.reported.append(.failed(e.code))
            }
        }
        try s.adminRequest("DELETE", "/faults")
        return run
    }

    static func productCodes(_ s: ReliabilitySandbox) throws -> [String] {
        guard case .success(let r) = try s.reader().call(operation: "catalog.products", params: nil) else { return [] }
        return object(r.body).arrayElements.prefix(20).compactMap { OrderReference.text(member($0, "elkoCode")) }
    }

    static func count(_ s: ReliabilitySandbox, into run: inout Run) throws {
        run.ordersOf = [:]
        for order in try s.orders() {
            guard let note = note(of: order), note.hasPrefix("a"), let k = Int(note.dropFirst()) else { continue }
            run.ordersOf[k, default: 0] += 1
        }
    }

    static func sandboxAndClient(reconcile: Bool, state: String) throws -> (ReliabilitySandbox, Client) {
        // ELKO's 50 per 10 s and one-minute block at a hundredth of real time; the client's limiter scaled alike.
        let s = try ReliabilitySandbox(timeScale: 0.01)
        let c = try s.client(
            #", "state_dir": "\#(state)", "timeout_ms": 1500, "log_level": "off", "rate_limit": {"window_ms": 100, "block_ms": 600, "wait_ms": 1500}, "retries": {"max": 2, "base_ms": 5, "max_ms": 20}, "orders": {"reconcile": \#(reconcile), "settle_ms": 20, "attempt_timeout_ms": 150}"#)
        return (s, c)
    }

    @Test func aThousandFaultyOrdersNeitherDuplicateNorGetLost() async throws { try await offThePool {
        let state = freshStateDirectory()
        let (s, c) = try Self.sandboxAndClient(reconcile: true, state: state)
        // Older orders already carry the caller reference the attempts share.
        for k in 0..<3 {
            _ = c.call(operation: "orders.create", paramsJSON: #"{"body": {"customerPo": "string", "backorder": true, "lines": [{"elkoCode": "\#(try Self.productCodes(s)[k])", "quantity": 1, "clientNote": "older"}]}}"#)
        }
        let attempts = 1000
        var run = try Self.run(s, c, attempts: attempts, seed: 13, lookUpFaults: true)

        // The open entries (attempts in doubt), mapped to their attempt by the clientNote of their body.
        let pending = try object(c.pendingOrdersJSON().get())
        var intentOf: [String: Int] = [:]
        for entry in member(pending, "entries")?.arrayElements ?? [] {
            if let intent = member(entry, "intent")?.stringValue, let body = member(entry, "body"),
               let note = Self.note(of: body), let k = Int(note.dropFirst()) { intentOf[intent] = k }
        }
        let uncertain = run.reported.indices.filter { if case .uncertain = run.reported[$0] { true } else { false } }
        #expect(intentOf.count == uncertain.count, "every uncertain attempt has an open entry")
        let report = try object(c.reconcileOrdersJSON().get())
        try Self.count(s, into: &run)

        var duplicates = 0, lost = 0, wrong = 0
        for k in 0..<attempts {
            let n = run.ordersOf[k] ?? 0
            if n > 1 { duplicates += 1 }
            switch run.reported[k] {
            case .placed(let note): if n != 1 || note != "a\(k)" { wrong += 1 }
            case .failed: if n != 0 { lost += 1 }
            case .uncertain: break
            }
        }
        var unresolved = 0, misresolved = 0
        for entry in member(report, "entries")?.arrayElements ?? [] {
            guard let intent = member(entry, "intent")?.stringValue, let k = intentOf[intent] else { continue }
            switch member(entry, "outcome")?.stringValue {
            case "placed": if run.ordersOf[k] != 1 { misresolved += 1 }
            case "not_placed": if run.ordersOf[k] != nil { misresolved += 1 }
            default: unresolved += 1
            }
        }
        let placed = run.reported.filter { if case .placed = $0 { true } else { false } }.count
        print("order-soak: \(attempts) attempts \(run.byFault.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")); reported placed \(placed), failed \(attempts - placed - uncertain.count), uncertain \(uncertain.count); duplicates \(duplicates), failures with an order \(lost), placed without its own order \(wrong), reconciled \(member(report, "placed")?.integerValue ?? 0) placed / \(member(report, "not_placed")?.integerValue ?? 0) not placed, left in doubt \(unresolved), resolved wrongly \(misresolved)")
        #expect(duplicates == 0)
        #expect(lost == 0)
        #expect(wrong == 0)
        #expect(unresolved == 0 && misresolved == 0)
        #expect(member(report, "still_uncertain")?.integerValue == 0 && member(report, "in_progress")?.integerValue == 0)
        #expect(try member(object(c.pendingOrdersJSON().get()), "count")?.integerValue == 0)
        #expect(try s.counters()["exceeded"] == 0, "the limiter kept the soak under ELKO's limit")
        #expect(placed > attempts / 2)
    } }

    @Test func withoutReconciliationTheSameFaultsDuplicateOrLoseOrders() async throws { try await offThePool {
        // The library's behaviour before exactly-once orders, with the two policies applications use:
        // take the error as final (orders ELKO took are reported failed), or send again (orders twice).
        var lines: [String] = []
        var harm = 0
        for appRetries in [0, 1] {
            let (s, c) = try Self.sandboxAndClient(reconcile: false, state: freshStateDirectory())
            var run = try Self.run(s, c, attempts: 200, seed: 13, appRetries: appRetries, lookUpFaults: false)
            try Self.count(s, into: &run)
            var duplicates = 0, lost = 0
            for k in 0..<200 {
                let n = run.ordersOf[k] ?? 0
                if n > 1 { duplicates += 1 }
                if case .failed = run.reported[k], n > 0 { lost += 1 }
            }
            harm += duplicates + lost
            lines.append("application retries \(appRetries): \(duplicates) duplicated, \(lost) reported failed although placed")
        }
        print("order-soak without reconciliation, 200 attempts each: " + lines.joined(separator: "; "))
        #expect(harm > 0)
    } }
}
