import ElkoAPI
import HTTPTypes
import Hummingbird

/// `/_sandbox/...`: companies, tokens, allow-lists, reset, time scale, faults, counters. Refused unless
/// the sandbox was started with the admin API enabled, and only to loopback clients (never trusting
/// `X-Forwarded-For`).
///
///     GET    /_sandbox/state                       configuration summary, companies, counters
///     GET    /_sandbox/counters   DELETE …         per-token request counters (reset with DELETE)
///     POST   /_sandbox/reset                       back to the state at start
///     GET    /_sandbox/time-scale PUT {"timeScale": 0.01}
///     GET    /_sandbox/faults     POST {"fault": "error500", "count": 2, "operation": "orders.create"}   DELETE …
///     GET    /_sandbox/companies  POST {"accountNo", "name", "username", "password", "allowList"}
///     GET    /_sandbox/companies/{accountNo}/token   the active token
///     POST   /_sandbox/companies/{accountNo}/token   issue a new one (the old stops working)
///     PUT    /_sandbox/companies/{accountNo}/allow-list {"allowList": ["10.0.0.0/8", "::1"]}
///     GET    /_sandbox/operations                  the operation table
extension Sandbox {
    func adminReply(_ request: Request, path: Substring, body: [UInt8]?, context: SandboxContext) -> Reply {
        guard configuration.admin else {
            return .error(.init(403, "The sandbox admin API is disabled; start the sandbox with --admin."))
        }
        guard let peer = context.channel.remoteAddress?.ipAddress.flatMap({ IPAddress($0) }), peer.isLoopback else {
            return .error(.init(403, "The sandbox admin API answers loopback clients only."))
        }
        let parts = path.split(separator: "/").dropFirst().map { $0.lowercased() }
        let method = request.method.rawValue
        do {
            return try admin(method: method, parts: Array(parts), rawParts: path.split(separator: "/").dropFirst().map(String.init), body: body)
        } catch {
            return .error(error)
        }
    }

    private func admin(method: String, parts: [String], rawParts: [String], body: [UInt8]?) throws(APIError) -> Reply {
        func json() throws(APIError) -> JSON {
            guard let body, !body.isEmpty else { throw .badRequest("A JSON body is required.") }
            do { return try JSON.parse(body) } catch { throw .badRequest("The body is not valid JSON: \(error)") }
        }
        func ok(_ v: JSON) -> Reply { .json(v, root: "Admin") }
        switch (method, parts) {
        case ("GET", ["state"]):
            return ok(.object([
                ("products", .int(state.catalog.products.count)), ("esdProducts", .int(state.catalog.esdProducts.count)),
                ("timeScale", .double(state.data.withLock { $0.timeScale })),
                ("rateLimit", .object([
                    ("requests", .int(configuration.rateLimit.requests)),
                    ("windowSeconds", .double(configuration.rateLimit.windowSeconds)),
                    ("blockSeconds", .double(configuration.rateLimit.blockSeconds)),
                    ("sliding", .bool(configuration.rateLimit.sliding)),
                ])),
                ("companies", companiesJSON()), ("counters", countersJSON()),
            ]))
        case ("GET", ["counters"]):
            return ok(countersJSON())
        case ("DELETE", ["counters"]):
            state.data.withLock { $0.counters = [:]; $0.anonymousRejections = 0 }
            return ok(countersJSON())
        case ("POST", ["reset"]):
            state.reset()
            return ok(.object([("reset", .bool(true))]))
        case ("GET", ["time-scale"]):
            return ok(.object([("timeScale", .double(state.data.withLock { $0.timeScale }))]))
        case ("PUT", ["time-scale"]), ("POST", ["time-scale"]):
            guard let v = try json()["timeScale"]?.doubleValue, v >= 0.0001, v <= 1000 else {
                throw .badRequest("\"timeScale\" must be a number between 0.0001 and 1000.")
            }
            state.data.withLock { $0.timeScale = v }
            return ok(.object([("timeScale", .double(v))]))
        case ("GET", ["faults"]):
            return ok(.array(state.data.withLock { $0.pendingFaults }.map { .string($0.description) }))
        case ("POST", ["faults"]):
            let doc = try json()
            guard let text = doc["fault"]?.stringValue, let fault = Fault(text) else {
                throw .badRequest("\"fault\" must be one of latency=MS, error500, reset, truncate, slow=MS, reset-after, hang-after=MS, error500-after.")
            }
            let count = doc["count"]?.intValue ?? 1
            guard count >= 1, count <= 100_000 else { throw .badRequest("\"count\" must be between 1 and 100000.") }
            var operation: String?
            if let o = doc["operation"], !o.isNull {
                guard let name = o.stringValue, OperationTable.named(name) != nil else {
                    throw .badRequest("\"operation\" must name an operation of the table (GET /_sandbox/operations).")
                }
                operation = OperationTable.named(name)?.name
            }
            let pending = state.data.withLock { d in
                d.pendingFaults += Array(repeating: PendingFault(fault, operation: operation), count: count)
                return d.pendingFaults.count
            }
            return ok(.object([("pending", .int(pending))]))
        case ("DELETE", ["faults"]):
            state.data.withLock { $0.pendingFaults = [] }
            return ok(.object([("pending", .int(0))]))
        case ("GET", ["companies"]):
            return ok(companiesJSON())
        case ("POST", ["companies"]):
            let company: SandboxConfiguration.Company
            do { company = try SandboxConfiguration.company(try json()) } catch let e as SandboxConfigurationError {
                throw .badRequest(e.message)
            } catch let e as APIError { throw e } catch { throw .badRequest("\(error)") }
            var companyState: CompanyState
            do { companyState = try CompanyState(company) } catch { throw .badRequest("\(error)") }
            let created = state.data.withLock { d in
                guard d.companies[company.accountNo] == nil else { return false }
                companyState.issuedSerials = 1
                companyState.activeSerial = 1
                d.companies[company.accountNo] = companyState
                return true
            }
            guard created else { throw .badRequest("Company \(company.accountNo) exists already.") }
            return ok(.object([("accountNo", .string(company.accountNo)),
                               ("token", .string(state.activeToken(accountNo: company.accountNo) ?? ""))]))
        case ("GET", let p) where p.count == 3 && p[0] == "companies" && p[2] == "token":
            guard let token = state.activeToken(accountNo: rawParts[1]) else { throw .notFound("Company \(rawParts[1]) was not found.") }
            return ok(.object([("accountNo", .string(rawParts[1])), ("token", .string(token))]))
        case ("POST", let p) where p.count == 3 && p[0] == "companies" && p[2] == "token":
            guard let token = state.rotateToken(accountNo: rawParts[1], clientIP: nil) else {
                throw .notFound("Company \(rawParts[1]) was not found.")
            }
            return ok(.object([("accountNo", .string(rawParts[1])), ("token", .string(token))]))
        case ("PUT", let p) where p.count == 3 && p[0] == "companies" && p[2] == "allow-list":
            guard let list = try json()["allowList"]?.arrayValue else { throw .badRequest("\"allowList\" must be an array of strings.") }
            let entries = list.compactMap(\.stringValue)
            guard entries.count == list.count else { throw .badRequest("\"allowList\" must be an array of strings.") }
            let parsed: IPAllowList
            do { parsed = try IPAllowList(entries) } catch { throw .badRequest("\(error)") }
            let found = state.data.withLock { d in
                guard d.companies[rawParts[1]] != nil else { return false }
                d.companies[rawParts[1]]?.allowList = parsed
                d.companies[rawParts[1]]?.config.allowList = entries
                return true
            }
            guard found else { throw .notFound("Company \(rawParts[1]) was not found.") }
            return ok(.object([("accountNo", .string(rawParts[1])), ("allowList", .array(entries.map { .string($0) }))]))
        case ("GET", ["operations"]):
            return ok(.array(OperationTable.all.map { op in
                .object([
                    ("name", .string(op.name)), ("method", .string(op.method.rawValue)),
                    ("api", .string(op.apiPath.template)), ("ua", .string(op.uaPath.template)),
                    ("idempotent", .bool(op.idempotent)), ("list", .bool(op.answersList)),
                    ("evidence", .string(op.evidence.rawValue)), ("summary", .string(op.summary)),
                ])
            }))
        default:
            throw .notFound("Unknown sandbox admin path.")
        }
    }

    func companiesJSON() -> JSON {
        .array(state.data.withLock { d in
            d.companies.values.sorted { $0.accountNo < $1.accountNo }.map { c in
                .object([
                    ("accountNo", .string(c.accountNo)), ("name", .string(c.config.name)),
                    ("username", .string(c.config.username)), ("activeTokenSerial", .int(c.activeSerial)),
                    ("allowList", .array(c.config.allowList.map { .string($0) })),
                ])
            }
        })
    }

    /// Per-token counters, keyed `<accountNo>@<serial>` (the token itself never appears).
    func countersJSON() -> JSON {
        let now = state.clock.now()
        return state.data.withLock { d in
            .object([
                ("anonymousRejections", .int(d.anonymousRejections)),
                ("tokens", .object(d.counters.sorted { $0.key < $1.key }.map { key, c in
                    (key, .object([
                        ("total", .int(c.total)), ("served", .int(c.served)), ("exceeded", .int(c.exceeded)),
                        ("blocked", .int(c.blocked)), ("forbidden", .int(c.exceeded + c.blocked)),
                        ("inWindow", .int(c.inWindow)),
                        ("blockedForMs", .int(max(0, Int(((c.blockedUntil - now) * 1000).rounded(.up))))),
                    ]))
                })),
            ])
        }
    }
}
