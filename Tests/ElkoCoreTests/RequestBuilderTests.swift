import ElkoAPI
import Testing

@testable import ElkoCore

@Suite struct RequestBuilderTests {
    func build(_ op: String, _ params: String, dialect: Dialect = .api) -> Result<RequestBuilder.Built, ElkoError> {
        let config = Configuration(baseURL: "http://127.0.0.1", dialect: dialect, token: "t")
        guard let operation = OperationTable.named(op) else { return .failure(.invalidArgument("no op")) }
        switch JSONValue.parse(params, context: "params") {
        case .failure(let e): return .failure(e)
        case .success(let doc): return RequestBuilder(configuration: config).build(operation, params: doc)
        }
    }

    @Test func listsGoAsCommaListsInPathAndQuery() throws {
        let d = try build("catalog.description", #"{"elkoCodes": [1435774, "1435775"], "lang": "UA"}"#).get()
        #expect(d.target == "/v3.0/api/Catalog/Products/1435774,1435775/Description?lang=UA")
        let p = try build("catalog.products", #"{"vendorCode": "U1", "elkoCode": ["1", "2"]}"#).get()
        #expect(p.target == "/v3.0/api/Catalog/Products?elkoCode=1,2&vendorCode=U1")
        #expect(p.body == nil)
        let a = try build("catalog.availability", #"{"type": "availabilityprice", "elkoCodes": ["7"]}"#).get()
        #expect(a.target == "/v3.0/api/Catalog/AvailabilityAndPrice/AvailabilityPrice?elkoCodes=7")
        let u = try build("catalog.products", #"{"showOnlyAvaliable": true, "lang": "a b&c"}"#, dialect: .ua).get()
        #expect(u.target == "/v3.0/Catalogs/Products?lang=a%20b%26c&showOnlyAvaliable=true")
    }

    @Test func bodiesAreSentCompact() throws {
        let b = try build("orders.modify", #"{"orderId": "12", "body": {"lines": [ {"elkoCode": 1} ]}}"#).get()
        #expect(b.target == "/v3.0/api/Orders/12")
        #expect(b.method == .PUT)
        #expect(b.body.map { String(decoding: $0, as: UTF8.self) } == #"{"lines":[{"elkoCode":1}]}"#)
        let empty = try build("orders.create", "{}").get()
        #expect(empty.body.map { String(decoding: $0, as: UTF8.self) } == "{}")
    }

    @Test(arguments: [
        ("orders.get", #"{"orderId": "x1"}"#, "whole number"),
        ("orders.get", #"{}"#, "missing required path parameter \"orderId\""),
        ("orders.get", #"{"id": 1}"#, "unknown parameter \"id\""),
        ("catalog.availability", #"{"type": "Availability"}"#, "missing required parameter \"elkoCodes\""),
        ("catalog.products", #"{"showOnlyAvaliable": true}"#, "dialect"),
        ("invoices.range", #"{"from": 118000, "to": 118269}"#, "JDE"),
        ("catalog.vendors", #"{"body": {}}"#, "sends no body"),
        ("catalog.products", #"[]"#, "must be a JSON object"),
    ])
    func refusedParamsSayWhy(op: String, params: String, says: String) {
        guard case .failure(let e) = build(op, params) else { Issue.record("accepted: \(op) \(params)"); return }
        #expect(e.code == .invalidArgument)
        #expect(e.message.contains(says), "\(e.message)")
    }
}
