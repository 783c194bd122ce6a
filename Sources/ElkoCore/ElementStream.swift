import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The elements of a list answer (a top-level JSON array), handed out one by one as the bytes arrive.
///
/// Pull-based and without threads: each `next()` drives libcurl's multi interface on the calling thread
/// until an element is complete, the transfer ends, or it fails. Memory is bounded by the largest element
/// plus one receive burst, never by the answer. Created by `Client.stream(operation:params:)`, which has
/// already read the status line and headers (HTTP errors are reported there).
///
/// After the end `next()` keeps answering end; after an error it keeps answering the same error. A
/// stream is never retried mid-body. Not thread-safe: one thread at a time may use a stream (it may move
/// between threads). Releasing it before the end aborts the transfer.
public final class ElementStream {
    /// The operation streamed (`catalog.products`).
    public let operation: String?
    /// HTTP status and headers of the answer (always 2xx: other answers are errors at creation).
    public let status: Int
    public let headers: [(name: String, value: String)]

    private let transfer: StreamTransfer
    private var state: State = .streaming
    private enum State { case streaming, ended, failed(ElkoError) }

    /// Called once with the final outcome (Client's `afterSend`).
    private var report: ((Result<HTTPResponse, ElkoError>) -> Void)?
    private let redact: (ElkoError) -> ElkoError

    init(transfer: StreamTransfer, operation: String?, redact: @escaping (ElkoError) -> ElkoError,
         report: @escaping (Result<HTTPResponse, ElkoError>) -> Void) {
        self.transfer = transfer
        self.operation = operation
        self.status = transfer.sink.status
        self.headers = transfer.sink.headers
        self.redact = redact
        self.report = report
    }

    deinit {
        if case .streaming = state {
            // Abandoned by the caller: the answer was a success as far as ELKO is concerned.
            reportOnce(.success(HTTPResponse(status: status, headers: headers, body: [])))
        }
        transfer.close()
    }

    /// The next element's JSON bytes, valid until the next call of `nextUnsafe()`/`next()` or until the
    /// stream is released; nil at the end of the array.
    public func nextUnsafe() -> Result<UnsafeRawBufferPointer?, ElkoError> {
        switch state {
        case .ended: return .success(nil)
        case .failed(let e): return .failure(e)
        case .streaming: break
        }
        let splitter = transfer.sink.splitter
        while true {
            switch splitter.next() {
            case .element(let bytes): return .success(bytes)
            case .end:
                state = .ended
                transfer.close()
                reportOnce(.success(HTTPResponse(status: status, headers: headers, body: [])))
                return .success(nil)
            case .malformed(let m):
                return fail(ElkoError(
                    .protocol, "\(operation ?? "request"): \(m.description)", httpStatus: status, operation: operation))
            case .needMore:
                switch transfer.pump() {
                case .running: continue
                case .done(let result):
                    if let e = result { return fail(e) }
                    splitter.finish()
                }
            }
        }
    }

    /// The next element as a copy; nil at the end of the array.
    public func next() -> Result<[UInt8]?, ElkoError> {
        nextUnsafe().map { $0.map { Array($0) } }
    }

    /// Bytes of the answer received so far.
    public var receivedBytes: Int64 { transfer.sink.splitter.totalBytes }

    private func fail(_ error: ElkoError) -> Result<UnsafeRawBufferPointer?, ElkoError> {
        var e = error
        if e.operation == nil { e.operation = operation }
        e = redact(e)
        state = .failed(e)
        transfer.close()
        reportOnce(.failure(e))
        return .failure(e)
    }

    private func reportOnce(_ outcome: Result<HTTPResponse, ElkoError>) {
        guard let report else { return }
        self.report = nil
        report(outcome)
    }
}

/// One streamed HTTP exchange on a multi handle driven by the calling thread.
final class StreamTransfer {
    /// What the callbacks fill: status, headers, the body split into elements (2xx) or collected
    /// (error answers, kept up to `Client.maxErrorBody`).
    final class Sink {
        var status = 0
        var headers: [(name: String, value: String)] = []
        var headersDone = false
        /// Callbacks seen so far (tells `pump` whether anything arrived).
        var progress = 0
        let splitter = ArrayStreamSplitter()
        var errorBody: [UInt8] = []
        var isSuccess: Bool { (200..<300).contains(status) }
        /// Body bytes taken since `pump` called libcurl. libcurl reads for as long as the socket has data
        /// (up to 100 buffers per call); past `pumpLimit` the write callback pauses the transfer, so
        /// that memory stays bounded by the largest element plus about one limit.
        var receivedThisPump = 0
        var paused = false
        static let pumpLimit = 512 * 1024
    }

    enum Pump { case running, done(ElkoError?) }

    let sink = Sink()
    private let request: HTTPRequest
    private var handles: StreamHandles?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var finished: ElkoError??

    private init(request: HTTPRequest) {
        self.request = request
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        close()
        errorBuffer.deallocate()
    }

    /// Sends the request and reads until the headers are in (or the exchange fails). For an answer
    /// that is not 2xx, reads the (small) body too, so that the caller can map it.
    static func open(_ request: HTTPRequest) -> Result<StreamTransfer, ElkoError> {
        let t = StreamTransfer(request: request)
        if let e = t.start() { return .failure(e) }
        while true {
            if t.sink.headersDone, t.sink.isSuccess { return .success(t) }
            switch t.pump() {
            case .running: continue
            case .done(let error?):
                // With the headers in, the status says more (an error answer), or the body failed after
                // elements that the stream still hands out before the error.
                if t.sink.headersDone { return .success(t) }
                return .failure(error)
            case .done(nil):
                return .success(t)
            }
        }
    }

    private func start() -> ElkoError? {
        guard let handles = StreamHandles.take() else {
            return ElkoError(.internal, "libcurl could not be initialised")
        }
        self.handles = handles
        let h = handles.easy
        curl_easy_reset(h)
        for line in request.headers {
            guard let appended = curl_slist_append(headerList, line) else {
                return ElkoError(.internal, "out of memory building request headers")
            }
            headerList = appended
        }
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        // Larger reads: fewer callbacks and syscalls on a catalog of 100+ MB.
        let rc = CurlTransport.applyOptions(
            h, request, headers: headerList, errorBuffer: errorBuffer, write: Self.writeCallback,
            header: Self.headerCallback, userdata: sinkPointer, bufferSize: 128 * 1024)
        guard rc == CURLE_OK else {
            return ElkoError(.internal, "libcurl refused an option: \(String(cString: curl_easy_strerror(rc)))")
        }
        guard handles.attach() else { return ElkoError(.internal, "libcurl refused to start the transfer") }
        return nil
    }

    /// Lets libcurl move the transfer on once: reads what has arrived (the callbacks fill `sink`), or
    /// waits for the socket (bounded by libcurl's own timeouts) when nothing has.
    func pump() -> Pump {
        if let finished { return .done(finished) }
        guard let handles else { return .done(ElkoError(.internal, "the transfer was closed")) }
        let before = sink.progress
        sink.receivedThisPump = 0
        if sink.paused {
            // libcurl delivers the chunk it kept from within curl_easy_pause.
            sink.paused = false
            _ = curl_easy_pause(handles.easy, CURLPAUSE_CONT)
        }
        var running: Int32 = 0
        let mc = curl_multi_perform(handles.multi, &running)
        guard mc == CURLM_OK else {
            return end(ElkoError(.internal, "libcurl: \(String(cString: curl_multi_strerror(mc)))"))
        }
        if running == 0 {
            var result = CURLE_OK
            var left: Int32 = 0
            while let msg = curl_multi_info_read(handles.multi, &left) {
                if msg.pointee.msg == CURLMSG_DONE { result = msg.pointee.data.result }
            }
            return end(result == CURLE_OK ? nil : error(for: result))
        }
        if sink.progress == before {
            // Nothing arrived: sleep until the socket is ready (libcurl shortens the wait to its own
            // timeouts, so the connect and total timeouts still end the transfer on time).
            _ = curl_multi_poll(handles.multi, nil, 0, 1000, nil)
        }
        return .running
    }

    private func end(_ error: ElkoError?) -> Pump {
        finished = .some(error)
        return .done(error)
    }

    /// Detaches the easy handle (aborting a transfer in progress) and hands the handles back for the
    /// next stream on this thread. Idempotent.
    func close() {
        if let handles {
            self.handles = nil
            StreamHandles.giveBack(handles)
        }
        if finished == nil { finished = .some(ElkoError(.internal, "the transfer was closed")) }
        curl_slist_free_all(headerList)
        headerList = nil
    }

    private func error(for result: CURLcode) -> ElkoError {
        var detail = String(cString: errorBuffer)
        if detail.isEmpty { detail = String(cString: curl_easy_strerror(result)) }
        let code = CurlTransport.errorCode(for: result)
        let received = sink.headersDone && sink.isSuccess ? " after \(sink.splitter.totalBytes) bytes of the answer" : ""
        return ElkoError(code, "\(request.method) \(request.url): \(detail)\(received) (curl error \(result.rawValue))",
                         httpStatus: sink.headersDone && sink.isSuccess ? sink.status : 0)
    }

    private static let writeCallback: elko_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let (n, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
        sink.progress &+= 1
        guard n > 0, let data else { return n }
        let chunk = UnsafeRawBufferPointer(start: data, count: n)
        if sink.isSuccess {
            if sink.receivedThisPump >= Sink.pumpLimit {
                sink.paused = true
                return 0x1000_0001  // CURL_WRITEFUNC_PAUSE: libcurl keeps this chunk until unpaused
            }
            sink.receivedThisPump += n
            sink.splitter.append(chunk)
        } else if sink.errorBody.count < Client.maxErrorBody {
            sink.errorBody.append(contentsOf: chunk.prefix(Client.maxErrorBody - sink.errorBody.count))
        }
        return n
    }

    private static let headerCallback: elko_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let (n, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
        sink.progress &+= 1
        guard n > 0, let data else { return n }
        switch HeaderLine(UnsafeRawBufferPointer(start: data, count: n)) {
        case .status(let status):
            // A new response (after a 1xx): start over.
            sink.headers.removeAll()
            sink.status = status
        case .field(let name, let value): sink.headers.append((name, value))
        case .end: if sink.status >= 200 { sink.headersDone = true }
        case .other: break
        }
        return n
    }
}

/// A multi handle and an easy handle for streams. One idle pair per thread is kept (a pthread key whose
/// destructor frees it), so that consecutive streams on a thread reuse the keep-alive connection held
/// in the multi handle's cache. A pair in use belongs to its stream alone (a stream may be freed on
/// another thread: the pair then becomes that thread's idle pair).
final class StreamHandles {
    let multi: UnsafeMutableRawPointer
    let easy: UnsafeMutableRawPointer
    private var attached = false

    private init(multi: UnsafeMutableRawPointer, easy: UnsafeMutableRawPointer) {
        self.multi = multi
        self.easy = easy
    }

    deinit {
        detach()
        curl_easy_cleanup(easy)
        curl_multi_cleanup(multi)
    }

    func attach() -> Bool {
        guard !attached else { return false }
        attached = curl_multi_add_handle(multi, easy) == CURLM_OK
        return attached
    }

    func detach() {
        if attached { _ = curl_multi_remove_handle(multi, easy) }
        attached = false
    }

    private static let idleKey: pthread_key_t? = {
        // libcurl's global initialisation happens once, in the whole-body transport.
        guard CurlTransport.threadHandle() != nil else { return nil }
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { pair in
            if let pair { Unmanaged<StreamHandles>.fromOpaque(pair).release() }
        }
        return rc == 0 ? key : nil
    }()

    /// The thread's idle pair, or a new one.
    static func take() -> StreamHandles? {
        guard let key = idleKey else { return nil }
        if let idle = pthread_getspecific(key) {
            _ = pthread_setspecific(key, nil)
            return Unmanaged<StreamHandles>.fromOpaque(idle).takeRetainedValue()
        }
        guard let multi = curl_multi_init() else { return nil }
        guard let easy = curl_easy_init() else {
            curl_multi_cleanup(multi)
            return nil
        }
        return StreamHandles(multi: multi, easy: easy)
    }

    /// Detaches the easy handle and keeps the pair as this thread's idle pair (or frees it).
    static func giveBack(_ pair: StreamHandles) {
        pair.detach()
        guard let key = idleKey, pthread_getspecific(key) == nil else { return }
        let p = Unmanaged.passRetained(pair).toOpaque()
        if pthread_setspecific(key, p) != 0 { Unmanaged<StreamHandles>.fromOpaque(p).release() }
    }
}
