import Glibc
import Testing
@testable import ElkoSandbox

// The rules ELKO's guide states, each shown against a real sandbox on loopback.

@Suite("Tokens") struct TokenTests {
    @Test func missingGarbageAndValidTokens() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let token = s.token
        let results = try await s.http { c in
            [
                try c.send("GET", "/v3.0/api/Catalog/Vendors"),
                try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", "Bearer not-a-jwt")]),
                try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", "Bearer \(token)")]),
                try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", token)]),
                try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", "bearer  \(token)")]),
                // A token signed with another key is refused like any invalid one.
                try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", "Bearer " + TokenAuthority(secret: "other").token(accountNo: "700001", serial: 1, clientIP: nil))]),
            ]
        }
        #expect(results.map(\.status) == [403, 403, 200, 200, 200, 403])
        #expect(results[0].body.isEmpty, "an invalid token gets an empty 403, as the real API answers")
        #expect(results[2].json?.arrayValue?.isEmpty == false)
    }

    @Test func tokenClaimsAreELKOs() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let claims = try #require(JWT.verifyHS256(s.token, secret: Array("test-secret".utf8)))
        #expect(claims[TokenAuthority.nameClaim]?.stringValue == "700001@1")
        #expect(claims[TokenAuthority.roleClaim]?.stringValue == "Api")
        #expect(claims["iss"] != nil && claims["aud"] != nil && claims["exp"] != nil)
    }

    @Test func issuingANewTokenDeactivatesTheOld() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let old = s.token
        // POST Token with username and password: the reply is the token as a JSON string.
        let issued = try await s.http { c in
            try c.send("POST", "/v3.0/api/Token", headers: [("Content-Type", "application/json")],
                       body: Array(#"{"username":"demo","password":"demo"}"#.utf8))
        }
        #expect(issued.status == 200)
        let fresh = try #require(issued.json?.stringValue)
        #expect(fresh != old)
        // And bare with Accept: text/plain, on the UA dialect path.
        let bare = try await s.http { c in
            try c.send("POST", "/v3.0/Token", headers: [("Accept", "text/plain")],
                       body: Array(#"{"Username":"demo","Password":"demo"}"#.utf8))
        }
        #expect(bare.status == 200 && bare.text.hasPrefix("eyJ") && bare.header("Content-Type")?.hasPrefix("text/plain") == true)
        let newest = bare.text
        let statuses = try await s.http { c in
            try [old, fresh, newest].map { try c.send("GET", "/v3.0/api/Accounts/My", headers: [("Authorization", "Bearer \($0)")]).status }
        }
        #expect(statuses == [403, 403, 200], "one active token per company: only the newest works")
        // Rotation through the admin API works the same way.
        let rotated = try #require(try await s.admin("POST", "companies/700001/token")["token"]?.stringValue)
        let after = try await s.http { c in
            try [newest, rotated].map { try c.send("GET", "/v3.0/api/Accounts/My", headers: [("Authorization", "Bearer \($0)")]).status }
        }
        #expect(after == [403, 200])
        let wrong = try await s.http { c in
            try c.send("POST", "/v3.0/api/Token", body: Array(#"{"username":"demo","password":"nope"}"#.utf8))
        }
        #expect(wrong.status == 400 && wrong.text.contains("incorrect"))
    }
}

@Suite("IP allow-list") struct AllowListTests {
    @Test func ipv4AndIPv6SinglesRangesAndCIDR() async throws {
        let s = try await RunningSandbox.start { c in
            c.trustForwardedFor = true
            c.companies = [.init(accountNo: "700001", name: "Demo", username: "demo", password: "demo",
                                 allowList: ["10.0.0.0/8", "192.168.1.10-192.168.1.20", "2001:db8::/32",
                                             "2a00:1450::1 - 2a00:1450::ff", "203.0.113.7"])]
        }
        defer { Task { await s.stop() } }
        let cases: [(String, Int)] = [
            ("10.1.2.3", 200), ("11.0.0.1", 403), ("192.168.1.10", 200), ("192.168.1.20", 200),
            ("192.168.1.21", 403), ("192.168.1.9", 403), ("203.0.113.7", 200), ("203.0.113.8", 403),
            ("2001:db8::5", 200), ("2001:db9::", 403), ("2a00:1450::ff", 200), ("2a00:1450::100", 403),
            ("::ffff:10.9.9.9", 200), ("127.0.0.1", 403),
        ]
        let token = s.token
        let got = try await s.http { c in
            try cases.map { ip, _ in
                try c.send("GET", "/v3.0/api/Accounts/My", headers: [("Authorization", "Bearer \(token)"), ("X-Forwarded-For", "\(ip), 10.0.0.1")]).status
            }
        }
        #expect(got == cases.map(\.1))
        // Without the test switch, X-Forwarded-For is ignored and the real peer (loopback) counts.
        let plain = try await RunningSandbox.start()
        defer { Task { await plain.stop() } }
        let r = try await plain.get("/v3.0/api/Accounts/My", headers: [("X-Forwarded-For", "8.8.8.8")])
        #expect(r.status == 200)
    }

    @Test func allowListChangesTakeEffect() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        #expect(try await s.get("/v3.0/api/Accounts/My").status == 200)
        _ = try await s.admin("PUT", "companies/700001/allow-list", json: #"{"allowList": ["10.0.0.0/8"]}"#)
        let refused = try await s.get("/v3.0/api/Accounts/My")
        #expect(refused.status == 403 && refused.text.contains("127.0.0.1"))
        let bad = try await s.admin("PUT", "companies/700001/allow-list", json: #"{"allowList": ["10.0.0.300/8"]}"#)
        #expect(bad.stringValue?.contains("10.0.0.300/8") == true)
    }
}

@Suite("Rate limit") struct RateLimitTests {
    /// 50 requests per 10 s, then every request refused for 60 s — at a quarter of real time.
    @Test func limitThenBlockThenRecovery() async throws {
        // Window 2.5 s, block 15 s: 52 debug-build requests on a loaded 2-core machine fit in the window.
        let s = try await RunningSandbox.start { $0.timeScale = 0.25 }
        defer { Task { await s.stop() } }
        let token = s.token
        let start = monotonicNow()
        let first = try await s.http { c in
            try (0..<52).map { _ in try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", "Bearer \(token)")]) }
        }
        let elapsed = monotonicNow() - start
        try #require(elapsed < 2.5, "52 loopback requests should fit in the scaled window (took \(elapsed) s)")
        #expect(first.prefix(50).allSatisfy { $0.status == 200 })
        #expect(first[50].status == 403 && first[50].text.contains("50 requests per 10 seconds"))
        #expect(first[51].status == 403)
        var counters = try await s.admin("GET", "counters")
        var mine = try #require(counters["tokens"]?["700001@1"])
        #expect(mine["served"]?.intValue == 50 && mine["exceeded"]?.intValue == 1 && mine["blocked"]?.intValue == 1)
        // After the window has passed but inside the block: still refused.
        try await Task.sleep(for: .milliseconds(max(0, Int((2.6 - (monotonicNow() - start)) * 1000))))
        #expect(try await s.get("/v3.0/api/Catalog/Vendors").status == 403)
        // After the block (the sandbox says how long is left): served again.
        let left = try #require(try await s.admin("GET", "counters")["tokens"]?["700001@1"]?["blockedForMs"]?.intValue)
        #expect(left > 0 && left <= 15000)
        try await Task.sleep(for: .milliseconds(left + 150))
        #expect(try await s.get("/v3.0/api/Catalog/Vendors").status == 200)
        counters = try await s.admin("GET", "counters")
        mine = try #require(counters["tokens"]?["700001@1"])
        #expect(mine["blocked"]?.intValue == 2 && mine["served"]?.intValue == 51)
    }

    @Test func slidingWindowAdmitsAfterOldRequestsAge() async throws {
        let s = try await RunningSandbox.start { c in
            c.timeScale = 0.05
            c.rateLimit.requests = 5
        }
        defer { Task { await s.stop() } }
        let token = s.token
        let statuses = try await s.http { c in
            var out: [Int] = []
            for _ in 0..<5 { out.append(try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", "Bearer \(token)")]).status) }
            usleep(600_000)  // the 0.5 s window has slid past all five
            for _ in 0..<5 { out.append(try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", "Bearer \(token)")]).status) }
            return out
        }
        #expect(statuses == Array(repeating: 200, count: 10))
    }

    @Test func countersAreSeparatePerToken() async throws {
        let s = try await RunningSandbox.start { c in
            c.rateLimit.requests = 3
            c.companies.append(.init(accountNo: "700002", name: "Other", username: "other", password: "x", allowList: ["127.0.0.1"]))
        }
        defer { Task { await s.stop() } }
        let a = s.token
        let b = try #require(s.sandbox.activeToken(accountNo: "700002"))
        let statuses = try await s.http { c in
            try (0..<4).map { _ in try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", a)]).status }
                + [try c.send("GET", "/v3.0/api/Catalog/Vendors", headers: [("Authorization", b)]).status]
        }
        #expect(statuses == [200, 200, 200, 403, 200])
    }
}

@Suite("Status codes and formats") struct StatusAndFormatTests {
    @Test func eachStatusCode() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let noLines = try await s.send("POST", "/v3.0/api/Orders", json: #"{"currency":"USD"}"#)
        #expect(noLines.status == 400 && noLines.text == "The Lines field is required.")
        #expect(noLines.header("Content-Type")?.hasPrefix("text/plain") == true)
        let malformed = try await s.send("POST", "/v3.0/api/Orders", json: #"{"lines": [}"#)
        #expect(malformed.status == 400 && malformed.text.contains("not valid JSON"))
        #expect(try await s.get("/v3.0/api/NoSuchThing").status == 404)
        let unknownProduct = try await s.get("/v3.0/api/Catalog/Products/9999999/Description")
        #expect(unknownProduct.status == 404)
        #expect(try await s.get("/v3.0/api/Orders/123").status == 404)
        let wrongMethod = try await s.send("DELETE", "/v3.0/api/Catalog/Products", json: nil)
        #expect(wrongMethod.status == 405 && wrongMethod.header("Allow") == "GET")
        let ordersWrong = try await s.send("PATCH", "/v3.0/api/Orders", json: nil)
        #expect(ordersWrong.status == 405 && ordersWrong.header("Allow") == "GET, POST")
        let badType = try await s.get("/v3.0/api/Catalog/AvailabilityAndPrice/Everything?elkoCodes=1")
        #expect(badType.status == 400 && badType.text.contains("AvailabilityIncomingPrice"))
    }

    @Test func jsonByDefaultAndForTextPlainXMLOnRequest() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let plain = try await s.get("/v3.0/api/Catalog/Vendors")
        let text = try await s.get("/v3.0/api/Catalog/Vendors", headers: [("Accept", "text/plain")])
        let xml = try await s.get("/v3.0/api/Catalog/Vendors", headers: [("Accept", "application/xml")])
        #expect(plain.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(text.body == plain.body && text.json != nil)
        #expect(xml.header("Content-Type")?.hasPrefix("application/xml") == true)
        #expect(xml.text.hasPrefix("<ArrayOfVendor") && xml.text.contains("<code>"))
        let products = try await s.get("/v3.0/api/Catalog/Products", headers: [("Accept", "application/xml")])
        #expect(products.text.hasPrefix("<ArrayOfProduct") && products.text.contains("<elkoCode>"))
    }

    @Test func pathsAreCaseInsensitiveAndBothDialectsAnswer() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let api = try #require(try await s.get("/v3.0/api/Catalog/Products").json?.arrayValue)
        let shouty = try #require(try await s.get("/V3.0/API/CATALOG/products").json?.arrayValue)
        let ua = try #require(try await s.get("/v3.0/Catalogs/Products").json?.arrayValue)
        #expect(api.count == 200 && shouty == api && ua.count == 200)
        #expect(api[0]["elkoCode"] != nil && api[0]["catalogName"] != nil)
        #expect(ua[0]["elkoCode"] == nil && ua[0]["uAproductName"] != nil && ua[0]["discount"] != nil)
        if case .string = try #require(api[0]["quantity"]) {} else { Issue.record("stock must be a string") }
        #expect(try await s.get("/v3.0/Catalogs/CategoryList").json?.arrayValue?.first?["translation"] != nil)
    }

    @Test func catalogFiltersAndBatches() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let all = try #require(try await s.get("/v3.0/api/Catalog/Products").json?.arrayValue)
        let codes = all.prefix(3).compactMap { $0["elkoCode"]?.intValue }
        let comma = try #require(try await s.get("/v3.0/api/Catalog/Products?elkoCode=\(codes.map(String.init).joined(separator: ","))").json?.arrayValue)
        let repeated = try #require(try await s.get("/v3.0/api/Catalog/Products?" + codes.map { "elkoCode=\($0)" }.joined(separator: "&")).json?.arrayValue)
        #expect(comma.compactMap { $0["elkoCode"]?.intValue } == codes && repeated == comma)
        let vendor = try #require(all[0]["vendorCode"]?.stringValue)
        let byVendor = try #require(try await s.get("/v3.0/api/Catalog/Products?vendorCode=\(vendor)").json?.arrayValue)
        #expect(!byVendor.isEmpty && byVendor.allSatisfy { $0["vendorCode"]?.stringValue == vendor })
        let category = try #require(all[0]["catalog"]?.stringValue)
        let byCategory = try #require(try await s.get("/v3.0/api/Catalog/Products?catalog=\(category)").json?.arrayValue)
        #expect(!byCategory.isEmpty && byCategory.allSatisfy { $0["catalog"]?.stringValue == category })
        let onlyAvailable = try #require(try await s.get("/v3.0/Catalogs/Products?showOnlyAvaliable=true").json?.arrayValue)
        #expect(onlyAvailable.count < all.count && onlyAvailable.allSatisfy { $0["quantity"]?.stringValue != "0" })
        let list = codes.map(String.init).joined(separator: ",")
        let descriptions = try #require(try await s.get("/v3.0/api/Catalog/Products/\(list)/Description").json?.arrayValue)
        #expect(descriptions.compactMap { $0["productId"]?.intValue } == codes)
        let flat = try #require(try await s.get("/v3.0/Catalogs/Products/\(list)/Description").json?.arrayValue)
        #expect(flat.first?["comlexName"] != nil)
        let media = try #require(try await s.get("/v3.0/api/Catalog/MediaItems/\(list)").json?.arrayValue)
        #expect(media.count == 3 && media[0]["mediaFiles"]?.arrayValue?.first?["sequence"]?.intValue == 1)
        for type in ["Availability", "AvailabilityPrice", "AvailabilityIncoming", "availabilityincomingprice"] {
            let items = try #require(try await s.get("/v3.0/api/Catalog/AvailabilityAndPrice/\(type)?elkoCodes=\(list)").json?.arrayValue)
            #expect(items.count == 3)
            #expect((items[0]["prices"] != nil) == type.lowercased().hasSuffix("price"))
            #expect((items[0]["incoming"] != nil) == type.lowercased().contains("incoming"))
        }
        let tree = try #require(try await s.get("/v3.0/api/Catalog/Categories/Tree").json?.arrayValue)
        #expect(tree.first?["childs"]?.arrayValue?.isEmpty == false)
        #expect(try await s.get("/v3.0/api/Catalog/Products/Esd").json?.arrayValue?.isEmpty == false)
        #expect(try await s.get("/v3.0/api/Catalog/Products?elkoCode=abc").status == 400)
    }

    @Test func invoicesAndAccount() async throws {
        let s = try await RunningSandbox.start()
        defer { Task { await s.stop() } }
        let with = try #require(try await s.get("/v3.0/api/Finances/Invoices/true").json?.arrayValue)
        let without = try #require(try await s.get("/v3.0/api/Finances/Invoices/false").json?.arrayValue)
        #expect(with.count == without.count && with[0]["additionalInfo"] != nil && without[0]["additionalInfo"] == nil)
        let range = try #require(try await s.get("/v3.0/api/Finances/Invoices/126305/126365").json?.arrayValue)
        #expect(range.count == 2 && range.allSatisfy { ($0["dateCreate"]?.intValue ?? 0) >= 126305 })
        #expect(try await s.get("/v3.0/api/Finances/Invoices/126400/notadate").status == 400)
        let account = try #require(try await s.get("/v3.0/api/Accounts/My").json)
        #expect(account["accountNo"]?.stringValue == "700001")
    }
}

@Suite("Real catalog dump") struct FixtureServingTests {
    @Test(.enabled(if: CatalogTests.fixtureExists(), "the shared fixture is not beside this checkout"))
    func servesTheDumpUnchanged() async throws {
        let s = try await RunningSandbox.start { $0.catalog.fixturePath = CatalogTests.fixturePath }
        defer { Task { await s.stop() } }
        let served = try #require(try await s.get("/v3.0/Catalogs/Products").json?.arrayValue)
        let original = try #require(try JSON.parse(FixtureLoader.readFile(CatalogTests.fixturePath)).arrayValue)
        func byID(_ list: [JSON]) -> [JSON] { list.sorted { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) } }
        #expect(byID(served) == byID(original), "every record as ELKO sent it, key order included")
        let code = try #require(original.first?["id"]?.intValue)
        let description = try await s.get("/v3.0/Catalogs/Products/\(code)/Description")
        #expect(description.status == 200)
    }
}
