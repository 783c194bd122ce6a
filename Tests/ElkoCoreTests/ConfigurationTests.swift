import ElkoAPI
import Testing

@testable import ElkoCore

@Suite struct ConfigurationTests {
    static func noEnv(_ name: String) -> String? { nil }

    func parse(_ text: String, env: (String) -> String? = ConfigurationTests.noEnv) -> Result<Configuration, ElkoError> {
        Configuration.parse(text, environment: env)
    }

    @Test func regionPicksHostAndDialect() throws {
        let ua = try parse(#"{"version": 1, "region": "ua", "token": "abc"}"#).get()
        #expect(ua.baseURL == "https://uaapi.elko.cloud")
        #expect(ua.dialect == .ua)
        let api = try parse(#"{"region": "API", "token": "abc"}"#).get()
        #expect(api.baseURL == "https://api.elko.cloud")
        #expect(api.dialect == .api)
        let base = try parse(#"{"base_url": "http://127.0.0.1:8080/", "token": "abc"}"#).get()
        #expect(base.baseURL == "http://127.0.0.1:8080")
        #expect(base.dialect == .api)
        #expect(base.connectTimeoutMs == Configuration.defaultConnectTimeoutMs)
        #expect(base.timeoutMs == Configuration.defaultTimeoutMs)
        let uaOnAPI = try parse(#"{"region": "ua", "dialect": "api", "token": "abc"}"#).get()
        #expect(uaOnAPI.dialect == .api)
    }

    @Test func tokenWithOrWithoutBearerOrFromTheEnvironment() throws {
        #expect(try parse(#"{"region": "ua", "token": "Bearer eyJ.a.b"}"#).get().token == "eyJ.a.b")
        #expect(try parse(#"{"region": "ua", "token": "  bearer eyJ.a.b\n"}"#).get().token == "eyJ.a.b")
        let env: (String) -> String? = { $0 == "ELKO_TOKEN" ? "eyJ.env" : nil }
        #expect(try parse(#"{"region": "ua"}"#, env: env).get().token == "eyJ.env")
        guard case .failure(let e) = parse(#"{"region": "ua"}"#) else { Issue.record("no token accepted"); return }
        #expect(e.code == .invalidArgument)
        #expect(e.message.contains("ELKO_TOKEN"))
    }

    @Test(arguments: [
        (#"{"region": "ua", "token": "abc", "colour": 1}"#, "\"colour\""),
        (#"{"version": 2, "region": "ua", "token": "abc"}"#, "version"),
        (#"{"token": "abc"}"#, "is required"),
        (#"{"region": "ua", "base_url": "http://x", "token": "abc"}"#, "not both"),
        (#"{"region": "ua", "token": "abc", "timeout_ms": -5}"#, "timeout_ms"),
        (#"{"region": "ua", "token": "abc", "paths": {"orders.get": "/v3.0/api/Order/{id}"}}"#, "{orderId}"),
        (#"{"region": "ua", "token": "abc", "token_file": "/x"}"#, "not both"),
        (#"{"region": "ua""#, "not valid JSON"),
    ])
    func refusedOptionsSayWhy(text: String, says: String) {
        guard case .failure(let e) = parse(text) else { Issue.record("accepted: \(text)"); return }
        #expect(e.code == .invalidArgument)
        #expect(e.message.contains(says), "\(e.message)")
    }

    @Test func theTokenNeverAppearsInAnError() {
        for text in [
            #"{"region": "ua", "token": "eyJSECRET", "bogus": true}"#,
            #"{"region": "ua", "token": "eyJSECRET"#,
            #"{"region": "ua", "token": "eyJSECRET with spaces"}"#,
        ] {
            guard case .failure(let e) = parse(text) else { Issue.record("accepted: \(text)"); continue }
            #expect(!e.message.contains("SECRET"), "\(e.message)")
        }
    }

    @Test func pathOverridesReplaceTheDialectsPath() throws {
        let c = try parse(#"{"region": "ua", "token": "a", "paths": {"orders.get": "/v3.0/api/Order/{orderId}"}}"#).get()
        let op = try #require(OperationTable.named("orders.get"))
        #expect(c.template(for: op).template == "/v3.0/api/Order/{orderId}")
        let other = try #require(OperationTable.named("orders.list"))
        #expect(c.template(for: other).template == "/v3.0/Orders")
    }
}
