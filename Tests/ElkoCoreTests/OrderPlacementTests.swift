import Foundation
import Testing

@testable import ElkoCore

/// A state directory of its own for each test, so that journals never mix.
func freshStateDirectory() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("elko-orders-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

extension ReliabilitySandbox {
    /// A client for orders: its own journal, short settle and attempt times.
    func orderClient(
        timeoutMs: Int = 8000, state: String = freshStateDirectory(), lines: CollectedLogLines? = nil,
        orders: String = #""settle_ms": 50, "attempt_timeout_ms": 400"#
    ) throws -> Client {
        try client(#", "state_dir": "\#(state)", "timeout_ms": \#(timeoutMs), "rate_limit": {"requests": 100000, "wait_ms": 5000}, "retries": {"max": 2, "base_ms": 10, "max_ms": 50}, "orders": {\#(orders)}"#, lines: lines)
    }

    /// The demo company's orders and products as the test reads them (its own budget, no journal).
    func reader() throws -> Client {
        try client(#", "rate_limit": {"requests": 100000, "margin": 0}, "retries": {"max": 0}, "log_level": "off", "orders": {"reconcile": false}"#)
    }

    /// Every order of the demo company, as the sandbox lists it.
    func orders() throws -> [JSONValue] {
        guard case .success(let r) = try reader().call(operation: "orders.list", params: nil) else { return [] }
        return (try? JSONValue.parse(r.body, context: "orders").get().arrayElements) ?? []
    }

    func orders(reference: String) throws -> [JSONValue] {
        try orders().filter { OrderReference.text(OrderReference.value(at: ["customerPo"], in: $0)) == reference }
    }

    /// A product code with stock.
    func someProduct() throws -> String {
        guard case .success(let r) = try reader().call(operation: "catalog.products", params: nil),
              let first = try JSONValue.parse(r.body, context: "products").get().arrayElements.first,
              let code = OrderReference.text(OrderReference.value(at: ["elkoCode"], in: first))
        else { throw SandboxError.admin("no product") }
        return code
    }

    func orderFault(_ fault: String, count: Int = 1, operation: String = "orders.create") throws {
        try adminRequest("POST", "/faults", #"{"fault": "\#(fault)", "count": \#(count), "operation": "\#(operation)"}"#)
    }
}

func placement(_ r: Result<Placement, ElkoError>) throws -> Placement {
    switch r {
    case .success(let p): return p
    case .failure(let e): throw e
    }
}

/// Parsed JSON (`null` when it does not parse: the expectations on it then fail).
func object(_ bytes: [UInt8]) -> JSONValue {
    (try? JSONValue.parse(bytes, context: "test").get()) ?? (try! JSONValue.parse("null", context: "null").get())
}
func member(_ doc: JSONValue, _ path: String...) -> JSONValue? { OrderReference.value(at: path, in: doc) }

@Suite(.serialized) struct OrderPlacementTests {
    /// A sandbox whose limit these tests never reach (the limiter has tests of its own).
    static func sandbox() throws -> ReliabilitySandbox {
        try ReliabilitySandbox(config: #"{"rateLimit": {"requests": 100000}}"#)
    }

    static func body(_ code: String, quantity: Int = 1, reference: String? = nil, note: String? = nil) -> String {
        let po = reference.map { #""customerPo": "\#($0)", "# } ?? ""
        let cn = note.map { #", "clientNote": "\#($0)""# } ?? ""
        return #"{"body": {\#(po)"backorder": true, "lines": [{"elkoCode": "\#(code)", "quantity": \#(quantity)\#(cn)}]}}"#
    }

    @Test func aGeneratedReferenceIsAddedJournaledAndClosed() async throws { try await offThePool {
        let s = try Self.sandbox()
        let state = freshStateDirectory()
        let c = try s.orderClient(state: state)
        let code = try s.someProduct()
        let p = try placement(Array(Self.body(code).utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) })
        let reference = try #require(p.reference)
        #expect(reference.hasPrefix("elko-") && reference.utf8.count == 27)
        #expect(!p.referenceGiven && !p.reconciled && p.sends == 1)
        let answer = object(p.answer)
        #expect(member(answer, "customerPo")?.stringValue == reference)
        let envelope = object(p.json())
        #expect(member(envelope, "outcome")?.stringValue == "placed" && member(envelope, "answer", "orderId") != nil)
        // The entry is closed with its outcome; nothing is open.
        let intent = try #require(p.intent)
        let journal = c.orderJournal
        #expect(journal.closedEntry(intent)?.outcome == "placed")
        #expect(FileManager.default.fileExists(atPath: journal.openPath(intent)) == false)
        #expect(try member(try object(c.pendingOrdersJSON().get()), "count")?.integerValue == 0)
        // The journal is named by the token's hash, never the token.
        let names = try FileManager.default.contentsOfDirectory(atPath: state)
        #expect(names.contains { $0.hasSuffix(".orders") } && !names.contains { $0.contains(s.token) })
        #expect(try s.orders(reference: reference).count == 1)
        // elko_call's path: the same placement, ELKO's answer only.
        guard case .success(let r) = c.call(operation: "orders.create", paramsJSON: Self.body(code)) else {
            Issue.record("orders.create through call failed")
            return
        }
        #expect(try member(object(r.body), "customerPo")?.stringValue?.hasPrefix("elko-") == true)
    } }

    @Test func lostAnswersAreReconciledNotResent() async throws { try await offThePool {
        let s = try Self.sandbox()
        let lines = CollectedLogLines()
        let c = try s.orderClient(lines: lines)
        let code = try s.someProduct()
        for fault in ["reset-after", "hang-after=5000", "error500-after", "truncate"] {
            try s.orderFault(fault)
            let p = try placement(Array(Self.body(code).utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) })
            #expect(p.reconciled && p.sends == 1, "\(fault)")
            let reference = try #require(p.reference)
            #expect(try s.orders(reference: reference).count == 1, "\(fault)")
            #expect(lines.containing(reference, "reconciled").count == 1, "\(fault)")
        }
    } }

    @Test func answersLostBeforeELKOActedAreSentAgainAfterTwoLookUps() async throws { try await offThePool {
        let s = try Self.sandbox()
        let lines = CollectedLogLines()
        let c = try s.orderClient(lines: lines)
        let code = try s.someProduct()
        for fault in ["reset", "error500"] {
            try s.orderFault(fault)
            let p = try placement(Array(Self.body(code).utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) })
            #expect(!p.reconciled && p.sends == 2, "\(fault)")
            #expect(try s.orders(reference: try #require(p.reference)).count == 1, "\(fault)")
            #expect(lines.containing(try #require(p.reference), "sending again with the same reference").count == 1)
        }
    } }

    @Test func aDefiniteRefusalIsFinalAndCarriesTheReference() async throws { try await offThePool {
        let s = try Self.sandbox()
        let c = try s.orderClient()
        guard case .failure(let e) = c.call(operation: "orders.create", paramsJSON: #"{"body": {"lines": [{"elkoCode": "1", "quantity": 0}]}}"#) else {
            Issue.record("a quantity of 0 was accepted")
            return
        }
        #expect(e.code == .badRequest && e.reference?.hasPrefix("elko-") == true)
        #expect(try s.counters()["total"] == 1)  // no look-up, no resend
        #expect(try member(try object(c.pendingOrdersJSON().get()), "count")?.integerValue == 0)
    } }

    @Test func anUnsettledOutcomeIsUncertainAndReconciledLater() async throws { try await offThePool {
        let s = try Self.sandbox()
        let state = freshStateDirectory()
        let c = try s.orderClient(timeoutMs: 1500, state: state)
        let code = try s.someProduct()
        try s.orderFault("reset-after")
        try s.orderFault("reset", count: 10000, operation: "orders.list")
        let result = Array(Self.body(code).utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) }
        guard case .failure(let e) = result else {
            Issue.record("settled although every look-up failed")
            return
        }
        #expect(e.code == .uncertain && e.message.contains("Do not send it again"))
        let reference = try #require(e.reference)
        try s.adminRequest("DELETE", "/faults")
        // Another process (another client of the token and state directory) sees the entry and settles it.
        let later = try s.orderClient(state: state)
        let pending = try object(later.pendingOrdersJSON().get())
        #expect(member(pending, "count")?.integerValue == 1)
        #expect(member(pending, "entries")?.arrayElements.first.flatMap { member($0, "reference")?.stringValue } == reference)
        let report = try object(later.reconcileOrdersJSON().get())
        #expect(member(report, "placed")?.integerValue == 1 && member(report, "still_uncertain")?.integerValue == 0)
        #expect(member(report, "entries")?.arrayElements.first.flatMap { member($0, "order", "customerPo")?.stringValue } == reference)
        #expect(try s.orders(reference: reference).count == 1)
        #expect(try member(try object(later.reconcileOrdersJSON().get()), "entries")?.arrayElements.isEmpty == true)
    } }

    @Test func anAbsentIntentIsReportedNotPlacedAndNeverResent() async throws { try await offThePool {
        let s = try Self.sandbox()
        let state = freshStateDirectory()
        let c = try s.orderClient(timeoutMs: 1500, state: state)
        let code = try s.someProduct()
        try s.orderFault("reset")  // not applied
        try s.orderFault("reset", count: 10000, operation: "orders.list")
        guard case .failure(let e) = c.call(operation: "orders.create", paramsJSON: Self.body(code)), e.code == .uncertain else {
            Issue.record("expected uncertain")
            return
        }
        try s.adminRequest("DELETE", "/faults")
        let total = try s.counters()["total"] ?? 0
        let report = try object(c.reconcileOrdersJSON().get())
        #expect(member(report, "not_placed")?.integerValue == 1)
        #expect(try s.counters()["total"] == total + 2)  // two look-ups, no send
        #expect(try s.orders(reference: try #require(e.reference)).isEmpty)
    } }

    @Test func aCallersReferenceIsNotTrustedToBeUnique() async throws { try await offThePool {
        let s = try Self.sandbox()
        let c = try s.orderClient()
        let code = try s.someProduct()
        // Older orders already carry Swagger's sample value, some with the very same lines.
        let older = try placement(Array(Self.body(code, reference: "string").utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) })
        #expect(older.referenceGiven && older.reference == "string")
        _ = try placement(Array(Self.body(code, quantity: 2, reference: "string").utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) })
        // The same lines again, its first send lost before ELKO acted: the older order must not be taken
        // for it; it is sent again and placed.
        try s.orderFault("reset")
        let again = try placement(Array(Self.body(code, reference: "string").utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) })
        #expect(!again.reconciled && again.sends == 2)
        let id = member(object(again.answer), "orderId")?.integerValue
        #expect(id != member(object(older.answer), "orderId")?.integerValue)
        // Lost after ELKO acted: the new order is found, not one of the older ones.
        try s.orderFault("reset-after")
        let lost = try placement(Array(Self.body(code, quantity: 3, reference: "string").utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) })
        #expect(lost.reconciled)
        #expect(member(object(lost.answer), "lines")?.arrayElements.first.flatMap { member($0, "quantity")?.integerValue } == 3)
        #expect(try s.orders(reference: "string").count == 4)
    } }

    @Test func foundOrdersWithOtherLinesAreNeverAMatch() throws {
        let list = Array(#"[{"orderId": 7, "customerPo": "R", "lines": [{"elkoCode": 1, "quantity": 5}]}, {"orderId": 8, "customerPo": "R", "lines": [{"elkoCode": "1", "quantity": "2"}]}]"#.utf8)
        let want = OrderLines(quantities: ["1": 2])
        guard case .found(_, let id) = LookUp.search(list, reference: "R", field: .customerPo, lines: want, preexisting: []) else {
            Issue.record("not found")
            return
        }
        #expect(id == "8")
        guard case .notFound(let conflicts) = LookUp.search(list, reference: "R", field: .customerPo, lines: want, preexisting: ["8"]) else {
            Issue.record("a preexisting order was taken")
            return
        }
        #expect(conflicts == ["7"])
        let nested = Array(#"[{"orderId": 9, "enduser": {"customerPo": "R"}, "lines": [{"elkoCode": 1, "quantity": 2}]}]"#.utf8)
        guard case .found = LookUp.search(nested, reference: "R", field: .enduserCustomerPo, lines: want, preexisting: []) else {
            Issue.record("enduser.customerPo not matched")
            return
        }
    }

    @Test func anApplicationRetryAfterACrashGetsTheFirstOrder() async throws { try await offThePool {
        let s = try Self.sandbox()
        let state = freshStateDirectory()
        let code = try s.someProduct()
        let body = Self.body(code, reference: "shop-1001")
        // The first attempt's answer is lost and cannot be settled (as if its process had died).
        let first = try s.orderClient(timeoutMs: 1500, state: state)
        try s.orderFault("reset-after")
        try s.orderFault("latency=0", operation: "orders.list")  // the look-up before the send succeeds
        try s.orderFault("reset", count: 10000, operation: "orders.list")
        guard case .failure(let e) = first.call(operation: "orders.create", paramsJSON: body), e.code == .uncertain else {
            Issue.record("expected uncertain")
            return
        }
        try s.adminRequest("DELETE", "/faults")
        // The shop retries the same order: it gets the first one, nothing is sent.
        let retry = try s.orderClient(state: state)
        let p = try placement(Array(body.utf8).withUnsafeBytes { retry.placeOrder(operation: "orders.create", paramsJSON: $0) })
        #expect(p.sends == 0 && p.reconciled && p.reference == "shop-1001")
        #expect(try s.orders(reference: "shop-1001").count == 1)
        // An edited order under the same number is a new intent.
        let edited = try placement(Array(Self.body(code, quantity: 4, reference: "shop-1001").utf8).withUnsafeBytes { retry.placeOrder(operation: "orders.create", paramsJSON: $0) })
        #expect(edited.sends == 1)
        #expect(try s.orders(reference: "shop-1001").count == 2)
    } }

    @Test func damagedAndBusyEntriesAreReportedNeverDropped() async throws { try await offThePool {
        let s = try Self.sandbox()
        let state = freshStateDirectory()
        let c = try s.orderClient(state: state)
        let journal = c.orderJournal
        #expect(journal.prepare() == nil)
        let damaged = journal.openPath("0123456789abcdef0123456789abcdef")
        try Data("{\"v\":1,\"intent\":".utf8).write(to: URL(fileURLWithPath: damaged))
        // A live process holds an intent's lock.
        let busy = JournalEntry(intent: OrderReference.intentID(), operation: "orders.create", reference: "busy-1",
                                referenceGiven: true, createdMs: WallClock.nowMs(), sends: 1, body: Array("{}".utf8), preexisting: [])
        let lock = try #require(try journal.lock(busy.intent).get())
        #expect(journal.save(busy) == nil)
        let pending = try object(c.pendingOrdersJSON().get())
        let states = member(pending, "entries")?.arrayElements.compactMap { member($0, "state")?.stringValue }.sorted()
        #expect(states == ["damaged", "in_progress"])
        let report = try object(c.reconcileOrdersJSON().get())
        #expect(member(report, "damaged")?.integerValue == 1 && member(report, "in_progress")?.integerValue == 1)
        #expect(FileManager.default.fileExists(atPath: damaged))
        withExtendedLifetime(lock) {}
    } }

    @Test func withoutReconciliationALostAnswerIsTheTransportsError() async throws { try await offThePool {
        let s = try Self.sandbox()
        let state = freshStateDirectory()
        let c = try s.orderClient(state: state, orders: #""reconcile": false"#)
        let code = try s.someProduct()
        try s.orderFault("reset-after")
        guard case .failure(let e) = c.call(operation: "orders.create", paramsJSON: Self.body(code)) else {
            Issue.record("no error")
            return
        }
        #expect(e.code == .network)
        let reference = try #require(e.reference)
        #expect(try s.orders(reference: reference).count == 1)  // placed, and the caller was told it failed
        #expect(!FileManager.default.fileExists(atPath: c.orderJournal.directory))
    } }

    @Test func orderOptionsAreChecked() throws {
        let base = #"{"base_url": "http://127.0.0.1:1", "token": "t", "orders": "#
        for (orders, message) in [
            (#"{"nope": 1}"#, "unknown key \"orders.nope\""),
            (#"{"reference_field": "po"}"#, "orders.reference_field"),
            (#"{"reference_prefix": "a b"}"#, "orders.reference_prefix"),
            (#"{"settle_ms": -1}"#, "orders.settle_ms"),
            (#"{"attempt_timeout_ms": 0}"#, "orders.attempt_timeout_ms"),
            (#"{"reconcile": "yes"}"#, "orders.reconcile"),
            ("7", "\"orders\" must be an object"),
        ] {
            guard case .failure(let e) = Configuration.parse(base + orders + "}") else {
                Issue.record("accepted \(orders)")
                continue
            }
            #expect(e.code == .invalidArgument && e.message.contains(message), "\(orders): \(e.message)")
        }
        let ok = try Configuration.parse(base + #"{"reference_field": "enduser.customerPo", "reference_prefix": "", "settle_ms": 0}}"#).get()
        #expect(ok.orders.referenceField == .enduserCustomerPo && ok.orders.referencePrefix.isEmpty && ok.orders.settleMs == 0)
    }

    @Test func theReferenceGoesWhereTheOptionSays() async throws { try await offThePool {
        let s = try Self.sandbox()
        let c = try s.orderClient(orders: #""reference_field": "enduser.customerPo", "match_field": "customerPo", "reference_prefix": "shop-""#)
        let code = try s.someProduct()
        try s.orderFault("reset-after")
        let p = try placement(Array(Self.body(code).utf8).withUnsafeBytes { c.placeOrder(operation: "orders.create", paramsJSON: $0) })
        #expect(p.reconciled && p.reference?.hasPrefix("shop-") == true)
        #expect(member(object(p.answer), "enduser", "customerPo")?.stringValue == p.reference)
        // Reservations too.
        try s.orderFault("reset-after", operation: "reservations.create")
        let r = try placement(Array(#"{"body": {"lines": [{"elkoCode": "\#(code)", "quantity": 1}]}}"#.utf8).withUnsafeBytes { c.placeOrder(operation: "reservations.create", paramsJSON: $0) })
        #expect(r.reconciled && member(object(r.answer), "reservationId") != nil)
    } }
}
