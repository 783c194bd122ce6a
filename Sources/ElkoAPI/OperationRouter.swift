/// Finds the operation a request path names, in either dialect, the way ASP.NET routes it:
/// case-insensitive literals, the most specific template first, 405 when the path is known but the
/// method is not.
public struct OperationRouter: Sendable {
    public struct Route: Sendable {
        public let operation: Operation
        public let dialect: Dialect
        public let template: PathTemplate
    }

    public enum Resolution: Sendable {
        case found(Route, pathValues: [String: String])
        /// The path exists but not for this method; `allowed` goes in the `Allow` header.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    public let routes: [Route]

    /// - Parameter overrides: operation name → path template that replaces both dialects' paths.
    public init(operations: [Operation] = OperationTable.all, overrides: [String: String] = [:]) {
        var routes: [Route] = []
        for op in operations {
            if let custom = overrides[op.name] {
                routes.append(Route(operation: op, dialect: .api, template: PathTemplate(custom)))
                continue
            }
            for dialect in Dialect.allCases {
                routes.append(Route(operation: op, dialect: dialect, template: op.path(for: dialect)))
            }
        }
        // Most literal segments first, so `/Catalog/Products/Esd` wins over a `{param}` template.
        self.routes = routes.enumerated().sorted { a, b in
            a.element.template.literalCount != b.element.template.literalCount
                ? a.element.template.literalCount > b.element.template.literalCount
                : a.offset < b.offset
        }.map(\.element)
    }

    /// `path` is the request path without the query string, still percent-encoded.
    public func resolve(method: String, path: Substring) -> Resolution {
        var parts: [Substring] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = PercentEncoding.decode(raw) else { return .notFound }
            parts.append(Substring(decoded))
        }
        var allowed: [HTTPMethod] = []
        for route in routes {
            guard let values = route.template.match(parts) else { continue }
            if route.operation.method.rawValue == method.uppercased() {
                return .found(route, pathValues: values)
            }
            if !allowed.contains(route.operation.method) { allowed.append(route.operation.method) }
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }
}
