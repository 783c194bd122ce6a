import ElkoAPI

/// Everything the sandbox can be told, by command-line flags or by a JSON file (the same names).
/// Defaults reproduce what ELKO's guide states; `[?]` choices are marked where the real API is unknown.
public struct SandboxConfiguration: Sendable {
    public struct RateLimit: Sendable, Equatable {
        /// Requests allowed per window (guide: 50).
        public var requests: Int = 50
        /// Window length in sandbox seconds (guide: 10).
        public var windowSeconds: Double = 10
        /// How long every request of the token is refused after the limit was exceeded (guide: 1 minute).
        public var blockSeconds: Double = 60
        /// `sliding` (default; the stricter reading) or `fixed` windows [?].
        public var sliding: Bool = true
        /// Send `Retry-After` on a limit 403. Off by default: ELKO is not known to send it [?].
        public var retryAfterHeader: Bool = false
        public init() {}
    }

    public struct Company: Sendable, Equatable {
        public var accountNo: String
        public var name: String
        public var username: String
        public var password: String
        /// Single IPv4/IPv6 addresses, CIDR ranges or `first-last` ranges.
        public var allowList: [String]
        public init(accountNo: String, name: String, username: String, password: String, allowList: [String]) {
            self.accountNo = accountNo
            self.name = name
            self.username = username
            self.password = password
            self.allowList = allowList
        }
    }

    public var host: String = "127.0.0.1"
    /// 0 picks a free port (the first stdout line says which).
    public var port: Int = 8080
    public var catalog = CatalogOptions()
    /// Multiplies every duration of the rules (window, block, reservation expiry): 0.01 makes the
    /// 10-second window last 0.1 s. Tests use it; 1 is real time.
    public var timeScale: Double = 1
    public var rateLimit = RateLimit()
    /// Enables `/_sandbox/` (answered to loopback clients only).
    public var admin: Bool = false
    /// Take the client address from `X-Forwarded-For` (tests of the IP allow-list).
    public var trustForwardedFor: Bool = false
    /// Honour the `X-Sandbox-Fault` request header.
    public var faultHeader: Bool = true
    /// `auto` (nested for the "api" dialect, flat for "ua"), `nested` or `flat` [?].
    public var descriptionShape: String = "auto"
    /// Body of a 403 for a missing, invalid or deactivated token: `empty` (seen from the real API) or `text`.
    public var tokenRejectionBody: String = "empty"
    /// HS256 key for tokens; random per start when empty.
    public var tokenSecret: String = ""
    /// Reservation lifetime in sandbox hours, unless the request asks for another.
    public var reservationHours: Double = 24
    public var companies: [Company] = [SandboxConfiguration.demoCompany]
    /// Operation name → path template that replaces the table's (both dialects).
    public var paths: [String: String] = [:]

    public static let demoCompany = Company(
        accountNo: "700001", name: "Demo Partner LLC", username: "demo", password: "demo",
        allowList: ["127.0.0.0/8", "::1"])

    public init() {}

    /// Reads a configuration file: a JSON object with any of the keys below. Unknown keys are an error.
    public static func load(json text: [UInt8], base: SandboxConfiguration = SandboxConfiguration())
        throws(SandboxConfigurationError) -> SandboxConfiguration
    {
        let doc: JSON
        do { doc = try JSON.parse(text) } catch { throw .init("configuration is not valid JSON: \(error)") }
        guard let members = doc.objectValue else { throw .init("configuration must be a JSON object") }
        var c = base
        for (key, value) in members {
            switch key {
            case "host": c.host = try string(value, key)
            case "port": c.port = try int(value, key, 0...65535)
            case "products": c.catalog.products = try int(value, key, 10...500_000)
            case "seed": c.catalog.seed = UInt64(try int(value, key, 0...Int.max))
            case "catalogFile": c.catalog.fixturePath = try string(value, key)
            case "esdProducts": c.catalog.esdProducts = try int(value, key, 0...10_000)
            case "timeScale": c.timeScale = try double(value, key, 0.0001...1000)
            case "admin": c.admin = try bool(value, key)
            case "trustForwardedFor": c.trustForwardedFor = try bool(value, key)
            case "faultHeader": c.faultHeader = try bool(value, key)
            case "descriptionShape": c.descriptionShape = try oneOf(value, key, ["auto", "nested", "flat"])
            case "tokenRejectionBody": c.tokenRejectionBody = try oneOf(value, key, ["empty", "text"])
            case "tokenSecret": c.tokenSecret = try string(value, key)
            case "reservationHours": c.reservationHours = try double(value, key, 0.001...10_000)
            case "rateLimit": c.rateLimit = try rateLimit(value)
            case "companies":
                guard let list = value.arrayValue else { throw .init("\"companies\" must be an array") }
                c.companies = try list.map(company)
            case "paths":
                guard let obj = value.objectValue else { throw .init("\"paths\" must be an object") }
                c.paths = [:]
                for (name, path) in obj {
                    guard OperationTable.named(name) != nil else { throw .init("\"paths\": unknown operation \"\(name)\"") }
                    c.paths[name] = try string(path, "paths.\(name)")
                }
            default: throw .init("unknown configuration key \"\(key)\"")
            }
        }
        try c.validate()
        return c
    }

    /// Checks what flags and files cannot: company ids unique, allow-lists parse.
    public func validate() throws(SandboxConfigurationError) {
        var seen = Set<String>()
        for company in companies {
            guard !company.accountNo.isEmpty else { throw .init("a company needs an accountNo") }
            guard seen.insert(company.accountNo).inserted else {
                throw .init("company \(company.accountNo) is listed twice")
            }
            do { _ = try IPAllowList(company.allowList) } catch {
                throw .init("company \(company.accountNo): \(error)")
            }
        }
        if rateLimit.requests < 1 { throw .init("rateLimit.requests must be at least 1") }
    }

    private static func rateLimit(_ v: JSON) throws(SandboxConfigurationError) -> RateLimit {
        guard let members = v.objectValue else { throw .init("\"rateLimit\" must be an object") }
        var r = RateLimit()
        for (key, value) in members {
            switch key {
            case "requests": r.requests = try int(value, "rateLimit.requests", 1...1_000_000)
            case "windowSeconds": r.windowSeconds = try double(value, "rateLimit.windowSeconds", 0.001...86_400)
            case "blockSeconds": r.blockSeconds = try double(value, "rateLimit.blockSeconds", 0...86_400)
            case "sliding": r.sliding = try bool(value, "rateLimit.sliding")
            case "retryAfterHeader": r.retryAfterHeader = try bool(value, "rateLimit.retryAfterHeader")
            default: throw .init("unknown configuration key \"rateLimit.\(key)\"")
            }
        }
        return r
    }

    static func company(_ v: JSON) throws(SandboxConfigurationError) -> Company {
        guard let members = v.objectValue else { throw .init("each company must be an object") }
        var c = Company(accountNo: "", name: "", username: "", password: "", allowList: [])
        for (key, value) in members {
            switch key {
            case "accountNo": c.accountNo = try string(value, "company.accountNo")
            case "name": c.name = try string(value, "company.name")
            case "username": c.username = try string(value, "company.username")
            case "password": c.password = try string(value, "company.password")
            case "allowList":
                guard let list = value.arrayValue else { throw .init("\"company.allowList\" must be an array of strings") }
                c.allowList = try list.map { e throws(SandboxConfigurationError) in try string(e, "company.allowList") }
            default: throw .init("unknown configuration key \"company.\(key)\"")
            }
        }
        if c.accountNo.isEmpty { throw .init("a company needs an accountNo") }
        if c.name.isEmpty { c.name = "Company \(c.accountNo)" }
        return c
    }

    static func string(_ v: JSON, _ key: String) throws(SandboxConfigurationError) -> String {
        guard let s = v.stringValue else { throw .init("\"\(key)\" must be a string") }
        return s
    }

    static func bool(_ v: JSON, _ key: String) throws(SandboxConfigurationError) -> Bool {
        guard let b = v.boolValue else { throw .init("\"\(key)\" must be true or false") }
        return b
    }

    static func int(_ v: JSON, _ key: String, _ range: ClosedRange<Int>) throws(SandboxConfigurationError) -> Int {
        guard case .number = v, let i = v.intValue else { throw .init("\"\(key)\" must be a whole number") }
        guard range.contains(i) else { throw .init("\"\(key)\" must be between \(range.lowerBound) and \(range.upperBound)") }
        return i
    }

    static func double(_ v: JSON, _ key: String, _ range: ClosedRange<Double>) throws(SandboxConfigurationError) -> Double {
        guard case .number = v, let d = v.doubleValue else { throw .init("\"\(key)\" must be a number") }
        guard range.contains(d) else { throw .init("\"\(key)\" must be between \(range.lowerBound) and \(range.upperBound)") }
        return d
    }

    static func oneOf(_ v: JSON, _ key: String, _ values: [String]) throws(SandboxConfigurationError) -> String {
        let s = try string(v, key)
        guard values.contains(s) else { throw .init("\"\(key)\" must be one of \(values.joined(separator: ", "))") }
        return s
    }
}

public struct SandboxConfigurationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
