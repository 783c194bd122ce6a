import ElkoAPI

extension Client {
    /// Streams a list operation (its answer is a top-level JSON array, e.g. the whole catalog of
    /// `catalog.products`): sends the request and reads the status line and headers, so that HTTP errors
    /// (400, 403, 404, 5xx...) come back here, mapped exactly as `call` maps them. The elements then come
    /// from the stream one by one as the bytes arrive.
    ///
    /// Only operations whose table entry answers a list, and only with the JSON format (an XML answer is
    /// not split): anything else is an invalid argument. The rate limiter and the other hooks see the
    /// stream like any send: a limiter slot (`admitTimed`) before anything goes out, its completion
    /// recorded when the status line arrives, `afterSend` once with the final
    /// outcome — at creation for an error, else when the body ends (complete, or failed mid-way) or the
    /// stream is released early (a 2xx answer). Streams are not retried: elements may already have been
    /// handed out when the body fails.
    public func stream(operation name: String, params: JSONValue?) -> Result<ElementStream, ElkoError> {
        guard let op = OperationTable.named(name) else {
            return .failure(.invalidArgument("unknown operation \"\(name)\" (`elko operations` lists them)"))
        }
        guard op.answersList else {
            return .failure(.invalidArgument(
                "\(op.name) does not answer a list and cannot be streamed: use call", operation: op.name))
        }
        guard configuration.format == .json else {
            return .failure(.invalidArgument(
                "\(op.name): only JSON answers can be streamed; this client asks for xml", operation: op.name))
        }
        let built: RequestBuilder.Built
        switch builder.build(op, params: params) {
        case .success(let b): built = b
        case .failure(let e): return .failure(e.redacting(configuration.token))
        }
        let method = built.method.rawValue
        let operation = op.name
        let admission: Admission
        switch admitTimed(operation: operation, method: method, target: built.target, waitMs: nil,
                          deadline: clock() + Int64(configuration.timeoutMs)) {
        case .failure(let refused): return .failure(refused.redacting(configuration.token))
        case .success(let a): admission = a
        }
        let request = httpRequest(method: method, target: built.target, body: built.body, idempotent: op.idempotent)
        let token = configuration.token
        let failure: ElkoError
        let opened = StreamTransfer.open(request)
        // The status line has arrived (or the attempt is over): ELKO has counted the request by now, so
        // its slot counts from here, as for whole-body calls.
        if case .failure(let problem) = limiter.recordCompletion(admittedAt: admission.admittedAt) {
            logger.log(.warn, "rate limiter: could not record the end of a request: \(problem.message)")
        }
        switch opened {
        case .failure(var e):
            e.operation = operation
            failure = e.redacting(token)
        case .success(let transfer):
            let sink = transfer.sink
            let response = HTTPResponse(status: sink.status, headers: sink.headers, body: sink.errorBody)
            if let e = Self.error(for: response, operation: operation) {
                transfer.close()
                failure = e.redacting(token)
            } else {
                let stream = ElementStream(
                    transfer: transfer, operation: operation, redact: { $0.redacting(token) },
                    report: { [self] outcome in afterSend(operation: operation, method: method, outcome: outcome) })
                return .success(stream)
            }
        }
        afterSend(operation: operation, method: method, outcome: .failure(failure))
        return .failure(failure)
    }

    /// `stream` with params as JSON text (empty text means no params).
    public func stream(operation name: String, paramsJSON: UnsafeRawBufferPointer) -> Result<ElementStream, ElkoError> {
        if paramsJSON.allSatisfy(Text.isSpace) { return stream(operation: name, params: nil) }
        switch JSONValue.parse(paramsJSON, context: "params") {
        case .success(let doc): return stream(operation: name, params: doc)
        case .failure(var e):
            e.operation = OperationTable.named(name)?.name
            return .failure(e.redacting(configuration.token))
        }
    }

    public func stream(operation name: String, paramsJSON: String) -> Result<ElementStream, ElkoError> {
        Array(paramsJSON.utf8).withUnsafeBytes { stream(operation: name, paramsJSON: $0) }
    }
}
