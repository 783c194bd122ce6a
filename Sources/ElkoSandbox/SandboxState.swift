import Glibc
import Synchronization

/// An error the API answers with: ELKO-style plain text and a status code.
struct APIError: Error, Sendable {
    let status: Int
    let message: String
    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
    static func badRequest(_ m: String) -> APIError { APIError(400, m) }
    static func notFound(_ m: String) -> APIError { APIError(404, m) }
}

/// Everything that changes while the sandbox runs. One lock guards it; each request holds it briefly.
struct StateData: Sendable {
    var companies: [String: CompanyState] = [:]
    /// Per token identity (`<accountNo>@<serial>`, never the token itself).
    var counters: [String: RateLimitCounter] = [:]
    /// Available stock that differs from the catalog's initial stock.
    var stock: [Int: Int] = [:]
    /// Bumped on every stock move; the prepared catalog bodies are rebuilt when it changes.
    var stockVersion = 0
    var orders: [Int: Order] = [:]
    var nextOrderId = 5_000_001
    var reservations: [Int: Reservation] = [:]
    var nextReservationId = 900_001
    /// Faults for the next requests, consumed in order (one aimed at an operation waits for it).
    var pendingFaults: [PendingFault] = []

    /// Takes the first pending fault meant for a request of `operation`.
    mutating func takeFault(for operation: String) -> Fault? {
        guard let i = pendingFaults.firstIndex(where: { $0.operation == nil || $0.operation == operation }) else { return nil }
        return pendingFaults.remove(at: i).fault
    }
    var timeScale: Double = 1
    /// Requests refused before a token was known (no token, bad token, unknown path...).
    var anonymousRejections = 0

    func available(_ p: Product) -> Int { stock[p.elkoCode] ?? p.initialStock }

    mutating func move(_ code: Int, by delta: Int, catalog: Catalog) {
        guard let p = catalog.product(elkoCode: code) else { return }
        stock[code] = available(p) + delta
        stockVersion += 1
    }

    /// Quantity held by active reservations, per ELKO code (expired ones are released first).
    mutating func reservedByCode(now: Double, catalog: Catalog) -> [Int: Int] {
        expireReservations(now: now, catalog: catalog)
        var reserved: [Int: Int] = [:]
        for r in reservations.values where r.status == .active {
            for line in r.lines { reserved[line.elkoCode, default: 0] += line.quantity }
        }
        return reserved
    }
}

/// The sandbox's monotonic clock, in real seconds since start.
struct SandboxClock: Sendable {
    private let start = ContinuousClock.now
    func now() -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Wall-clock time as ISO 8601 (`2026-11-29T10:15:00Z`), for order and reservation dates.
    static func isoNow(plusSeconds: Double = 0) -> String {
        var t = time(nil) + time_t(plusSeconds.rounded())
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }
}

/// The shared state of one running sandbox: configuration, catalog and the locked mutable part.
final class SandboxState: Sendable {
    let configuration: SandboxConfiguration
    let catalog: Catalog
    let tokens: TokenAuthority
    let clock = SandboxClock()
    let data: Mutex<StateData>
    private let initial: StateData

    init(configuration: SandboxConfiguration, catalog: Catalog) throws {
        self.configuration = configuration
        self.catalog = catalog
        self.tokens = TokenAuthority(secret: configuration.tokenSecret)
        var d = StateData()
        d.timeScale = configuration.timeScale
        for c in configuration.companies {
            var company = try CompanyState(c)
            company.issuedSerials = 1
            company.activeSerial = 1
            d.companies[c.accountNo] = company
        }
        self.initial = d
        self.data = Mutex(d)
    }

    /// The active token of a company (tokens are deterministic for a given secret and serial).
    func activeToken(accountNo: String) -> String? {
        data.withLock { d in
            guard let c = d.companies[accountNo], c.activeSerial > 0 else { return nil }
            return tokens.token(accountNo: accountNo, serial: c.activeSerial, clientIP: nil)
        }
    }

    /// Issues a new token for the company; the previous one stops working at once.
    func rotateToken(accountNo: String, clientIP: String?) -> String? {
        data.withLock { d in
            guard var c = d.companies[accountNo] else { return nil }
            c.issuedSerials += 1
            c.activeSerial = c.issuedSerials
            d.companies[accountNo] = c
            return tokens.token(accountNo: accountNo, serial: c.activeSerial, clientIP: clientIP)
        }
    }

    /// Back to the state at start: companies and their first tokens, stock, no orders, no counters.
    func reset() {
        data.withLock { d in
            let scale = d.timeScale
            d = initial
            d.timeScale = scale
        }
    }
}
