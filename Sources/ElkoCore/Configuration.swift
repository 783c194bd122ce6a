import ElkoAPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a client talks to ELKO, parsed from the options JSON of `elko_client_new`:
///
/// ```json
/// {"version": 1, "region": "ua", "token": "eyJ...", "timeout_ms": 600000}
/// ```
///
/// | key | default | meaning |
/// |---|---|---|
/// | `version` | `1` | options format; only 1 exists |
/// | `base_url` / `region` | — (one is required) | `http(s)://host[:port][/prefix]`, or `ua` (https://uaapi.elko.cloud), `api` (https://api.elko.cloud) |
/// | `dialect` | `ua` for region `ua`, else `api` | path dialect: `api` (`/v3.0/api/Catalog/...`, the guide's form) or `ua` (`/v3.0/Catalogs/...`) |
/// | `token` / `token_file` | env `ELKO_TOKEN` | with or without `Bearer `; a file holds the token as its only content |
/// | `connect_timeout_ms` | 10000 | 1 ... 600000 |
/// | `timeout_ms` | 600000 | whole request, 1 ... 86400000 (the full catalog comes in one answer) |
/// | `format` | `json` | `json` or `xml` (XML is handed back as text) |
/// | `user_agent_app` | — | appended to the User-Agent (`elko/0.1.0 myshop/2.3`) |
/// | `paths` | — | `{"orders.get": "/v3.0/api/Orders/{orderId}"}`: per-operation path templates, both dialects |
/// | `rate_limit` | see below | the client's own limiter, in front of every request |
/// | `state_dir` | env `ELKO_STATE_DIR`, else `/tmp/elko-<uid>` | where the limiter's budget is shared between processes (an absolute path) |
/// | `retries` | see below | resending failed idempotent requests |
/// | `log_level` | `warn` | `off`, `error`, `warn`, `info` (one line per request), `debug` |
/// | `log` / `log_file` | `stderr` | the sink: `"log": "stderr"`, or `"log_file": "/path"` (appended to) |
/// | `dry_run` | `false` | `true`: writes (every method but GET, `token.create` included) are validated, not sent |
/// | `orders` | see below | exactly-once orders and reservations (`OrderSettings`) |
///
/// `rate_limit` (unknown sub-keys are an error): `requests` (50, ELKO's limit per window, 1 ... 100000),
/// `window_ms` (10000, 1 ... 3600000), `block_ms` (60000: how long ELKO blocks after the limit was
/// exceeded, unless it sends Retry-After; 0 ... 86400000), `margin` (2: at most `requests - margin`
/// requests in any window, 0 ... requests - 1), `wait_ms` (0: fail fast with `rateLimited` and the time
/// to wait; else wait up to this long for a slot, never beyond `timeout_ms`; 0 ... 86400000), `shared`
/// (`true`: the budget is shared by every process of the machine that uses the token, in a file of
/// `state_dir`; `false`: only by the clients of this process).
///
/// `retries` (unknown sub-keys are an error): `max` (2 retries after the first attempt, 0 ... 10),
/// `base_ms` (200, 1 ... 60000), `max_ms` (5000, base_ms ... 600000): retry n waits a random time in
/// 0 ... min(max_ms, base_ms * 2^(n-1)). Only idempotent requests, only on network errors, timeouts and
/// 5xx; each retry takes a limiter slot again.
///
/// `orders` (unknown sub-keys are an error): `reconcile` (true: journal, look-ups and resends after a
/// lost answer), `reference_field` and `match_field` (`customerPo` or `enduser.customerPo`),
/// `auto_reference` (true), `reference_prefix` (`elko-`), `settle_ms` (2000, 0 ... 600000),
/// `attempt_timeout_ms` (60000, 1 ... 86400000). See `OrderSettings` and `include/elko.h`.
///
/// Unknown keys are an error naming the key. The token never appears in an error message.
public struct Configuration: Sendable {
    public enum Format: String, Sendable { case json, xml }

    public static let regions: [(name: String, url: String)] = [
        ("ua", "https://uaapi.elko.cloud"), ("api", "https://api.elko.cloud"),
    ]
    public static let defaultConnectTimeoutMs = 10_000
    public static let defaultTimeoutMs = 600_000

    /// Without a trailing slash.
    public var baseURL: String
    public var dialect: Dialect
    /// The bare token, without `Bearer `.
    public var token: String
    public var connectTimeoutMs: Int
    public var timeoutMs: Int
    public var format: Format
    public var userAgentApp: String?
    public var paths: [String: PathTemplate]
    public var rateLimit = RateLimitSettings()
    /// Where the shared limiter keeps its files (`state_dir`, else `ELKO_STATE_DIR`); nil = the default.
    public var stateDirectory: String?
    public var retries = RetrySettings()
    public var logLevel = LogLevel.warn
    public var logSink = LogSink.stderr
    public var dryRun = false
    public var orders = OrderSettings()

    public init(
        baseURL: String, dialect: Dialect = .api, token: String,
        connectTimeoutMs: Int = Configuration.defaultConnectTimeoutMs,
        timeoutMs: Int = Configuration.defaultTimeoutMs, format: Format = .json,
        userAgentApp: String? = nil, paths: [String: PathTemplate] = [:]
    ) {
        self.baseURL = baseURL
        self.dialect = dialect
        self.token = token
        self.connectTimeoutMs = connectTimeoutMs
        self.timeoutMs = timeoutMs
        self.format = format
        self.userAgentApp = userAgentApp
        self.paths = paths
    }

    public static let knownKeys: Set<String> = [
        "version", "base_url", "region", "dialect", "token", "token_file", "connect_timeout_ms",
        "timeout_ms", "format", "user_agent_app", "paths", "rate_limit", "retries", "log_level", "log",
        "log_file", "dry_run", "state_dir", "orders",
    ]
    public static let rateLimitKeys: Set<String> = ["requests", "window_ms", "block_ms", "margin", "wait_ms", "shared"]
    public static let retryKeys: Set<String> = ["max", "base_ms", "max_ms"]

    /// Parses options JSON text. `environment` looks up `ELKO_TOKEN` (the process environment by default).
    public static func parse(
        _ text: UnsafeRawBufferPointer, environment: (String) -> String? = Configuration.processEnvironment
    ) -> Result<Configuration, ElkoError> {
        switch JSONValue.parse(text, context: "options", quoteInput: false) {
        case .failure(let e): return .failure(e)
        case .success(let doc): return parse(doc, environment: environment)
        }
    }

    public static func parse(
        _ text: String, environment: (String) -> String? = Configuration.processEnvironment
    ) -> Result<Configuration, ElkoError> {
        Array(text.utf8).withUnsafeBytes { parse($0, environment: environment) }
    }

    public static func processEnvironment(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(validatingCString: p)
    }

    public static func parse(
        _ doc: JSONValue, environment: (String) -> String? = Configuration.processEnvironment
    ) -> Result<Configuration, ElkoError> {
        func fail(_ m: String) -> Result<Configuration, ElkoError> { .failure(.invalidArgument("options: " + m)) }
        guard doc.kind == .object else { return fail("must be a JSON object, e.g. {\"version\": 1, \"region\": \"ua\"}") }
        var values: [String: JSONValue] = [:]
        for (key, value) in doc.objectEntries {
            guard knownKeys.contains(key) else {
                return fail("unknown key \"\(key)\" (known: \(knownKeys.sorted().joined(separator: ", ")))")
            }
            values[key] = value
        }
        func string(_ key: String) -> Result<String?, ElkoError> {
            guard let v = values[key], v.kind != .null else { return .success(nil) }
            guard let s = v.stringValue else { return .failure(.invalidArgument("options: \"\(key)\" must be a string")) }
            return .success(s)
        }
        func milliseconds(_ key: String, default d: Int, max: Int) -> Result<Int, ElkoError> {
            guard let v = values[key], v.kind != .null else { return .success(d) }
            guard let n = v.integerValue, n >= 1, n <= Int64(max) else {
                return .failure(.invalidArgument("options: \"\(key)\" must be a whole number of milliseconds from 1 to \(max)"))
            }
            return .success(Int(n))
        }

        // version
        if let v = values["version"], v.kind != .null {
            guard v.integerValue == 1 else { return fail("\"version\" must be 1 (the only options format so far)") }
        }

        // base_url / region
        let baseURL: String
        var regionName: String?
        do throws(ElkoError) {
            let base = try string("base_url").get()
            let region = try string("region").get()
            switch (base, region) {
            case (.some, .some): return fail("give \"base_url\" or \"region\", not both")
            case (nil, nil): return fail("\"base_url\" or \"region\" is required (region \"ua\" or \"api\")")
            case (.some(let b), nil):
                guard let url = normalizedBaseURL(b) else {
                    return fail("\"base_url\" must be an http:// or https:// URL without spaces, query or fragment")
                }
                baseURL = url
            case (nil, .some(let r)):
                guard let found = regions.first(where: { $0.name == Text.lowercasedASCII(r) }) else {
                    return fail("unknown region \"\(r)\" (known: ua, api)")
                }
                baseURL = found.url
                regionName = found.name
            }

            // dialect
            var dialect: Dialect = regionName == "ua" ? .ua : .api
            if let d = try string("dialect").get() {
                guard let parsed = Dialect(rawValue: Text.lowercasedASCII(d)) else {
                    return fail("unknown dialect \"\(d)\" (known: api, ua)")
                }
                dialect = parsed
            }

            // token (never quoted in a message)
            let inline = try string("token").get()
            let file = try string("token_file").get()
            var raw: String
            switch (inline, file) {
            case (.some, .some): return fail("give \"token\" or \"token_file\", not both")
            case (.some(let t), nil): raw = t
            case (nil, .some(let path)):
                switch readTokenFile(path) {
                case .success(let t): raw = t
                case .failure(let e): return .failure(e)
                }
            case (nil, nil):
                guard let env = environment("ELKO_TOKEN") else {
                    return fail("no token: set \"token\", \"token_file\" or the ELKO_TOKEN environment variable")
                }
                raw = env
            }
            guard let token = normalizedToken(raw) else {
                return fail("the token is empty or holds spaces or control characters (its value is not shown)")
            }

            let connect = try milliseconds("connect_timeout_ms", default: defaultConnectTimeoutMs, max: 600_000).get()
            let total = try milliseconds("timeout_ms", default: defaultTimeoutMs, max: 86_400_000).get()

            var format = Format.json
            if let f = try string("format").get() {
                guard let parsed = Format(rawValue: Text.lowercasedASCII(f)) else {
                    return fail("unknown format \"\(f)\" (known: json, xml)")
                }
                format = parsed
            }

            let app = try string("user_agent_app").get()
            if let app, app.isEmpty || Text.hasControlCharacter(app) {
                return fail("\"user_agent_app\" must be a non-empty string without control characters")
            }

            var paths: [String: PathTemplate] = [:]
            if let p = values["paths"], p.kind != .null {
                guard p.kind == .object else { return fail("\"paths\" must be an object: operation name → path template") }
                for (name, value) in p.objectEntries {
                    guard let op = OperationTable.named(name) else {
                        return fail("\"paths\": unknown operation \"\(name)\"")
                    }
                    guard let t = value.stringValue else { return fail("\"paths\".\"\(name)\" must be a string") }
                    switch validatedTemplate(t, for: op) {
                    case .success(let template): paths[name] = template
                    case .failure(let m): return fail("\"paths\".\"\(name)\": " + m.text)
                    }
                }
            }

            var c = Configuration(
                baseURL: baseURL, dialect: dialect, token: token, connectTimeoutMs: connect,
                timeoutMs: total, format: format, userAgentApp: app, paths: paths)
            c.rateLimit = try parseRateLimit(values["rate_limit"]).get()
            c.retries = try parseRetries(values["retries"]).get()
            c.orders = try OrderSettings.parse(values["orders"]).get()

            if let dir = try string("state_dir").get() ?? environment("ELKO_STATE_DIR").flatMap({ $0.isEmpty ? nil : $0 }) {
                let from = values["state_dir"] != nil ? "\"state_dir\"" : "ELKO_STATE_DIR"
                guard dir.hasPrefix("/"), !Text.hasControlCharacter(dir) else {
                    return fail("\(from) must be an absolute path (it names the directory every process of the token shares)")
                }
                c.stateDirectory = dir
            }

            if let l = try string("log_level").get() {
                guard let level = LogLevel(name: l) else {
                    return fail("unknown \"log_level\" \"\(l)\" (known: off, error, warn, info, debug)")
                }
                c.logLevel = level
            }
            let logTo = try string("log").get()
            let logFile = try string("log_file").get()
            if let logTo, Text.lowercasedASCII(logTo) != "stderr" {
                return fail("\"log\" must be \"stderr\" (for a file give \"log_file\")")
            }
            if let logFile {
                guard logTo == nil else { return fail("give \"log\" or \"log_file\", not both") }
                guard !logFile.isEmpty else { return fail("\"log_file\" must be a path") }
                c.logSink = .file(try LogFile.open(logFile).get())
            }

            if let d = values["dry_run"], d.kind != .null {
                guard let b = d.boolValue else { return fail("\"dry_run\" must be true or false") }
                c.dryRun = b
            }
            return .success(c)
        } catch {
            return .failure(error)
        }
    }

    /// The members of a sub-object, refusing unknown keys and values that are not whole numbers.
    static func integers(
        _ v: JSONValue?, key: String, known: Set<String>, booleans: Set<String> = []
    ) -> Result<[String: Int64], ElkoError> {
        guard let v, v.kind != .null else { return .success([:]) }
        guard v.kind == .object else {
            return .failure(.invalidArgument("options: \"\(key)\" must be an object with the keys \(known.sorted().joined(separator: ", "))"))
        }
        var out: [String: Int64] = [:]
        for (k, value) in v.objectEntries {
            guard known.contains(k) else {
                return .failure(.invalidArgument("options: unknown key \"\(key).\(k)\" (known: \(known.sorted().joined(separator: ", ")))"))
            }
            if booleans.contains(k) {
                guard let b = value.boolValue else {
                    return .failure(.invalidArgument("options: \"\(key).\(k)\" must be true or false"))
                }
                out[k] = b ? 1 : 0
                continue
            }
            guard let n = value.integerValue else {
                return .failure(.invalidArgument("options: \"\(key).\(k)\" must be a whole number"))
            }
            out[k] = n
        }
        return .success(out)
    }

    static func parseRateLimit(_ v: JSONValue?) -> Result<RateLimitSettings, ElkoError> {
        let m: [String: Int64]
        switch integers(v, key: "rate_limit", known: rateLimitKeys, booleans: ["shared"]) {
        case .success(let x): m = x
        case .failure(let e): return .failure(e)
        }
        func bad(_ k: String, _ range: String) -> Result<RateLimitSettings, ElkoError> {
            .failure(.invalidArgument("options: \"rate_limit.\(k)\" must be from \(range)"))
        }
        var s = RateLimitSettings()
        if let n = m["requests"] { guard (1...100_000).contains(n) else { return bad("requests", "1 to 100000") }; s.requests = Int(n) }
        if let n = m["window_ms"] { guard (1...3_600_000).contains(n) else { return bad("window_ms", "1 to 3600000") }; s.windowMs = n }
        if let n = m["block_ms"] { guard (0...86_400_000).contains(n) else { return bad("block_ms", "0 to 86400000") }; s.blockMs = n }
        if let n = m["wait_ms"] { guard (0...86_400_000).contains(n) else { return bad("wait_ms", "0 to 86400000") }; s.waitMs = n }
        if let n = m["shared"] { s.shared = n != 0 }
        if let n = m["margin"] {
            guard n >= 0, n < Int64(s.requests) else { return bad("margin", "0 to requests - 1 (\(s.requests - 1))") }
            s.margin = Int(n)
        } else if s.margin >= s.requests {
            s.margin = s.requests - 1  // a limit of 1 or 2 requests has no room for the default margin
        }
        return .success(s)
    }

    static func parseRetries(_ v: JSONValue?) -> Result<RetrySettings, ElkoError> {
        let m: [String: Int64]
        switch integers(v, key: "retries", known: retryKeys) {
        case .success(let x): m = x
        case .failure(let e): return .failure(e)
        }
        func bad(_ k: String, _ range: String) -> Result<RetrySettings, ElkoError> {
            .failure(.invalidArgument("options: \"retries.\(k)\" must be from \(range)"))
        }
        var s = RetrySettings()
        if let n = m["max"] { guard (0...10).contains(n) else { return bad("max", "0 to 10") }; s.max = Int(n) }
        if let n = m["base_ms"] { guard (1...60_000).contains(n) else { return bad("base_ms", "1 to 60000") }; s.baseMs = n }
        if let n = m["max_ms"] {
            guard n >= s.baseMs, n <= 600_000 else { return bad("max_ms", "base_ms (\(s.baseMs)) to 600000") }
            s.maxMs = n
        } else if s.maxMs < s.baseMs {
            s.maxMs = s.baseMs
        }
        return .success(s)
    }

    /// `http(s)://host[:port][/prefix]` without a trailing slash, or nil.
    static func normalizedBaseURL(_ s: String) -> String? {
        let lower = Text.lowercasedASCII(s)
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        guard !s.utf8.contains(where: { $0 <= 32 || $0 == 127 || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
        else { return nil }
        var u = Array(s.utf8)
        while u.last == UInt8(ascii: "/") { u.removeLast() }
        let out = String(decoding: u, as: UTF8.self)
        let schemeEnd = lower.hasPrefix("https://") ? 8 : 7
        return u.count > schemeEnd ? out : nil
    }

    /// Strips whitespace and a `Bearer ` prefix; nil if nothing usable remains.
    static func normalizedToken(_ raw: String) -> String? {
        var t = Text.trimmed(raw)
        if Text.hasPrefixIgnoringASCIICase(t, "Bearer ") {
            t = Text.trimmed(String(decoding: t.utf8.dropFirst(7), as: UTF8.self))
        }
        guard !t.isEmpty, !t.utf8.contains(where: { $0 <= 32 || $0 == 127 }) else { return nil }
        return t
    }

    static func readTokenFile(_ path: String) -> Result<String, ElkoError> {
        guard let f = fopen(path, "rb") else {
            return .failure(.invalidArgument("options: cannot open \"token_file\" \(path) (errno \(errno))"))
        }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { bytes += chunk[0..<n] }
            if n < chunk.count { break }
            if bytes.count > 65_536 {
                return .failure(.invalidArgument("options: \"token_file\" \(path) is too large to hold a token"))
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.invalidArgument("options: \"token_file\" \(path) is not UTF-8 text"))
        }
        return .success(text)
    }

    /// A template must start with `/` and name exactly the operation's path parameters.
    static func validatedTemplate(_ t: String, for op: Operation) -> Result<PathTemplate, Problem> {
        guard t.hasPrefix("/"), !t.utf8.contains(where: { $0 <= 32 || $0 == 127 || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
        else { return .failure(Problem("a path template starts with / and has no spaces, query or fragment")) }
        let template = PathTemplate(t)
        let expected = Set(op.parameters.filter { $0.location == .path }.map(\.name))
        let given = Set(template.parameterNames)
        guard expected == given else {
            let names = expected.sorted().map { "{\($0)}" }.joined(separator: ", ")
            return .failure(Problem("the template must hold exactly the path parameters \(names.isEmpty ? "(none)" : names)"))
        }
        return .success(template)
    }

    /// The path template of an operation: the override, else the dialect's.
    public func template(for op: Operation) -> PathTemplate {
        paths[op.name] ?? op.path(for: dialect)
    }

    /// A reason without an error code, turned into an `ElkoError` by the caller.
    struct Problem: Error { let text: String; init(_ t: String) { text = t } }
}
