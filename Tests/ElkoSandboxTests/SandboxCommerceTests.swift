import ElkoAPI
import Glibc
import Testing
@testable import ElkoSandbox

/// Stock of one product as the availability endpoint reports it (exact below the display threshold).
private func stockOf(_ s: RunningSandbox, _ code: Int) async throws -> Int {
    let items = try await s.get("/v3.0/api/Catalog/AvailabilityAndPrice/Availability?elkoCodes=\(code)").json?.arrayValue
    let text = items?.first?["stockQuantity"]?.stringValue ?? ""
    return try #require(StockStyle.parse(text)?.quantity, "stock text \(text)")
}

/// A product with stock between 2 and 10, whose availability is written exactly.
private func productWithSmallStock(_ s: RunningSandbox) throws -> Int {
    let p = s.sandbox.state.catalog.products.first { $0.initialStock >= 2 && $0.initialStock <= 10 }
    return try #require(p?.elkoCode)
}

@Suite("Orders") struct OrderTests {
    @Test func lifecycleWithStockMoves() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let before = try await stockOf(s, code)
        // The body public clients send: many values as strings, customerPo inside enduser.
        let body = """
            {"shipTo":"1","enduser":{"company":"Shop","contactName":"Ivan","contactPhone":"+380000","customerPo":"PO-77",
             "isNaturalPerson":"false"},"currency":"USD","vat":"20","delivery":"1","fastest":"true","type":"1",
             "lines":[{"elkoCode":"\(code)","manufacturerCode":"X","quantity":"2","price":"10.5","currency":"USD","sum":"21"}]}
            """
        let created = try await s.send("POST", "/v3.0/api/Orders", json: body)
        #expect(created.status == 200)
        let order = try #require(created.json)
        let id = try #require(order["orderId"]?.intValue)
        #expect(order["status"]?.stringValue == "Confirmed" && order["customerPo"]?.stringValue == "PO-77")
        #expect(order["lines"]?.arrayValue?.first?["quantityAllocated"]?.intValue == 2)
        #expect(try await stockOf(s, code) == before - 2)
        #expect(try await s.get("/v3.0/api/Orders/\(id)").json?["orderId"]?.intValue == id)
        #expect(try await s.get("/v3.0/api/Orders").json?.arrayValue?.count == 1)
        // Modify: one unit instead of two returns one to stock.
        let modified = try await s.send("PUT", "/v3.0/api/Orders/\(id)", json: #"{"customerPo":"PO-78","lines":[{"elkoCode":\#(code),"quantity":1}]}"#)
        #expect(modified.status == 200 && modified.json?["customerPo"]?.stringValue == "PO-78")
        #expect(try await stockOf(s, code) == before - 1)
        // Cancel returns the rest; a second cancel is refused; the order leaves the list of actual orders.
        let cancelled = try await s.send("DELETE", "/v3.0/api/Orders/\(id)", json: nil)
        #expect(cancelled.json?["status"]?.stringValue == "Cancelled")
        #expect(try await stockOf(s, code) == before)
        #expect(try await s.send("DELETE", "/v3.0/api/Orders/\(id)", json: nil).status == 400)
        #expect(try await s.send("PUT", "/v3.0/api/Orders/\(id)", json: #"{"customerPo":"x"}"#).status == 400)
        #expect(try await s.get("/v3.0/api/Orders").json?.arrayValue?.isEmpty == true)
    }

    @Test func validation() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let cases: [(String, String)] = [
            (#"{"lines":[]}"#, "The Lines field is required."),
            (#"{"lines":[{"quantity":1}]}"#, "The ElkoCode field is required."),
            (#"{"lines":[{"elkoCode":"abc","quantity":1}]}"#, "The value 'abc' is not valid for ElkoCode."),
            (#"{"lines":[{"elkoCode":9999999,"quantity":1}]}"#, "Product 9999999 was not found."),
            (#"{"lines":[{"elkoCode":\#(code),"quantity":0}]}"#, "positive whole number"),
            (#"{"lines":[{"elkoCode":\#(code),"quantity":"-3"}]}"#, "positive whole number"),
            (#"{"lines":[{"elkoCode":\#(code),"quantity":1000}]}"#, "Not enough stock"),
            ("", "A non-empty request body is required."),
        ]
        for (body, message) in cases {
            let r = try await s.send("POST", "/v3.0/api/Orders", json: body)
            #expect(r.status == 400, "\(body)")
            #expect(r.text.contains(message), "\(body) → \(r.text)")
        }
        #expect(try await s.get("/v3.0/api/Orders").json?.arrayValue?.isEmpty == true, "refused orders leave nothing behind")
        let backorder = try await s.send("POST", "/v3.0/api/Orders", json: #"{"orderIfAllAvailable":false,"lines":[{"elkoCode":\#(code),"quantity":1000}]}"#)
        #expect(backorder.status == 200)
        let line = backorder.json?["lines"]?.arrayValue?.first
        #expect(line?["quantityBackordered"]?.intValue ?? 0 > 0)
        #expect(try await stockOf(s, code) == 0)
    }

    @Test func ordersBelongToTheirCompany() async throws {
        let s = try await RunningSandbox.start { c in
            c.companies.append(.init(accountNo: "700002", name: "Other", username: "other", password: "x", allowList: ["127.0.0.1"]))
        }
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let id = try #require(try await s.send("POST", "/v3.0/api/Orders", json: #"{"lines":[{"elkoCode":\#(code),"quantity":1}]}"#).json?["orderId"]?.intValue)
        let other = try #require(s.sandbox.activeToken(accountNo: "700002"))
        let r = try await s.http { try $0.send("GET", "/v3.0/api/Orders/\(id)", headers: [("Authorization", other)]) }
        #expect(r.status == 404)
    }
}

@Suite("Reservations") struct ReservationTests {
    @Test func holdReleaseAndTurnIntoOrder() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let before = try await stockOf(s, code)
        let r = try await s.send("POST", "/v3.0/api/Reservations", json: #"{"comment":"day batch","lines":[{"elkoCode":\#(code),"quantity":2}]}"#)
        #expect(r.status == 200 && r.json?["status"]?.stringValue == "Active")
        let rid = try #require(r.json?["reservationId"]?.intValue)
        #expect(try await stockOf(s, code) == before - 2, "reserved stock is held")
        #expect(try await s.get("/v3.0/api/Reservations").json?.arrayValue?.count == 1)
        // Everything else is taken by someone: the reservation still guarantees its two units.
        if before > 2 {
            _ = try await s.send("POST", "/v3.0/api/Orders", json: #"{"lines":[{"elkoCode":\#(code),"quantity":\#(before - 2)}]}"#)
        }
        #expect(try await stockOf(s, code) == 0)
        let order = try await s.send("POST", "/v3.0/api/Orders", json: #"{"reservationId":\#(rid),"lines":[{"elkoCode":\#(code),"quantity":2}]}"#)
        #expect(order.status == 200 && order.json?["reservationId"]?.intValue == rid)
        let after = try #require(try await s.get("/v3.0/api/Reservations/\(rid)").json)
        #expect(after["status"]?.stringValue == "Ordered" && after["orderId"] == order.json?["orderId"])
        #expect(try await s.send("DELETE", "/v3.0/api/Reservations/\(rid)", json: nil).status == 400)

        // A second reservation, released: stock comes back.
        _ = try await s.send("POST", "/v3.0/api/Reservations", json: #"{"lines":[{"elkoCode":\#(code),"quantity":1}]}"#)
        #expect(try await s.send("POST", "/v3.0/api/Reservations", json: #"{"lines":[{"elkoCode":\#(code),"quantity":1}]}"#).status == 400)
    }

    @Test func releaseAndExpiry() async throws {
        let s = try await RunningSandbox.start { $0.timeScale = 0.0001 }  // 1 sandbox hour = 0.36 s
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let before = try await stockOf(s, code)
        let a = try #require(try await s.send("POST", "/v3.0/api/Reservations", json: #"{"hours":100,"lines":[{"elkoCode":\#(code),"quantity":1}]}"#).json?["reservationId"]?.intValue)
        let b = try #require(try await s.send("POST", "/v3.0/api/Reservations", json: #"{"hours":4,"lines":[{"elkoCode":\#(code),"quantity":1}]}"#).json?["reservationId"]?.intValue)
        #expect(try await stockOf(s, code) == before - 2)
        let released = try await s.send("DELETE", "/v3.0/api/Reservations/\(a)", json: nil)
        #expect(released.json?["status"]?.stringValue == "Released")
        #expect(try await stockOf(s, code) == before - 1)
        try await Task.sleep(for: .milliseconds(1600))  // past the 4 sandbox hours (1.44 s)
        #expect(try await s.get("/v3.0/api/Reservations/\(b)").json?["status"]?.stringValue == "Expired")
        #expect(try await stockOf(s, code) == before)
        #expect(try await s.get("/v3.0/api/Reservations").json?.arrayValue?.isEmpty == true)
        #expect(try await s.get("/v3.0/api/Reservations/424242").status == 404)
    }

    @Test func fullCatalogBodyFollowsStock() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let first = try await s.get("/v3.0/api/Catalog/Products")
        let again = try await s.get("/v3.0/api/Catalog/Products")
        #expect(first.body == again.body, "the prepared body is served as it is")
        _ = try await s.send("POST", "/v3.0/api/Reservations", json: #"{"lines":[{"elkoCode":\#(code),"quantity":1}]}"#)
        let after = try #require(try await s.get("/v3.0/api/Catalog/Products").json?.arrayValue)
        let product = try #require(after.first { $0["elkoCode"]?.intValue == code })
        let original = try #require(first.json?.arrayValue?.first { $0["elkoCode"]?.intValue == code })
        #expect(product["reservedQuantity"]?.intValue == 1)
        #expect(product["quantity"] != original["quantity"])
    }
}

@Suite("Faults") struct FaultTests {
    @Test func perRequestHeader() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let token = s.token
        let auth = ("Authorization", "Bearer \(token)")
        let (normal, fast) = try await s.http { c in try RawHTTPClient.elapsed { try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [auth]) } }
        let (slow, took) = try await s.http { c in try RawHTTPClient.elapsed { try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [auth, ("X-Sandbox-Fault", "latency=300")]) } }
        #expect(slow.status == 200 && slow.body == normal.body)
        #expect(took >= 0.3 && took > fast)
        let error = try await s.get("/v3.0/api/Catalog/Vendors", headers: [("X-Sandbox-Fault", "error500")])
        #expect(error.status == 500 && error.text == "Something went wrong.")
        let truncated = try await s.get("/v3.0/api/Catalog/Products", headers: [("X-Sandbox-Fault", "truncate")])
        #expect(truncated.status == 200 && !truncated.bodyComplete)
        #expect(Int(truncated.header("Content-Length") ?? "") ?? 0 > truncated.body.count)
        let (dribbled, dribbleTime) = try await s.http { c in try RawHTTPClient.elapsed { try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [auth, ("X-Sandbox-Fault", "slow=50")]) } }
        #expect(dribbled.bodyComplete && dribbled.body == normal.body && dribbleTime >= 0.35)
        do {
            _ = try await s.get("/v3.0/api/Catalog/Vendors", headers: [("X-Sandbox-Fault", "reset")])
            Issue.record("a reset must not produce a response")
        } catch let e as RawHTTPError {
            #expect(e == .connectionReset || e == .connectionClosed)
        }
        // The server is fine afterwards.
        #expect(try await s.get("/v3.0/api/Catalog/Vendors").status == 200)
    }

    @Test func nextNRequestsThroughAdmin() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        #expect(try await s.admin("POST", "faults", json: #"{"fault":"error500","count":2}"#)["pending"]?.intValue == 2)
        let statuses = try await s.http { [token = s.token] c in
            try (0..<3).map { _ in try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", token)]).status }
        }
        #expect(statuses == [500, 500, 200])
        let bad = try await s.admin("POST", "faults", json: #"{"fault":"explode"}"#)
        #expect(bad.stringValue?.contains("must be one of") == true)
    }
}

/// Faults that act after the request was applied: the order exists, its answer is lost.
@Suite("Faults after the request is applied") struct AppliedFaultTests {
    static func orderCount(_ s: RunningSandbox) async throws -> Int {
        try await s.get("/v3.0/api/Orders").json?.arrayValue?.count ?? -1
    }

    @Test func resetHangAndErrorAfterTheOrderIsPlaced() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let order = #"{"backorder":true,"customerPo":"po-1","lines":[{"elkoCode":\#(code),"quantity":1}]}"#
        let auth = ("Authorization", "Bearer \(s.token)")
        // reset-after: no answer, but the order is there.
        do {
            _ = try await s.http { c in try c.send("POST", "/v3.0/api/Orders", headers: [auth, ("X-Sandbox-Fault", "reset-after"), ("Content-Type", "application/json")], body: Array(order.utf8)) }
            Issue.record("reset-after must not produce a response")
        } catch let e as RawHTTPError {
            #expect(e == .connectionReset || e == .connectionClosed)
        }
        #expect(try await Self.orderCount(s) == 1)
        // error500-after: ELKO's 500 text, and the order is there.
        let failed = try await s.send("POST", "/v3.0/api/Orders", json: order, headers: [("X-Sandbox-Fault", "error500-after")])
        #expect(failed.status == 500 && failed.text == "Something went wrong.")
        #expect(try await Self.orderCount(s) == 2)
        // hang-after: the order is there before the answer comes; the answer is the order.
        let (held, took) = try await s.http { c in try RawHTTPClient.elapsed {
            try c.send("POST", "/v3.0/api/Orders", headers: [auth, ("X-Sandbox-Fault", "hang-after=400"), ("Content-Type", "application/json")], body: Array(order.utf8))
        } }
        #expect(held.status == 200 && held.json?["customerPo"]?.stringValue == "po-1" && took >= 0.4)
        #expect(try await Self.orderCount(s) == 3)
        // The faults that act before the request leave nothing behind.
        let refused = try await s.send("POST", "/v3.0/api/Orders", json: order, headers: [("X-Sandbox-Fault", "error500")])
        #expect(refused.status == 500)
        #expect(try await Self.orderCount(s) == 3)
    }

    @Test func adminFaultsAimedAtOneOperation() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let pending = try await s.admin("POST", "faults", json: #"{"fault":"error500-after","count":2,"operation":"orders.create"}"#)
        #expect(pending["pending"]?.intValue == 2)
        #expect(try await s.admin("GET", "faults").arrayValue?.first?.stringValue == "error500-after (orders.create)")
        // Other operations pass untouched; the orders get the fault, once each.
        #expect(try await s.get("/v3.0/api/Catalog/Vendors").status == 200)
        let order = #"{"backorder":true,"lines":[{"elkoCode":\#(code),"quantity":1}]}"#
        #expect(try await s.send("POST", "/v3.0/api/Orders", json: order).status == 500)
        #expect(try await s.get("/v3.0/api/Orders").status == 200)
        #expect(try await s.send("POST", "/v3.0/api/Orders", json: order).status == 500)
        #expect(try await s.send("POST", "/v3.0/api/Orders", json: order).status == 200)
        #expect(try await Self.orderCount(s) == 3)
        _ = try await s.admin("POST", "faults", json: #"{"fault":"hang-after=60000","operation":"orders.create"}"#)
        #expect(try await s.admin("DELETE", "faults")["pending"]?.intValue == 0)
        for bad in [#"{"fault":"hang-after"}"#, #"{"fault":"reset-after","operation":"orders.nope"}"#] {
            #expect(try await s.admin("POST", "faults", json: bad).stringValue?.contains("must") == true, "\(bad)")
        }
    }

    @Test func reservationsKeepTheirReference() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let code = try productWithSmallStock(s)
        let r = try await s.send("POST", "/v3.0/api/Reservations", json: #"{"enduser":{"customerPo":"res-7"},"lines":[{"elkoCode":\#(code),"quantity":1}]}"#)
        #expect(r.json?["customerPo"]?.stringValue == "res-7")
        #expect(try await s.get("/v3.0/api/Reservations").json?.arrayValue?.first?["customerPo"]?.stringValue == "res-7")
    }
}

@Suite("Admin API") struct AdminTests {
    @Test func refusedUnlessEnabled() async throws {
        let s = try await RunningSandbox.start { $0.admin = false }
        defer { Task { await s.stop() } }
        let r = try await s.http { try $0.send("GET", "/_sandbox/counters") }
        #expect(r.status == 403 && r.text.contains("--admin"))
    }

    @Test func companiesResetAndTimeScale() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let created = try await s.admin("POST", "companies", json: #"{"accountNo":"800001","username":"u","password":"p","allowList":["::1","127.0.0.1"]}"#)
        let token = try #require(created["token"]?.stringValue)
        let r = try await s.http { try $0.send("GET", "/v3.0/api/Accounts/My", headers: [("Authorization", token)]) }
        #expect(r.json?["accountNo"]?.stringValue == "800001")
        #expect(try await s.admin("POST", "companies", json: #"{"accountNo":"800001"}"#).stringValue?.contains("exists") == true)
        #expect(try await s.admin("PUT", "time-scale", json: #"{"timeScale":0.5}"#)["timeScale"]?.doubleValue == 0.5)
        let code = try productWithSmallStock(s)
        _ = try await s.send("POST", "/v3.0/api/Orders", json: #"{"lines":[{"elkoCode":\#(code),"quantity":1}]}"#)
        _ = try await s.admin("POST", "reset")
        #expect(try await s.get("/v3.0/api/Orders").json?.arrayValue?.isEmpty == true)
        #expect(try await s.admin("GET", "companies").arrayValue?.count == 1)
        #expect(try await s.admin("GET", "operations").arrayValue?.count == OperationTable.all.count)
    }

    @Test func configurationFileRejectsUnknownKeys() throws {
        let ok = try SandboxConfiguration.load(json: Array(#"{"port":0,"products":50,"rateLimit":{"requests":10},"paths":{"orders.get":"/v3.0/api/Order/{orderId}"}}"#.utf8))
        #expect(ok.catalog.products == 50 && ok.rateLimit.requests == 10 && ok.paths["orders.get"] != nil)
        for (text, message) in [
            (#"{"prot":1}"#, "unknown configuration key \"prot\""),
            (#"{"rateLimit":{"request":1}}"#, "rateLimit.request"),
            (#"{"products":5}"#, "between 10 and 500000"),
            (#"{"paths":{"orders.nope":"/x"}}"#, "unknown operation"),
            (#"{"companies":[{"accountNo":"1","allowList":["300.1.1.1"]}]}"#, "300.1.1.1"),
            ("[1", "not valid JSON"),
        ] {
            #expect(throws: SandboxConfigurationError.self) { try SandboxConfiguration.load(json: Array(text.utf8)) }
            do { _ = try SandboxConfiguration.load(json: Array(text.utf8)) } catch {
                #expect(error.message.contains(message), "\(text) → \(error.message)")
            }
        }
    }

    @Test func pathOverrideServesTheOperationElsewhere() async throws {
        let s = try await RunningSandbox.start { $0.paths = ["account.get": "/v3.0/api/Account/Mine"] }
        defer { Task { await s.stop() } }
        #expect(try await s.get("/v3.0/api/Account/Mine").json?["accountNo"]?.stringValue == "700001")
        #expect(try await s.get("/v3.0/api/Accounts/My").status == 404)
    }
}
