// The shape of one ELKO endpoint, as data. The table itself is in OperationTable.swift.

/// HTTP methods the ELKO API uses (the guide names GET, POST, PUT and DELETE).
public enum HTTPMethod: String, Sendable, CaseIterable, Codable {
    case GET, POST, PUT, DELETE
}

/// ELKO serves two path dialects. "api" is `/v3.0/api/Catalog/...` (api.elko.cloud and the guide's
/// `/v3.0/api/Orders`); "ua" is `/v3.0/Catalogs/...` (older and 2024 client code for uaapi.elko.cloud).
public enum Dialect: String, Sendable, CaseIterable, Codable {
    case api, ua
}

/// How sure we are of an operation: the tags of `ELKO-API.md`.
public enum Evidence: String, Sendable, Codable {
    /// Stated in ELKO's user guide.
    case guide = "G"
    /// Seen in a real response dump or log.
    case real = "R"
    /// Seen in hand-written client code used against the live API.
    case client = "C"
    /// Inferred; keep it configurable.
    case inferred = "?"
    /// ELKO's path is not public: this is the sandbox's own model of the function.
    case sandboxModel = "model"
}

/// Where a parameter travels.
public enum ParameterLocation: String, Sendable, Codable {
    case path, query
}

/// How a list parameter is written on the wire.
public enum ListEncoding: String, Sendable, Codable {
    /// `elkoCode=1,2,3` (or `/1,2,3/` in a path). What ELKO's own examples use.
    case comma
    /// `elkoCode=1&elkoCode=2`. ASP.NET binds this too.
    case repeated
}

/// The value type of a parameter, used to validate caller input before anything is sent.
public enum ParameterType: Sendable, Equatable {
    case string
    case integer
    case boolean
    /// One of a fixed set of values (compared case-insensitively, sent as listed).
    case oneOf([String])
    /// A JDE Julian date `CYYDDD` (118269 = 2018-09-26).
    case jdeDate
}

/// One path or query parameter of an operation.
public struct Parameter: Sendable, Equatable {
    /// The name on the wire (`elkoCode`, `elkoCodes`, `lang`, ...) and in callers' JSON params.
    public let name: String
    public let location: ParameterLocation
    public let type: ParameterType
    public let required: Bool
    /// A list of values (an array in callers' JSON), written with `listEncoding`.
    public let isList: Bool
    public let listEncoding: ListEncoding
    /// Dialects that accept the parameter (`showOnlyAvaliable` is UA-only).
    public let dialects: Set<Dialect>
    public let summary: String

    public init(
        _ name: String, in location: ParameterLocation, as type: ParameterType = .string,
        required: Bool = false, list: Bool = false, encoding: ListEncoding = .comma,
        dialects: Set<Dialect> = Set(Dialect.allCases), _ summary: String
    ) {
        self.name = name
        self.location = location
        self.type = type
        self.required = location == .path ? true : required
        self.isList = list
        self.listEncoding = encoding
        self.dialects = dialects
        self.summary = summary
    }
}

/// What an operation sends as its request body.
public enum RequestBody: Sendable, Equatable {
    case none
    /// A JSON object; `required` lists the fields ELKO insists on (as ELKO names them in its 400 text).
    case json(required: [String])
}

/// One ELKO endpoint.
public struct Operation: Sendable {
    /// Stable name used by every binding: `catalog.products`, `orders.create`, ...
    public let name: String
    public let summary: String
    public let method: HTTPMethod
    /// Full path template in the "api" dialect, `{name}` marking a path parameter.
    public let apiPath: PathTemplate
    /// Full path template in the "ua" dialect.
    public let uaPath: PathTemplate
    public let parameters: [Parameter]
    public let body: RequestBody
    /// Safe to send twice: only these are ever retried.
    public let idempotent: Bool
    /// The response is a top-level JSON array (can be streamed item by item).
    public let answersList: Bool
    public let evidence: Evidence

    public init(
        _ name: String, _ method: HTTPMethod, api: String, ua: String,
        parameters: [Parameter] = [], body: RequestBody = .none,
        idempotent: Bool? = nil, list: Bool, evidence: Evidence, _ summary: String
    ) {
        self.name = name
        self.method = method
        self.apiPath = PathTemplate(api)
        self.uaPath = PathTemplate(ua)
        self.parameters = parameters
        self.body = body
        // GET and DELETE are idempotent by HTTP; a POST or a PUT of unknown semantics is not.
        self.idempotent = idempotent ?? (method == .GET || method == .DELETE)
        self.answersList = list
        self.evidence = evidence
        self.summary = summary
    }

    /// True for operations that change something on the partner's account.
    public var isWrite: Bool { method != .GET }

    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name.lowercased() == name.lowercased() }
    }

    public func path(for dialect: Dialect) -> PathTemplate {
        switch dialect {
        case .api: apiPath
        case .ua: uaPath
        }
    }
}
