import ElkoAPI

/// The library version (`elko_version`).
public let elkoVersion = "0.1.0"

/// A client of one ELKO account. Immutable after creation (but for the log sink) and safe to share
/// between threads: each thread sends on its own libcurl handle; the limiter's state is in its store.
public final class Client: Sendable {
    public let configuration: Configuration
    let builder: RequestBuilder
    let userAgent: String
    /// The rate limiter in front of every request; its state is shared by every client of the same
    /// token that uses the same store.
    public let limiter: RateLimiter
    public let logger: Logger
    /// A random backoff in 0 ... ceiling (ms) and a way to wait; tests inject their own.
    let jitter: @Sendable (Int64) -> Int64
    let sleep: @Sendable (Int64) -> Void
    let clock: @Sendable () -> Int64

    /// A client whose limiter shares its budget with every process of the machine that uses the token
    /// (`FileRateLimitStore` in `state_dir`), or, with `"rate_limit": {"shared": false}`, with the
    /// clients of this process only (`InProcessRateLimitStore.shared`).
    public convenience init(configuration: Configuration) {
        let logger = Logger(level: configuration.logLevel, sink: configuration.logSink, secret: configuration.token)
        self.init(
            configuration: configuration, rateLimitStore: Self.defaultStore(configuration, logger: logger),
            logger: logger)
    }

    /// The store a client of this configuration uses by default. A file store per client, so that its
    /// warnings (a damaged file, the fallback, said once) go to this client's log.
    public static func defaultStore(_ configuration: Configuration, logger: Logger) -> any RateLimitStore {
        guard configuration.rateLimit.shared else { return InProcessRateLimitStore.shared }
        return FileRateLimitStore(
            directory: configuration.stateDirectory, assumeFullWindow: configuration.rateLimit.requests,
            warn: { logger.log(.warn, "rate limiter: " + $0) })
    }

    public init(
        configuration: Configuration, rateLimitStore: any RateLimitStore,
        jitter: @escaping @Sendable (Int64) -> Int64 = { $0 <= 0 ? 0 : Int64.random(in: 0...$0) },
        sleep: @escaping @Sendable (Int64) -> Void = { MonotonicClock.sleep(ms: $0) },
        clock: @escaping @Sendable () -> Int64 = MonotonicClock.nowMs,
        logger: Logger? = nil
    ) {
        self.configuration = configuration
        self.builder = RequestBuilder(configuration: configuration)
        var ua = "elko/\(elkoVersion)"
        if let app = configuration.userAgentApp { ua += " " + app }
        self.userAgent = ua
        self.limiter = RateLimiter(
            settings: configuration.rateLimit, store: rateLimitStore, key: RateLimitKey(token: configuration.token))
        self.logger = logger ?? Logger(level: configuration.logLevel, sink: configuration.logSink, secret: configuration.token)
        self.jitter = jitter
        self.sleep = sleep
        self.clock = clock
    }

    /// Per-call settings that override the client's.
    public struct CallOptions: Sendable {
        /// How long this call may wait for a limiter slot (0 = fail fast); nil = the client's
        /// `rate_limit.wait_ms`. Never beyond the call's total timeout.
        public var waitMs: Int64?
        /// The call's total timeout in milliseconds; nil = the client's `timeout_ms`.
        public var timeoutMs: Int?
        /// The answer format asked for; nil = the client's `format` (order look-ups read JSON always).
        public var format: Configuration.Format?
        /// A send of an order's body (Client+Orders), which settles a lost answer itself.
        var placing = false
        public init(waitMs: Int64? = nil, timeoutMs: Int? = nil, format: Configuration.Format? = nil) {
            self.waitMs = waitMs
            self.timeoutMs = timeoutMs
            self.format = format
        }
    }

    /// A successful answer: HTTP status, headers and the body as ELKO sent it.
    public typealias Response = HTTPResponse

    /// Calls an operation of the table by name (`catalog.products`) with JSON params (see
    /// `RequestBuilder`): validated, sent, and mapped to an error unless ELKO answered 2xx with what the
    /// operation answers (JSON, or XML text when the client's format is xml).
    public func call(operation name: String, params: JSONValue?, options: CallOptions = CallOptions()) -> Result<Response, ElkoError> {
        guard let op = OperationTable.named(name) else {
            return .failure(.invalidArgument("unknown operation \"\(name)\" (`elko operations` lists them)"))
        }
        if op.placesOrder {
            // Orders and reservations: exactly once, with a reference and the journal (Client+Orders).
            return placeOrder(op, params: params, options: options).map {
                Response(status: 200, headers: [], body: $0.answer)
            }
        }
        let built: RequestBuilder.Built
        switch builder.build(op, params: params) {
        case .success(let b): built = b
        case .failure(let e): return .failure(e.redacting(configuration.token))
        }
        let result = send(
            method: built.method.rawValue, target: built.target, body: built.body, operation: op.name,
            idempotent: op.idempotent, options: options)
        guard case .success(var response) = result else { return result }
        let format = options.format ?? configuration.format
        if format == .json, !op.answersList, response.body.allSatisfy(Text.isSpace) {
            response.body = Array("null".utf8)  // an empty 2xx (e.g. 204 after a delete) as JSON
            return .success(response)
        }
        if format == .json, let problem = Self.notJSON(response.body, list: op.answersList) {
            return .failure(ElkoError(
                .protocol, "\(op.name): the answer is not JSON (\(problem))", httpStatus: response.status,
                body: Self.bodyText(response.body), operation: op.name).redacting(configuration.token))
        }
        return result
    }

    /// `call` with params as JSON text (empty text means no params).
    public func call(
        operation name: String, paramsJSON: UnsafeRawBufferPointer, options: CallOptions = CallOptions()
    ) -> Result<Response, ElkoError> {
        if paramsJSON.allSatisfy(Text.isSpace) { return call(operation: name, params: nil, options: options) }
        switch JSONValue.parse(paramsJSON, context: "params") {
        case .success(let doc): return call(operation: name, params: doc, options: options)
        case .failure(var e):
            e.operation = OperationTable.named(name)?.name
            return .failure(e.redacting(configuration.token))
        }
    }

    public func call(operation name: String, paramsJSON: String, options: CallOptions = CallOptions()) -> Result<Response, ElkoError> {
        Array(paramsJSON.utf8).withUnsafeBytes { call(operation: name, paramsJSON: $0, options: options) }
    }

    /// A raw request for anything the table lacks. `path` starts with `/` and is appended to the base
    /// URL as given; `query` is the already-encoded text after `?`. The body, if any, is sent as JSON.
    /// Errors are mapped as for `call`; a 2xx body is returned as is.
    public func request(
        method: String, path: String, query: String? = nil, body: [UInt8]? = nil, options: CallOptions = CallOptions()
    ) -> Result<Response, ElkoError> {
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
        return send(method: m, target: target, body: body, operation: nil, idempotent: m == "GET" || m == "DELETE",
                    options: options)
    }

    func send(
        method: String, target: String, body: [UInt8]?, operation: String?, idempotent: Bool,
        options: CallOptions = CallOptions()
    ) -> Result<Response, ElkoError> {
        sendWithRetries(operation: operation, method: method, target: target, idempotent: idempotent, options: options) { attempt in
            let request = httpRequest(method: method, target: target, body: body, idempotent: idempotent,
                                      timeoutMs: attempt.timeoutMs, format: options.format)
            switch CurlTransport.perform(request) {
            case .failure(var e):
                e.operation = operation
                return .failure(e)
            case .success(let response):
                if let e = Self.error(for: response, operation: operation, blockMs: configuration.rateLimit.blockMs) {
                    return .failure(e)
                }
                return .success(response)
            }
        }
    }

    // MARK: The retry loop (whole-body and streamed sends)

    /// Sends with the limiter, dry run, logging and retries around `perform`, which makes one attempt
    /// (sends once) and maps the answer to an error. Each attempt first takes a limiter slot
    /// (`admit`); a failed attempt is retried only if it may be (`RetrySettings.refusal`), the attempt
    /// still allows it (`attempt.retryable`: a stream that handed out elements does not), retries are
    /// left and the backoff ends before the call's total timeout (`timeout_ms`, which also bounds
    /// every attempt and any limiter wait). Every decision is logged. Errors are returned without the token.
    public func sendWithRetries(
        operation: String?, method: String, target: String, idempotent: Bool, options: CallOptions = CallOptions(),
        _ perform: (inout Attempt) -> Result<Response, ElkoError>
    ) -> Result<Response, ElkoError> {
        let deadline = clock() + Int64(options.timeoutMs ?? configuration.timeoutMs)
        let what = Self.describe(operation, method, target)
        let retries = configuration.retries
        var number = 1
        while true {
            let admission: Admission
            switch admitTimed(operation: operation, method: method, target: target, waitMs: options.waitMs, deadline: deadline) {
            case .failure(let e): return .failure(e.redacting(configuration.token))
            case .success(let a): admission = a
            }
            let waited = admission.waitedMs
            let started = clock()
            var attempt = Attempt(
                number: number, timeoutMs: Int(clamping: max(1, deadline - started)), limiterWaitMs: waited)
            let outcome = perform(&attempt).mapError { $0.redacting(configuration.token) }
            afterSend(operation: operation, method: method, outcome: outcome, target: target, attempt: number,
                      durationMs: clock() - started, limiterWaitMs: waited, admittedAt: admission.admittedAt)
            guard case .failure(let error) = outcome else { return outcome }

            if let why = RetrySettings.refusal(error, idempotent: idempotent) {
                if options.placing {
                    // An order's send: what happens next (a look-up by its reference) is logged there.
                } else if error.code == .network || error.code == .timeout || error.code == .serverError {
                    logger.log(.warn, "no retry of \(what) (attempt \(number)): \(why)")
                } else {
                    logger.log(.debug, "no retry of \(what) (attempt \(number)): \(why)")
                }
                return outcome
            }
            guard attempt.retryable else {
                logger.log(.warn, "no retry of \(what) (attempt \(number)): part of the answer was already delivered")
                return outcome
            }
            guard number <= retries.max else {
                logger.log(.error, "\(what) failed after \(number) attempt\(number == 1 ? "" : "s") (retries.max \(retries.max)): \(error.message)")
                return outcome
            }
            let ceiling = retries.backoffCeilingMs(retry: number)
            let delay = min(max(0, jitter(ceiling)), ceiling)
            let now = clock()
            guard now + delay < deadline else {
                logger.log(.warn, "no retry of \(what) (attempt \(number)): a backoff of \(delay) ms would pass the call's timeout_ms (\(configuration.timeoutMs))")
                return outcome
            }
            logger.log(.warn, "retrying \(what) in \(delay) ms (retry \(number) of \(retries.max), backoff up to \(ceiling) ms) after \(error.code.name)\(error.httpStatus != 0 ? " \(error.httpStatus)" : "")")
            sleep(delay)
            number += 1
        }
    }

    /// The request as the transport sends it: ELKO's headers (token, Accept), timeouts, user agent.
    /// Shared by whole-body calls and streamed ones. `timeoutMs` (the attempt's, see `Attempt`) replaces
    /// the configured total timeout.
    func httpRequest(
        method: String, target: String, body: [UInt8]?, idempotent: Bool, timeoutMs: Int? = nil,
        format: Configuration.Format? = nil
    ) -> HTTPRequest {
        var headers = [
            "Authorization: Bearer \(configuration.token)",
            "Accept: " + ((format ?? configuration.format) == .json ? "application/json" : "application/xml"),
            "Expect:",  // no 100-continue round trip before a body
        ]
        if body != nil { headers.append("Content-Type: application/json; charset=utf-8") }
        return HTTPRequest(
            method: method, url: configuration.baseURL + target, headers: headers, body: body,
            connectTimeoutMs: min(configuration.connectTimeoutMs, timeoutMs ?? Int.max),
            timeoutMs: timeoutMs ?? configuration.timeoutMs,
            userAgent: userAgent, freshConnection: !idempotent)
    }

    // MARK: Hooks around every send (whole-body and streamed)

    /// Runs before anything is sent: dry run, then a rate-limiter slot (waiting for it as the client's
    /// `rate_limit.wait_ms` allows). An error means nothing was sent. `sendWithRetries` calls it (as
    /// `admit`) before every attempt; code that sends by itself must call it before each send.
    func beforeSend(operation: String?, method: String, idempotent: Bool, target: String? = nil) -> ElkoError? {
        let deadline = clock() + Int64(configuration.timeoutMs)
        if case .failure(let e) = admit(operation: operation, method: method, target: target, waitMs: nil, deadline: deadline) {
            return e.redacting(configuration.token)
        }
        return nil
    }

    /// A limiter slot taken: how long the call waited for it, and when it was taken (on the limiter
    /// store's clock, for `RateLimiter.recordCompletion`).
    struct Admission {
        var waitedMs: Int64
        var admittedAt: Int64
    }

    /// Dry run, then a limiter slot. Returns how long it waited for the slot. Waits (on the calling
    /// thread: the library has no threads) only when the whole wait fits in `waitMs` (the client's when
    /// nil) and before `deadline`; otherwise fails at once with `rateLimited` and the time to wait.
    func admit(operation: String?, method: String, target: String?, waitMs: Int64?, deadline: Int64) -> Result<Int64, ElkoError> {
        admitTimed(operation: operation, method: method, target: target, waitMs: waitMs, deadline: deadline).map(\.waitedMs)
    }

    /// `admit`, with the time the slot was taken at.
    func admitTimed(operation: String?, method: String, target: String?, waitMs: Int64?, deadline: Int64) -> Result<Admission, ElkoError> {
        let what = Self.describe(operation, method, target)
        if configuration.dryRun, method != "GET" {
            let sent = target.map { "\(method) \($0)" } ?? method
            logger.log(.info, "dry run: \(what) validated and not sent")
            return .failure(ElkoError(
                .writeRefused,
                "\(operation ?? "request"): dry run: \(sent) was validated and not sent (the client has \"dry_run\": true; only GET requests are sent)",
                operation: operation))
        }
        let settings = limiter.settings
        let budget = max(0, min(waitMs ?? settings.waitMs, deadline - clock()))
        let start = clock()
        while true {
            let decision: RateLimiter.Decision
            let decidedAt: Int64
            switch limiter.acquireTimed() {
            case .failure(var e):
                e.operation = operation
                logger.log(.error, "rate limiter: \(e.message); \(what) not sent")
                return .failure(e)
            case .success(let d): (decision, decidedAt) = d
            }
            let waited = clock() - start
            let wait: Int64
            let reason: String
            switch decision {
            case .granted:
                if waited > 0 { logger.log(.info, "rate limiter: \(what) waited \(waited) ms for a slot") }
                return .success(Admission(waitedMs: waited, admittedAt: decidedAt))
            case .windowFull(let w, let inWindow):
                wait = w
                reason = "the client's limit of \(settings.effectiveLimit) requests per \(settings.windowMs) ms (\(settings.requests) minus a margin of \(settings.margin)) is used up (\(inWindow) sent in the window)"
            case .blocked(let w):
                wait = w
                reason = "ELKO blocked this token after its request limit was exceeded"
            }
            if waited + wait <= budget {
                logger.log(.debug, "rate limiter: \(what) waits \(wait) ms: \(reason)")
                sleep(wait)
                continue
            }
            let bound = budget > 0 || (waitMs ?? settings.waitMs) > 0
                ? " (longer than this call may wait: \(budget) ms, bounded by rate_limit.wait_ms and timeout_ms)" : ""
            logger.log(.warn, "rate limiter: \(what) not sent, retry after \(wait) ms: \(reason)\(bound)")
            return .failure(ElkoError(
                .rateLimited,
                "\(operation ?? "request"): nothing was sent: \(reason); retry after \(wait) ms\(bound)",
                retryAfterMs: wait, operation: operation))
        }
    }

    /// Sees every outcome of a send: records a limit block (so that nothing is sent into it) and logs
    /// the request. `sendWithRetries` calls it after every attempt; code that sends by itself must too.
    func afterSend(
        operation: String?, method: String, outcome: Result<Response, ElkoError>, target: String? = nil,
        attempt: Int = 1, durationMs: Int64? = nil, limiterWaitMs: Int64 = 0, admittedAt: Int64? = nil
    ) {
        // The request was sent (or tried): its slot counts from now, when ELKO has surely counted it.
        if let admittedAt, case .failure(let problem) = limiter.recordCompletion(admittedAt: admittedAt) {
            logger.log(.warn, "rate limiter: could not record the end of a request: \(problem.message)")
        }
        var line = "request op=\(operation ?? "-") method=\(method)"
        if let target { line += " path=\(target)" }
        switch outcome {
        case .success(let r): line += " status=\(r.status)"
        case .failure(let e): line += " status=\(e.httpStatus == 0 ? "none" : String(e.httpStatus)) error=\(e.code.name)"
        }
        if let durationMs { line += " duration_ms=\(durationMs)" }
        line += " attempt=\(attempt) limiter_wait_ms=\(limiterWaitMs)"
        guard case .failure(let e) = outcome else {
            logger.log(.info, line)
            return
        }
        if e.code == .rateLimited, e.httpStatus != 0 {
            // ELKO's block: nobody using this store sends until it has passed.
            let ms = e.retryAfterMs > 0 ? e.retryAfterMs : limiter.settings.blockMs
            if case .failure(let problem) = limiter.recordBlock(ms: ms) {
                logger.log(.error, "rate limiter: could not record ELKO's block: \(problem.message)")
            }
            logger.log(.error, line + " blocked_ms=\(ms): ELKO's request limit was exceeded; nothing is sent until the block has passed")
            return
        }
        // The caller gets the error; only what points at ELKO or the network is a warning.
        let level: LogLevel = [.serverError, .network, .timeout, .protocol, .internal].contains(e.code) ? .warn : .info
        logger.log(level, line + " message=\"" + Text.firstLine(of: e.message) + "\"")
    }

    static func describe(_ operation: String?, _ method: String, _ target: String?) -> String {
        let sent = target.map { "\(method) \($0)" } ?? method
        return operation.map { "\($0) (\(sent))" } ?? sent
    }


    /// Largest part of an error body kept in the error (an HTML error page can be big).
    static let maxErrorBody = 65_536

    static func bodyText(_ body: [UInt8]) -> String? {
        body.isEmpty ? nil : String(decoding: body.prefix(maxErrorBody), as: UTF8.self)
    }

    /// The error a non-2xx answer means, or nil for 2xx.
    static func error(for r: HTTPResponse, operation: String?, blockMs: Int64 = 60_000) -> ElkoError? {
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
                let wait = retryAfterMs(r.header("retry-after")) ?? blockMs
                return make(.rateLimited, "\(what): ELKO's request limit was exceeded; send nothing for \(wait) ms\(elkoSays)",
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
