import ElkoAPI

/// The library version (`elko_version`).
public let elkoVersion = "0.1.0"

/// A client of one ELKO account. Immutable after creation and safe to share between threads: each
/// thread sends on its own libcurl handle.
public final class Client: Sendable {
    public let configuration: Configuration
    let builder: RequestBuilder
    let userAgent: String

    public init(configuration: Configuration) {
        self.configuration = configuration
        self.builder = RequestBuilder(configuration: configuration)
        var ua = "elko/\(elkoVersion)"
        if let app = configuration.userAgentApp { ua += " " + app }
        self.userAgent = ua
    }

    /// A successful answer: HTTP status, headers and the body as ELKO sent it.
    public typealias Response = HTTPResponse

    /// Calls an operation of the table by name (`catalog.products`) with JSON params (see
    /// `RequestBuilder`): validated, sent, and mapped to an error unless ELKO answered 2xx with what the
    /// operation answers (JSON, or XML text when the client's format is xml).
    public func call(operation name: String, params: JSONValue?) -> Result<Response, ElkoError> {
        guard let op = OperationTable.named(name) else {
            return .failure(.invalidArgument("unknown operation \"\(name)\" (`elko operations` lists them)"))
        }
        let built: RequestBuilder.Built
        switch builder.build(op, params: params) {
        case .success(let b): built = b
        case .failure(let e): return .failure(e.redacting(configuration.token))
        }
        let result = send(
            method: built.method.rawValue, target: built.target, body: built.body, operation: op.name,
            idempotent: op.idempotent)
        guard case .success(var response) = result else { return result }
        if configuration.format == .json, !op.answersList, response.body.allSatisfy(Text.isSpace) {
            response.body = Array("null".utf8)  // an empty 2xx (e.g. 204 after a delete) as JSON
            return .success(response)
        }
        if configuration.format == .json, let problem = Self.notJSON(response.body, list: op.answersList) {
            return .failure(ElkoError(
                .protocol, "\(op.name): the answer is not JSON (\(problem))", httpStatus: response.status,
                body: Self.bodyText(response.body), operation: op.name).redacting(configuration.token))
        }
        return result
    }

    /// `call` with params as JSON text (empty text means no params).
    public func call(operation name: String, paramsJSON: UnsafeRawBufferPointer) -> Result<Response, ElkoError> {
        if paramsJSON.allSatisfy(Text.isSpace) { return call(operation: name, params: nil) }
        switch JSONValue.parse(paramsJSON, context: "params") {
        case .success(let doc): return call(operation: name, params: doc)
        case .failure(var e):
            e.operation = OperationTable.named(name)?.name
            return .failure(e.redacting(configuration.token))
        }
    }

    public func call(operation name: String, paramsJSON: String) -> Result<Response, ElkoError> {
        Array(paramsJSON.utf8).withUnsafeBytes { call(operation: name, paramsJSON: $0) }
    }

    /// A raw request for anything the table lacks. `path` starts with `/` and is appended to the base
    /// URL as given; `query` is the already-encoded text after `?`. The body, if any, is sent as JSON.
    /// Errors are mapped as for `call`; a 2xx body is returned as is.
    public func request(method: String, path: String, query: String? = nil, body: [UInt8]? = nil) -> Result<Response, ElkoError> {
        let m = method.uppercased()
        guard HTTPMethod(rawValue: m) != nil else {
            return .failure(.invalidArgument("method must be GET, POST, PUT or DELETE"))
        }
        guard path.hasPrefix("/"), !path.utf8.contains(where: { $0 <= 32 || $0 == 127 || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
        else { return .failure(.invalidArgument("path must start with / and hold no spaces, control characters, ? or #")) }
        var target = path
        if let query, !query.isEmpty {
            guard !query.utf8.contains(where: { $0 <= 32 || $0 == 127 || $0 == UInt8(ascii: "#") }) else {
                return .failure(.invalidArgument("query must be percent-encoded text without spaces, control characters or #"))
            }
            target += "?" + query
        }
        return send(method: m, target: target, body: body, operation: nil, idempotent: m == "GET" || m == "DELETE")
    }

    func send(method: String, target: String, body: [UInt8]?, operation: String?, idempotent: Bool) -> Result<Response, ElkoError> {
        if let refused = beforeSend(operation: operation, method: method, idempotent: idempotent) {
            return .failure(refused.redacting(configuration.token))
        }
        let request = httpRequest(method: method, target: target, body: body, idempotent: idempotent)
        let outcome: Result<Response, ElkoError>
        switch CurlTransport.perform(request) {
        case .failure(var e):
            e.operation = operation
            outcome = .failure(e.redacting(configuration.token))
        case .success(let response):
            if let e = Self.error(for: response, operation: operation) {
                outcome = .failure(e.redacting(configuration.token))
            } else {
                outcome = .success(response)
            }
        }
        afterSend(operation: operation, method: method, outcome: outcome)
        return outcome
    }

    /// The request as the transport sends it: ELKO's headers (token, Accept), timeouts, user agent.
    /// Shared by whole-body calls and streamed ones.
    func httpRequest(method: String, target: String, body: [UInt8]?, idempotent: Bool) -> HTTPRequest {
        var headers = [
            "Authorization: Bearer \(configuration.token)",
            "Accept: " + (configuration.format == .json ? "application/json" : "application/xml"),
            "Expect:",  // no 100-continue round trip before a body
        ]
        if body != nil { headers.append("Content-Type: application/json; charset=utf-8") }
        return HTTPRequest(
            method: method, url: configuration.baseURL + target, headers: headers, body: body,
            connectTimeoutMs: configuration.connectTimeoutMs, timeoutMs: configuration.timeoutMs,
            userAgent: userAgent, freshConnection: !idempotent)
    }

    // MARK: Hooks around every send (whole-body and streamed)

    /// Runs before anything is sent: the place for the rate limiter's slot and dry run. An error means
    /// nothing is sent. (Filled in by the rate-limit work; today it admits everything.)
    func beforeSend(operation: String?, method: String, idempotent: Bool) -> ElkoError? {
        nil
    }

    /// Sees every outcome of a send: the place to record a limit block and to log.
    func afterSend(operation: String?, method: String, outcome: Result<Response, ElkoError>) {}

    /// Largest part of an error body kept in the error (an HTML error page can be big).
    static let maxErrorBody = 65_536

    static func bodyText(_ body: [UInt8]) -> String? {
        body.isEmpty ? nil : String(decoding: body.prefix(maxErrorBody), as: UTF8.self)
    }

    /// The error a non-2xx answer means, or nil for 2xx.
    static func error(for r: HTTPResponse, operation: String?) -> ElkoError? {
        let status = r.status
        if (200..<300).contains(status) { return nil }
        let text = bodyText(r.body)
        let trimmed = text.map(Text.trimmed) ?? ""
        let what = operation ?? "request"
        let elkoSays = trimmed.isEmpty ? "" : ": " + Text.firstLine(of: trimmed)
        func make(_ code: ErrorCode, _ message: String, retryAfterMs: Int64 = 0) -> ElkoError {
            ElkoError(code, message, httpStatus: status, body: text, retryAfterMs: retryAfterMs, operation: operation)
        }
        switch status {
        case 400:
            return make(.badRequest, "ELKO refused \(what) as a bad request\(elkoSays)")
        case 401:
            return make(.unauthorized, "\(what): the token is invalid or deactivated (401)\(elkoSays)")
        case 403, 429:
            let lower = Text.lowercasedASCII(trimmed)
            if status == 429 || Text.contains("limit", in: lower) || Text.contains("too many", in: lower) {
                // ELKO blocks a token for a minute after the limit is exceeded; trust Retry-After if sent.
                let wait = retryAfterMs(r.header("retry-after")) ?? 60_000
                return make(.rateLimited, "\(what): ELKO's request limit was exceeded; send nothing for \(wait / 1000) s\(elkoSays)",
                            retryAfterMs: wait)
            }
            if trimmed.isEmpty {
                return make(.unauthorized, "\(what): ELKO rejected the token (403 with an empty body): it is invalid, deactivated or a newer one was issued")
            }
            return make(.forbidden, "\(what): access denied (403)\(elkoSays)")
        case 404:
            return make(.notFound, "\(what): not found (404)\(elkoSays)")
        case 405:
            let allow = r.header("allow").map { " (allowed: \($0))" } ?? ""
            return make(.methodNotAllowed, "\(what): method not allowed (405)\(allow)")
        case 500..<600:
            return make(.serverError, "\(what): ELKO server error (\(status))\(elkoSays)")
        default:
            return make(.protocol, "\(what): unexpected HTTP status \(status)\(elkoSays)")
        }
    }

    /// `Retry-After` in whole seconds (the HTTP-date form is not used by ELKO) as milliseconds.
    static func retryAfterMs(_ value: String?) -> Int64? {
        guard let value, let seconds = Int64(Text.trimmed(value)), seconds >= 0, seconds < 86_400 else { return nil }
        return seconds * 1000
    }

    /// Why a 2xx body is not the JSON an operation answers, or nil if it is. Single-object answers are
    /// parsed in full; list answers (the catalog is tens of megabytes) are checked for `[` ... `]` so
    /// that the bytes can be handed to the host's own parser without parsing them twice.
    static func notJSON(_ body: [UInt8], list: Bool) -> String? {
        guard let first = body.firstIndex(where: { !Text.isSpace($0) }),
              let last = body.lastIndex(where: { !Text.isSpace($0) })
        else { return list ? "empty body where a JSON array is expected" : nil }
        if list {
            return body[first] == UInt8(ascii: "[") && body[last] == UInt8(ascii: "]")
                ? nil : "a JSON array is expected; the body starts with \(Text.firstLine(of: String(decoding: body.prefix(60), as: UTF8.self), limit: 40))"
        }
        switch JSONValue.parse(body, context: "the answer") {
        case .success: return nil
        case .failure(let e): return e.message
        }
    }
}
