import ArgumentParser
import ElkoAPI
import ElkoSandbox
import Glibc

@main
struct Elko: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elko",
        abstract: "ELKO eCommerce API v3 tools: a local sandbox server and the operation table.",
        subcommands: [SandboxCommand.self, CallCommand.self, OrdersCommand.self, OperationsCommand.self])
}

/// `elko sandbox`: a faithful local ELKO API. Its first stdout line is a JSON object with `url` and `token`.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local ELKO API v3 sandbox (token, IP allow-list, 50 per 10 s limit, orders, faults).",
        discussion: """
            The first line on stdout is one JSON object: {"url", "token", "accountNo", "username", \
            "password", "admin", ...}. Flags override the configuration file's keys of the same name.
            """)

    @Option(help: "A JSON configuration file (same keys as the flags, plus companies, rateLimit, paths).")
    var config: String?
    @Option(help: "Address to bind (default 127.0.0.1; loopback unless you say otherwise).")
    var host: String?
    @Option(help: "Port; 0 picks a free one (default 8080).")
    var port: Int?
    @Option(help: "Number of generated products, 10 to 500000 (default 2000).")
    var products: Int?
    @Option(help: "Seed of the generated catalog (default 42).")
    var seed: Int?
    @Option(name: .customLong("catalog-file"), help: "Serve this real UA-dialect product dump as the catalog.")
    var catalogFile: String?
    @Option(name: .customLong("time-scale"), help: "Multiply every rule duration: 0.01 makes the 10 s window 0.1 s.")
    var timeScale: Double?
    @Flag(help: "Enable the /_sandbox/ admin API (loopback clients only).")
    var admin = false
    @Flag(name: .customLong("trust-forwarded-for"), help: "Take the client address from X-Forwarded-For (tests).")
    var trustForwardedFor = false
    @Option(name: .customLong("description-shape"), help: "auto, nested or flat descriptions (default auto).")
    var descriptionShape: String?
    @Option(name: .customLong("token-secret"), help: "HS256 key for tokens (random per start when omitted).")
    var tokenSecret: String?
    @Flag(name: .customLong("warm"), help: "Prepare the full-catalog bodies before answering.")
    var warm = false

    func run() async throws {
        var c = SandboxConfiguration()
        if let config {
            guard let bytes = readFile(config) else { throw ValidationError("cannot read configuration file \(config)") }
            do { c = try SandboxConfiguration.load(json: bytes) } catch { throw ValidationError("\(config): \(error)") }
        }
        if let host { c.host = host }
        if let port {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            c.port = port
        }
        if let products { c.catalog.products = products }
        if let seed { c.catalog.seed = UInt64(max(0, seed)) }
        if let catalogFile { c.catalog.fixturePath = catalogFile }
        if let timeScale {
            guard timeScale >= 0.0001, timeScale <= 1000 else { throw ValidationError("--time-scale must be between 0.0001 and 1000") }
            c.timeScale = timeScale
        }
        if admin { c.admin = true }
        if trustForwardedFor { c.trustForwardedFor = true }
        if let descriptionShape {
            guard ["auto", "nested", "flat"].contains(descriptionShape) else {
                throw ValidationError("--description-shape must be auto, nested or flat")
            }
            c.descriptionShape = descriptionShape
        }
        if let tokenSecret { c.tokenSecret = tokenSecret }

        let sandbox: Sandbox
        do { sandbox = try Sandbox(configuration: c) } catch { throw ValidationError("\(error)") }
        if warm { sandbox.warmUp() }
        let company = c.companies.first
        let token = sandbox.token
        let settings = c
        try await sandbox.run { port in
            let c = settings
            let host = c.host.contains(":") ? "[\(c.host)]" : c.host
            let url = "http://\(host):\(port)"
            var fields: [(String, String)] = [("url", "\"\(url)\"")]
            fields.append(("token", token.map { "\"\($0)\"" } ?? "null"))
            if let company {
                fields.append(("accountNo", jsonString(company.accountNo)))
                fields.append(("username", jsonString(company.username)))
                fields.append(("password", jsonString(company.password)))
            }
            fields.append(("apiBase", "\"\(url)/v3.0/api\""))
            fields.append(("uaBase", "\"\(url)/v3.0\""))
            fields.append(("admin", c.admin ? "\"\(url)/_sandbox\"" : "null"))
            fields.append(("products", String(c.catalog.products)))
            fields.append(("timeScale", String(c.timeScale)))
            print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
            fflush(nil)
        }
    }
}

/// `elko operations`: the operation table, one line each (or JSON with --json).
struct OperationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "operations", abstract: "List every ELKO operation.")
    @Option(help: "Dialect whose paths to show: api or ua.")
    var dialect: String = "api"

    func run() throws {
        guard let d = Dialect(rawValue: dialect) else { throw ValidationError("--dialect must be api or ua") }
        for op in OperationTable.all {
            let flags = [op.idempotent ? "idempotent" : nil, op.answersList ? "list" : nil].compactMap { $0 }
            print("\(op.name.padding(24)) \(op.method.rawValue.padding(6)) \(op.path(for: d).template.padding(56)) [\(op.evidence.rawValue)] \(flags.joined(separator: ","))")
        }
    }
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where ch.value < 0x20: out += "\\u00" + (ch.value < 16 ? "0" : "") + String(ch.value, radix: 16)
        default: out.unicodeScalars.append(ch)
        }
    }
    return out + "\""
}

func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n > 0 { out.append(contentsOf: buf[0..<n]) }
        if n < buf.count { break }
    }
    return ferror(f) == 0 ? out : nil
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
