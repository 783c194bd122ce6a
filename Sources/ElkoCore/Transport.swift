import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP exchange as the transport sends it.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Absolute URL, already percent-encoded.
    public var url: String
    /// `Name: value` lines.
    public var headers: [String]
    public var body: [UInt8]?
    public var connectTimeoutMs: Int
    public var timeoutMs: Int
    public var userAgent: String
    /// Send on a new connection. libcurl resends a request by itself when a reused keep-alive
    /// connection turns out dead before any answer; ELKO may have acted on it, so writes that are not
    /// idempotent never go out on a reused connection.
    public var freshConnection: Bool = false
}

/// What came back: status, headers (names lowercased, in order) and the body bytes.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        let n = Text.lowercasedASCII(name)
        return headers.last { $0.name == n }?.value
    }
}

/// libcurl, called directly: one easy handle per thread (kept in a pthread key whose destructor calls
/// `curl_easy_cleanup`), reset before every request so that its connection cache keeps connections
/// alive. No threads of our own: the library stays fork-safe (PHP-FPM forks its workers).
public enum CurlTransport {
    /// Initialises libcurl once (Swift runs a global's initialiser exactly once, thread-safely) and
    /// creates the key of the per-thread handles.
    private static let handleKey: pthread_key_t? = {
        guard curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else { return nil }
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { handle in
            if let handle { curl_easy_cleanup(handle) }
        }
        return rc == 0 ? key : nil
    }()

    /// The calling thread's easy handle, created on first use.
    static func threadHandle() -> UnsafeMutableRawPointer? {
        guard let key = handleKey else { return nil }
        if let h = pthread_getspecific(key) { return h }
        guard let h = curl_easy_init() else { return nil }
        guard pthread_setspecific(key, h) == 0 else {
            curl_easy_cleanup(h)
            return nil
        }
        return h
    }

    /// Collects the body and headers of one exchange; reached from libcurl's callbacks.
    final class Sink {
        var body: [UInt8] = []
        var headers: [(name: String, value: String)] = []
    }

    private static let writeCallback: elko_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let (n, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
        if n > 0, let data {
            sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n))
        }
        return n
    }

    private static let headerCallback: elko_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let (n, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
        guard n > 0, let data else { return n }
        switch HeaderLine(UnsafeRawBufferPointer(start: data, count: n)) {
        case .status: sink.headers.removeAll()  // a new response (after a 100 Continue): start over
        case .field(let name, let value): sink.headers.append((name, value))
        case .end, .other: break
        }
        return n
    }

    public static func perform(_ request: HTTPRequest) -> Result<HTTPResponse, ElkoError> {
        guard let h = threadHandle() else {
            return .failure(ElkoError(.internal, "libcurl could not be initialised"))
        }
        curl_easy_reset(h)
        let sink = Sink()
        guard let list = TransferResources(headers: request.headers) else {
            return .failure(ElkoError(.internal, "out of memory building request headers"))
        }
        // Kept alive to the end: libcurl holds its pointers and the error text is read after the transfer.
        defer { withExtendedLifetime(list) {} }
        let errorBuffer = list.errorBuffer

        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        let rc = applyOptions(h, request, headers: list.headers, errorBuffer: errorBuffer,
                              write: writeCallback, header: headerCallback, userdata: sinkPointer)
        guard rc == CURLE_OK else {
            return .failure(ElkoError(.internal, "libcurl refused an option: \(String(cString: curl_easy_strerror(rc)))"))
        }

        let result = withExtendedLifetime(sink) { curl_easy_perform(h) }
        _ = elko_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, nil)
        guard result == CURLE_OK else {
            var detail = String(cString: errorBuffer)
            if detail.isEmpty { detail = String(cString: curl_easy_strerror(result)) }
            var e = ElkoError(errorCode(for: result), "\(request.method) \(request.url): \(detail) (curl error \(result.rawValue))")
            // No connection, no request: on a fresh connection (every write) nothing reached ELKO.
            e.unsent = request.freshConnection && [CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY].contains(result)
            return .failure(e)
        }
        var status = 0
        _ = elko_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body))
    }
}

extension CurlTransport {
    /// The options every ELKO request is sent with, whole-body or streamed: URL, method and body,
    /// headers, timeouts, encodings, and the callbacks that receive the answer. Stops at the first
    /// option libcurl refuses and returns its code.
    static func applyOptions(
        _ h: UnsafeMutableRawPointer, _ request: HTTPRequest, headers: UnsafeMutablePointer<curl_slist>?,
        errorBuffer: UnsafeMutablePointer<CChar>, write: elko_curl_data_callback, header: elko_curl_data_callback,
        userdata: UnsafeMutableRawPointer, bufferSize: Int? = nil
    ) -> CURLcode {
        var rc = CURLE_OK
        func set(_ o: CURLoption, _ v: Int) { if rc == CURLE_OK { rc = elko_curl_setopt_long(h, o, v) } }
        func set(_ o: CURLoption, _ s: String) {
            // libcurl copies string options.
            if rc == CURLE_OK { rc = s.withCString { elko_curl_setopt_pointer(h, o, $0) } }
        }
        func set(_ o: CURLoption, pointer p: UnsafeRawPointer?) { if rc == CURLE_OK { rc = elko_curl_setopt_pointer(h, o, p) } }

        set(CURLOPT_URL, request.url)
        set(CURLOPT_NOSIGNAL, 1)  // no SIGALRM for DNS timeouts: we run on the host's threads
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMs)
        set(CURLOPT_TIMEOUT_MS, request.timeoutMs)
        set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl decodes (gzip, deflate, ...)
        set(CURLOPT_TCP_NODELAY, 1)
        if request.freshConnection { set(CURLOPT_FRESH_CONNECT, 1) }
        set(CURLOPT_USERAGENT, request.userAgent)
        set(CURLOPT_HTTPHEADER, pointer: UnsafeRawPointer(headers))
        set(CURLOPT_ERRORBUFFER, pointer: UnsafeRawPointer(errorBuffer))
        if let bufferSize { set(CURLOPT_BUFFERSIZE, bufferSize) }
        if rc == CURLE_OK { rc = elko_curl_setopt_write_callback(h, write) }
        set(CURLOPT_WRITEDATA, pointer: UnsafeRawPointer(userdata))
        if rc == CURLE_OK { rc = elko_curl_setopt_header_callback(h, header) }
        set(CURLOPT_HEADERDATA, pointer: UnsafeRawPointer(userdata))
        switch request.method {
        case "GET": set(CURLOPT_HTTPGET, 1)
        case "POST": set(CURLOPT_POST, 1)
        default: set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            if rc == CURLE_OK { rc = elko_curl_setopt_off_t(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)) }
            // COPYPOSTFIELDS: libcurl keeps its own copy, so the array's lifetime does not matter.
            if rc == CURLE_OK {
                rc = body.withUnsafeBytes { raw in
                    withUnsafePointer(to: 0 as UInt8) { empty in
                        elko_curl_setopt_pointer(h, CURLOPT_COPYPOSTFIELDS, raw.baseAddress ?? UnsafeRawPointer(empty))
                    }
                }
            }
        }
        return rc
    }

    /// What a failed transfer means for the caller.
    static func errorCode(for result: CURLcode) -> ErrorCode {
        switch result {
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_BAD_CONTENT_ENCODING, CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: .protocol
        case CURLE_OUT_OF_MEMORY: .internal
        default: .network
        }
    }
}

/// One line libcurl hands the header callback, read once for every transfer kind.
enum HeaderLine {
    /// `HTTP/1.1 200 OK`: a new response starts (there may be 1xx ones before the real one).
    case status(Int)
    /// `Name: value`, the name lowercased, both trimmed.
    case field(name: String, value: String)
    /// The empty line that ends the head.
    case end
    case other

    init(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self)
        if Text.hasPrefixIgnoringASCIICase(line, "HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            self = .status(parts.count >= 2 ? Int(Text.trimmed(String(parts[1]))) ?? 0 : 0)
        } else if let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(line[line.startIndex..<colon])
            let value = String(line[line.index(after: colon)...])
            self = .field(name: Text.lowercasedASCII(Text.trimmed(name)), value: Text.trimmed(value))
        } else if Text.trimmed(line).isEmpty {
            self = .end
        } else {
            self = .other
        }
    }
}

/// What one whole-body transfer owns while libcurl runs: the request's header list and the buffer
/// libcurl writes its error text into. Freed when the value goes away.
final class TransferResources {
    let headers: UnsafeMutablePointer<curl_slist>?
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// Nil when libcurl cannot allocate the header list.
    init?(headers lines: [String]) {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                return nil
            }
            list = appended
        }
        headers = list
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_slist_free_all(headers)
        errorBuffer.deallocate()
    }
}
