import Testing

@testable import ElkoCore

@Suite struct ErrorMappingTests {
    func mapped(_ status: Int, _ body: String, headers: [(String, String)] = []) -> ElkoError? {
        Client.error(
            for: HTTPResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8)),
            operation: "orders.create")
    }

    @Test func statusesMapToStableCodes() {
        #expect(mapped(200, "[]") == nil)
        #expect(mapped(204, "") == nil)
        let bad = mapped(400, "The Lines field is required.")
        #expect(bad?.code == .badRequest)
        #expect(bad?.body == "The Lines field is required.")
        #expect(bad?.message.contains("The Lines field is required.") == true)
        #expect(bad?.operation == "orders.create")
        #expect(mapped(401, "")?.code == .unauthorized)
        #expect(mapped(403, "")?.code == .unauthorized)
        #expect(mapped(403, "Access denied: IP address 10.0.0.1 is not allowed for this account.")?.code == .forbidden)
        let limited = mapped(403, "Request limit exceeded: 50 requests per 10 seconds.")
        #expect(limited?.code == .rateLimited)
        #expect(limited?.retryAfterMs == 60_000)
        #expect(mapped(403, "Request limit exceeded.", headers: [("retry-after", "7")])?.retryAfterMs == 7_000)
        #expect(mapped(429, "")?.code == .rateLimited)
        #expect(mapped(404, "")?.code == .notFound)
        let m = mapped(405, "", headers: [("allow", "GET, POST")])
        #expect(m?.code == .methodNotAllowed)
        #expect(m?.message.contains("GET, POST") == true)
        #expect(mapped(500, "Something went wrong.")?.code == .serverError)
        #expect(mapped(503, "")?.httpStatus == 503)
        #expect(mapped(302, "")?.code == .protocol)
    }

    @Test func answersThatAreNotJSONAreProtocolErrors() {
        #expect(Client.notJSON(Array(" [1, 2] ".utf8), list: true) == nil)
        #expect(Client.notJSON(Array("<html>".utf8), list: true) != nil)
        #expect(Client.notJSON(Array("".utf8), list: true) != nil)
        #expect(Client.notJSON(Array(#"{"a": 1}"#.utf8), list: false) == nil)
        #expect(Client.notJSON(Array(#""eyJ.a.b""#.utf8), list: false) == nil)
        #expect(Client.notJSON(Array("Something went wrong.".utf8), list: false) != nil)
    }

    @Test func theTokenIsRedacted() {
        let e = ElkoError(.badRequest, "echo eyJtok here", body: "eyJtok").redacting("eyJtok")
        #expect(!e.message.contains("eyJtok"))
        #expect(e.body == "[token]")
    }
}
