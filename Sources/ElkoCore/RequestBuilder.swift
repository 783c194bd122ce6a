import ElkoAPI

/// Turns an operation name and caller's JSON params into a path, a query and a body, validated against
/// the operation table. Params are a JSON object: each path or query parameter by its table name
/// (matched case-insensitively, sent as the table spells it), plus `"body"` (a JSON object or array)
/// for operations that send one. A list parameter takes an array or a single value.
struct RequestBuilder {
    struct Built {
        var method: HTTPMethod
        /// Path and query, percent-encoded, starting with `/`.
        var target: String
        var body: [UInt8]?
    }

    let configuration: Configuration

    func build(_ op: Operation, params: JSONValue?) -> Result<Built, ElkoError> {
        func fail(_ m: String) -> Result<Built, ElkoError> { .failure(.invalidArgument(m, operation: op.name)) }
        var pathValues: [String: String] = [:]
        var queryValues: [String: [String]] = [:]
        var seen: Set<String> = []
        var body: [UInt8]?

        if let params, params.kind != .null {
            guard params.kind == .object else {
                return fail("params of \(op.name) must be a JSON object, e.g. {\"elkoCode\": [\"1435774\"]}")
            }
            for (key, value) in params.objectEntries {
                if key == "body" {
                    guard case .json = op.body else { return fail("\(op.name) sends no body: remove \"body\"") }
                    guard value.kind == .object || value.kind == .array else {
                        return fail("\"body\" of \(op.name) must be a JSON object or array")
                    }
                    guard let bytes = value.serialized() else {
                        return .failure(ElkoError(.internal, "could not serialise the body", operation: op.name))
                    }
                    body = bytes
                    continue
                }
                guard let p = op.parameter(named: key) else {
                    var known = op.parameters.map(\.name)
                    if case .json = op.body { known.append("body") }
                    return fail("unknown parameter \"\(key)\" for \(op.name) (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
                }
                guard seen.insert(p.name).inserted else { return fail("parameter \"\(p.name)\" given twice") }
                guard p.dialects.contains(configuration.dialect) else {
                    return fail("parameter \"\(p.name)\" of \(op.name) exists only in the \(p.dialects.map(\.rawValue).sorted().joined(separator: ", ")) dialect; this client uses \(configuration.dialect.rawValue)")
                }
                if value.kind == .null { continue }
                let items: [JSONValue]
                if value.kind == .array {
                    guard p.isList else { return fail("parameter \"\(p.name)\" of \(op.name) takes one value, not an array") }
                    items = value.arrayElements
                } else {
                    items = [value]
                }
                var rendered: [String] = []
                for item in items {
                    switch Self.render(item, as: p.type) {
                    case .success(let s): rendered.append(s)
                    case .failure(let expected): return fail("parameter \"\(p.name)\" of \(op.name) must be \(expected)")
                    }
                }
                if rendered.isEmpty { continue }
                switch p.location {
                case .path: pathValues[p.name] = rendered.joined(separator: ",")
                case .query: queryValues[p.name] = rendered
                }
            }
        }
        if case .json = op.body, body == nil {
            body = Array("{}".utf8)  // ELKO itself says what is missing (400 "The Lines field is required.")
        }
        for p in op.parameters where p.required && p.location == .query && queryValues[p.name] == nil {
            return fail("missing required parameter \"\(p.name)\" of \(op.name)")
        }

        var target: String
        switch configuration.template(for: op).render(pathValues) {
        case .success(let path): target = path
        case .failure(let missing): return fail("missing required path parameter \"\(missing.name)\" of \(op.name)")
        }
        var query: [String] = []
        for p in op.parameters where p.location == .query {
            guard let values = queryValues[p.name] else { continue }
            let name = PercentEncoding.encode(p.name, allowing: PercentEncoding.unreserved)
            switch p.listEncoding {
            case .comma:
                query.append(name + "=" + values.map { PercentEncoding.encode($0, allowing: PercentEncoding.queryValueSafe) }
                    .joined(separator: ","))
            case .repeated:
                for v in values { query.append(name + "=" + PercentEncoding.encode(v, allowing: PercentEncoding.queryValueSafe)) }
            }
        }
        if !query.isEmpty { target += "?" + query.joined(separator: "&") }
        return .success(Built(method: op.method, target: target, body: body))
    }

    /// A value's wire text, or what was expected. Numbers and digit strings are both accepted where
    /// ELKO takes numbers (clients send many values as strings); ELKO codes may be given as numbers.
    static func render(_ v: JSONValue, as type: ParameterType) -> Result<String, Expected> {
        switch type {
        case .string:
            if let s = v.stringValue, !s.isEmpty { return .success(s) }
            if let n = v.integerValue { return .success(String(n)) }
            return .failure(Expected("a non-empty string"))
        case .integer:
            if let n = v.integerValue { return .success(String(n)) }
            if let s = v.stringValue, let n = Int64(s) { return .success(String(n)) }
            return .failure(Expected("a whole number"))
        case .boolean:
            if let b = v.boolValue { return .success(b ? "true" : "false") }
            if let s = v.stringValue, ["true", "false"].contains(Text.lowercasedASCII(s)) {
                return .success(Text.lowercasedASCII(s))
            }
            return .failure(Expected("true or false"))
        case .oneOf(let allowed):
            if let s = v.stringValue, let match = allowed.first(where: { Text.lowercasedASCII($0) == Text.lowercasedASCII(s) }) {
                return .success(match)
            }
            return .failure(Expected("one of " + allowed.joined(separator: ", ")))
        case .jdeDate:
            var n: Int64? = v.integerValue
            if n == nil, let s = v.stringValue { n = Int64(s) }
            if let n, n >= 1001, n <= 999_366, (1...366).contains(n % 1000) { return .success(String(n)) }
            return .failure(Expected("a JDE Julian date CYYDDD (118269 = 2018-09-26)"))
        }
    }

    struct Expected: Error { let text: String; init(_ t: String) { text = t } }
}

extension RequestBuilder.Expected: CustomStringConvertible { var description: String { text } }
