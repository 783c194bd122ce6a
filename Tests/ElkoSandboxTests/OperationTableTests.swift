import ElkoAPI
import Testing

// The operation table and its router: what the client and the sandbox both rely on.

@Suite("Operation table") struct OperationTableTests {
    @Test func everyOperationTheIssueNamesIsThere() {
        let names = Set(OperationTable.all.map(\.name))
        for name in [
            "catalog.products", "catalog.esd", "catalog.description", "catalog.media", "catalog.categories",
            "catalog.categoryTree", "catalog.vendors", "catalog.availability", "orders.list", "orders.get",
            "orders.create", "orders.modify", "orders.cancel", "reservations.create", "reservations.list",
            "reservations.get", "reservations.release", "invoices.list", "invoices.range", "account.get", "token.create",
        ] {
            #expect(names.contains(name), "missing \(name)")
        }
        #expect(names.count == OperationTable.all.count, "operation names are unique")
    }

    @Test func idempotencyAndShapes() throws {
        for op in OperationTable.all {
            if op.method == .POST { #expect(!op.idempotent, "\(op.name): a POST is never retried") }
            if op.method == .GET { #expect(op.idempotent, "\(op.name)") }
            for dialect in Dialect.allCases {
                let names = Set(op.path(for: dialect).parameterNames)
                let declared = Set(op.parameters.filter { $0.location == .path }.map(\.name))
                #expect(names == declared, "\(op.name) \(dialect): path parameters match the declared ones")
            }
        }
        #expect(try #require(OperationTable.named("orders.modify")).idempotent == false,
                "a PUT of unknown semantics is not retried")
        #expect(OperationTable.named("catalog.products")?.answersList == true)
        #expect(OperationTable.named("nope") == nil)
    }

    @Test func renderEncodesValuesAndKeepsCommas() throws {
        let t = PathTemplate("/v3.0/api/Catalog/Products/{elkoCodes}/Description")
        #expect(try t.render(["elkoCodes": "1,2,3"]).get() == "/v3.0/api/Catalog/Products/1,2,3/Description")
        #expect(try t.render(["elkoCodes": "a/b c"]).get() == "/v3.0/api/Catalog/Products/a%2Fb%20c/Description")
        #expect(throws: MissingPathParameter(name: "elkoCodes")) { try t.render([:]).get() }
        #expect(PercentEncoding.decode("a%2Fb+c", plusAsSpace: true) == "a/b c")
        #expect(PercentEncoding.decode("%zz") == nil && PercentEncoding.decode("%FF") == nil)
    }
}

@Suite("Operation router") struct OperationRouterTests {
    let router = OperationRouter()

    func name(_ method: String, _ path: String) -> String? {
        if case .found(let route, _) = router.resolve(method: method, path: Substring(path)) { return route.operation.name }
        return nil
    }

    @Test func bothDialectsCaseInsensitiveMostSpecificFirst() {
        #expect(name("GET", "/v3.0/api/Catalog/Products") == "catalog.products")
        #expect(name("GET", "/v3.0/Catalogs/Products") == "catalog.products")
        #expect(name("get", "/V3.0/API/catalog/PRODUCTS/") == "catalog.products")
        #expect(name("GET", "/v3.0/api/Catalog/Products/Esd") == "catalog.esd")
        #expect(name("GET", "/v3.0/api/Catalog/Categories/Tree") == "catalog.categoryTree")
        #expect(name("GET", "/v3.0/Catalogs/CategoryList") == "catalog.categories")
        #expect(name("GET", "/v3.0/api/Finances/Invoices/true") == "invoices.list")
        #expect(name("GET", "/v3.0/api/Finances/Invoices/118269/118300") == "invoices.range")
        #expect(name("POST", "/v3.0/Token") == "token.create")
    }

    @Test func pathValuesAreDecoded() {
        guard case .found(let route, let values) = router.resolve(method: "GET", path: "/v3.0/api/Catalog/MediaItems/1%2C2") else {
            Issue.record("not found")
            return
        }
        #expect(route.dialect == .api && values["elkoCodes"] == "1,2")
    }

    @Test func wrongMethodListsAllowedOnes() {
        guard case .methodNotAllowed(let allowed) = router.resolve(method: "PATCH", path: "/v3.0/api/Orders/5") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.GET, .PUT, .DELETE])
        if case .notFound = router.resolve(method: "GET", path: "/v3.0/api/Nothing") {} else { Issue.record("expected 404") }
    }

    @Test func overridesReplaceBothDialects() {
        let custom = OperationRouter(overrides: ["reservations.create": "/v3.0/api/Reservation/New"])
        if case .found(let r, _) = custom.resolve(method: "POST", path: "/v3.0/api/reservation/new") {
            #expect(r.operation.name == "reservations.create")
        } else {
            Issue.record("override not routed")
        }
        if case .found(let r, _) = custom.resolve(method: "POST", path: "/v3.0/api/Reservations") {
            Issue.record("old path still routed to \(r.operation.name)")
        }
    }
}
