import ElkoAPI
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The request context: Hummingbird's core storage plus the channel (client address, faults).
public struct SandboxContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// What a handler answers, before it is written in the format the client asked for.
struct Reply: Sendable {
    enum Payload: Sendable {
        case json(JSON, xmlRoot: String)
        /// A body prepared ahead (the full catalog): JSON bytes, and XML bytes made on demand.
        case prepared(PreparedBodies.Key)
        case text(String)
        case empty
    }
    var status: HTTPResponse.Status = .ok
    var payload: Payload
    var headers: HTTPFields = [:]

    static func json(_ value: JSON, root: String) -> Reply { Reply(payload: .json(value, xmlRoot: root)) }
    static func error(_ e: APIError) -> Reply {
        Reply(status: .init(code: e.status), payload: e.message.isEmpty ? .empty : .text(e.message))
    }
}

/// A running ELKO sandbox: the operation table served over Hummingbird with ELKO's rules.
public final class Sandbox: Sendable {
    public let configuration: SandboxConfiguration
    let state: SandboxState
    let router: OperationRouter
    let bodies: PreparedBodies
    static let faultHeader = HTTPField.Name("X-Sandbox-Fault")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// Builds the catalog and the initial state. Throws on a bad configuration or catalog file.
    public init(configuration: SandboxConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        let catalog = try Catalog(configuration.catalog)
        self.state = try SandboxState(configuration: configuration, catalog: catalog)
        self.router = OperationRouter(overrides: configuration.paths)
        self.bodies = PreparedBodies()
    }

    /// The demo (first) company's active token.
    public var token: String? {
        configuration.companies.first.flatMap { state.activeToken(accountNo: $0.accountNo) }
    }

    public func activeToken(accountNo: String) -> String? { state.activeToken(accountNo: accountNo) }

    /// Runs until the task is cancelled. `onReady` gets the bound port (useful with port 0).
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let responder = CallbackResponder<SandboxContext> { [self] request, context in
            await self.respond(request, context)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: nil, backlog: 512),
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? 0) },
            logger: { var l = Logger(label: "elko.sandbox"); l.logLevel = .error; return l }()
        )
        try await app.run()
    }

    /// Prepares the full-catalog bodies now, so that the first request does not pay for them.
    public func warmUp() {
        for dialect in Dialect.allCases {
            _ = bodies.get(.init(operation: "catalog.products", dialect: dialect, xml: false), state: state)
        }
    }

    // MARK: Dispatch

    func respond(_ request: Request, _ context: SandboxContext) async -> Response {
        var request = request
        let path = Substring(request.uri.path)
        let accept = request.headers[.accept] ?? ""
        if path.lowercased().hasPrefix("/_sandbox") {
            let body = try? await request.collectBody(upTo: 16 << 20)
            let reply = adminReply(request, path: path, body: body.map { Array(buffer: $0) }, context: context)
            return render(reply, accept: "application/json", operation: nil)
        }
        switch router.resolve(method: request.method.rawValue, path: path) {
        case .notFound:
            return render(Reply(status: .notFound, payload: .empty), accept: accept, operation: nil)
        case .methodNotAllowed(let allowed):
            var r = Reply(status: .methodNotAllowed, payload: .text("The requested resource does not support http method '\(request.method.rawValue)'."))
            r.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return render(r, accept: accept, operation: nil)
        case .found(let route, let pathValues):
            let clientIP = clientAddress(request, context)
            let bodyBytes: [UInt8]?
            if route.operation.method == .GET {
                bodyBytes = nil
            } else {
                do {
                    bodyBytes = Array(buffer: try await request.collectBody(upTo: 32 << 20))
                } catch {
                    return render(.error(.init(413, "The request body is too large.")), accept: accept, operation: nil)
                }
            }
            let call = Call(operation: route.operation, dialect: route.dialect, pathValues: pathValues,
                            query: QueryString(request.uri.query ?? ""), body: bodyBytes,
                            accept: accept, clientIP: clientIP)
            // Token first (no token, no identity), then the IP allow-list, then the rate limit.
            var account = ""
            if route.operation.name != "token.create" {
                switch admit(request, call) {
                case .admitted(let a): account = a
                case .refused(let reply): return render(reply, accept: accept, operation: nil)
                }
            }
            var fault: Fault? = nil
            if configuration.faultHeader, let text = request.headers[Self.faultHeader] {
                fault = Fault(text)
            }
            if fault == nil {
                let name = route.operation.name
                fault = state.data.withLock { d in d.takeFault(for: name) }
            }
            if let fault, let early = await applyEarly(fault, context) { return early }
            let reply: Reply
            do {
                reply = try handle(call, account: account)
            } catch {
                reply = .error(error)
            }
            let rendered = rendered(reply, accept: accept, operation: route.operation)
            if let fault { return await applyLate(fault, to: rendered, context) }
            return rendered.response()
        }
    }

    /// Token, allow-list and rate limit. Returns the company's account number or the 403 to send.
    enum Admission {
        case admitted(accountNo: String)
        case refused(Reply)
    }

    func admit(_ request: Request, _ call: Call) -> Admission {
        let header = request.headers[.authorization] ?? ""
        let identity = state.tokens.identify(header)
        let now = state.clock.now()
        let limits = configuration.rateLimit
        return state.data.withLock { d -> Admission in
            let scale = d.timeScale
            guard let identity, let company = d.companies[identity.accountNo],
                company.activeSerial == identity.serial
            else {
                d.anonymousRejections += 1
                let text = configuration.tokenRejectionBody == "text"
                    ? (header.isEmpty ? "Authorization has been denied for this request." : "The token is invalid or has been deactivated.")
                    : ""
                return .refused(Reply(status: .forbidden, payload: text.isEmpty ? .empty : .text(text)))
            }
            guard let ip = call.clientIP, company.allowList.allows(ip) else {
                d.anonymousRejections += 1
                return .refused(.error(.init(403, "Access denied: IP address \(call.clientIP?.description ?? "unknown") is not allowed for this account.")))
            }
            let key = "\(identity.accountNo)@\(identity.serial)"
            var counter = d.counters[key] ?? RateLimitCounter()
            let decision = counter.decide(now: now, requests: limits.requests, window: limits.windowSeconds * scale,
                                          block: limits.blockSeconds * scale, sliding: limits.sliding)
            d.counters[key] = counter
            switch decision {
            case .allowed:
                return .admitted(accountNo: identity.accountNo)
            case .exceeded(let until), .blocked(let until):
                var reply = Reply.error(.init(403, "Request limit exceeded: \(limits.requests) requests per \(Self.seconds(limits.windowSeconds)) seconds. New requests are blocked for \(Self.seconds(limits.blockSeconds)) seconds."))
                if limits.retryAfterHeader {
                    reply.headers[.retryAfter] = String(Int((until - now).rounded(.up)))
                }
                return .refused(reply)
            }
        }
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }

    func clientAddress(_ request: Request, _ context: SandboxContext) -> IPAddress? {
        if configuration.trustForwardedFor, let xff = request.headers[Self.forwardedFor],
            let first = xff.split(separator: ",").first
        {
            return IPAddress(String(first.trimmed))
        }
        return context.channel.remoteAddress?.ipAddress.flatMap { IPAddress($0) }
    }

    // MARK: Faults

    struct InjectedFault: Error {}

    func applyEarly(_ fault: Fault, _ context: SandboxContext) async -> Response? {
        let scale = state.data.withLock { $0.timeScale }
        switch fault {
        case .latency(let ms):
            try? await Task.sleep(for: .microseconds(Int64(Double(ms) * 1000 * scale)))
            return nil
        case .serverError:
            return render(.error(.init(500, "Something went wrong.")), accept: "", operation: nil)
        case .reset:
            await resetConnection(context)
            return Response(status: .internalServerError)
        case .truncate, .slowBody, .resetAfter, .hangAfter, .serverErrorAfter:
            return nil
        }
    }

    /// SO_LINGER 0 turns the close into a TCP RST: the client sees "connection reset by peer".
    func resetConnection(_ context: SandboxContext) async {
        let channel = context.channel
        if let sockets = channel as? any SocketOptionProvider {
            try? await sockets.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }

    /// Faults that act once the request has been handled: the write is applied, then the answer is
    /// cut, slowed, held, replaced by a 500 or never sent.
    func applyLate(_ fault: Fault, to rendered: Rendered, _ context: SandboxContext) async -> Response {
        let scale = state.data.withLock { $0.timeScale }
        var response = rendered.response()
        let body = rendered.body
        var headers = response.headers
        headers[.contentLength] = String(body.readableBytes)
        response.headers = headers
        switch fault {
        case .resetAfter:
            await resetConnection(context)
            return Response(status: .internalServerError)
        case .serverErrorAfter:
            return render(.error(.init(500, "Something went wrong.")), accept: "", operation: nil)
        case .hangAfter(let ms):
            try? await Task.sleep(for: .microseconds(Int64(Double(ms) * 1000 * scale)))
            return response
        case .truncate:
            // Content-Length promises the whole body; half arrives, then the connection closes.
            response.body = ResponseBody(contentLength: body.readableBytes) { writer in
                try await writer.write(body.getSlice(at: body.readerIndex, length: body.readableBytes / 2) ?? ByteBuffer())
                throw InjectedFault()
            }
        case .slowBody(let ms):
            response.body = ResponseBody(contentLength: body.readableBytes) { writer in
                var rest = body
                let size = max(1, (rest.readableBytes + 7) / 8)
                while rest.readableBytes > 0 {
                    try await writer.write(rest.readSlice(length: min(size, rest.readableBytes)) ?? ByteBuffer())
                    try await Task.sleep(for: .microseconds(Int64(Double(ms) * 1000 * scale)))
                }
                try await writer.finish(nil)
            }
        default: break
        }
        return response
    }
}
