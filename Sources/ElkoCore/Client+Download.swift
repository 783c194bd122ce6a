import CCurl
import ElkoAPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Client {
    /// Downloads an operation's answer to a file, for jobs that keep the raw catalog: ELKO's bytes go
    /// straight from libcurl's write callback to a temporary file in the same directory
    /// (`.<name>.elko-<pid>-<random>.tmp`), which is fsync'd and renamed over `path` once the answer is
    /// complete (and the directory fsync'd), so `path` always holds either the old file or a whole
    /// answer. On any error the temporary file is removed and `path` is left untouched. Memory is
    /// bounded by libcurl's receive buffer, not by the answer.
    ///
    /// The request goes through the limiter, dry run, logging and retries like `call` (an attempt that
    /// fails is retried from an empty temporary file when the operation may be retried). HTTP errors are
    /// mapped as `call` maps them. For list operations with the JSON format the answer must be a JSON
    /// array (`[` ... `]`, checked as it is written, nothing parsed); other answers are written as sent.
    /// Returns the number of bytes written.
    public func download(
        operation name: String, params: JSONValue?, to path: String, options: CallOptions = CallOptions()
    ) -> Result<Int64, ElkoError> {
        guard let op = OperationTable.named(name) else {
            return .failure(.invalidArgument("unknown operation \"\(name)\" (`elko operations` lists them)"))
        }
        guard !path.isEmpty, !path.utf8.contains(0) else {
            return .failure(.invalidArgument("download: the path is empty or holds a NUL byte", operation: op.name))
        }
        let built: RequestBuilder.Built
        switch builder.build(op, params: params) {
        case .success(let b): built = b
        case .failure(let e): return .failure(e.redacting(configuration.token))
        }
        let file: DownloadFile
        switch DownloadFile.create(for: path) {
        case .success(let f): file = f
        case .failure(var e):
            e.operation = op.name
            return .failure(e)
        }
        let checkArray = op.answersList && configuration.format == .json
        let method = built.method.rawValue
        let result = sendWithRetries(
            operation: op.name, method: method, target: built.target, idempotent: op.idempotent, options: options
        ) { attempt in
            if let e = file.rewind() { return .failure(e.with(operation: op.name)) }
            let request = httpRequest(method: method, target: built.target, body: built.body, idempotent: op.idempotent,
                                      timeoutMs: attempt.timeoutMs)
            switch DownloadTransfer.perform(request, into: file) {
            case .failure(let e): return .failure(e.with(operation: op.name))
            case .success(let response):
                if let e = Self.error(for: response, operation: op.name, blockMs: configuration.rateLimit.blockMs) {
                    return .failure(e)
                }
                if checkArray, let problem = file.notArray {
                    return .failure(ElkoError(
                        .protocol, "\(op.name): the answer is not a JSON array (\(problem)); \(path) was left untouched",
                        httpStatus: response.status, operation: op.name))
                }
                return .success(HTTPResponse(status: response.status, headers: response.headers, body: []))
            }
        }
        switch result {
        case .failure(let e):
            file.discard()
            return .failure(e.redacting(configuration.token))
        case .success:
            if let e = file.commit() { return .failure(e.with(operation: op.name)) }
            return .success(file.written)
        }
    }

    /// `download` with params as JSON text (empty text means no params).
    public func download(
        operation name: String, paramsJSON: UnsafeRawBufferPointer, to path: String, options: CallOptions = CallOptions()
    ) -> Result<Int64, ElkoError> {
        if paramsJSON.allSatisfy(Text.isSpace) { return download(operation: name, params: nil, to: path, options: options) }
        switch JSONValue.parse(paramsJSON, context: "params") {
        case .success(let doc): return download(operation: name, params: doc, to: path, options: options)
        case .failure(var e):
            e.operation = OperationTable.named(name)?.name
            return .failure(e.redacting(configuration.token))
        }
    }

    public func download(
        operation name: String, paramsJSON: String, to path: String, options: CallOptions = CallOptions()
    ) -> Result<Int64, ElkoError> {
        Array(paramsJSON.utf8).withUnsafeBytes { download(operation: name, paramsJSON: $0, to: path, options: options) }
    }
}

extension ElkoError {
    fileprivate func with(operation: String) -> ElkoError {
        var e = self
        if e.operation == nil { e.operation = operation }
        return e
    }
}

/// write(2), under another name than `DownloadFile.write`.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}

/// The temporary file of a download and what was written to it. One owner at a time.
final class DownloadFile {
    let path: String
    let tempPath: String
    private var fd: Int32
    private(set) var written: Int64 = 0
    /// The first write error (errno), which aborts the transfer.
    private(set) var writeErrno: Int32 = 0
    /// First and last non-whitespace bytes written (to check a list answer is `[` ... `]`).
    private var first: UInt8 = 0
    private var last: UInt8 = 0
    private var done = false

    private init(path: String, tempPath: String, fd: Int32) {
        self.path = path
        self.tempPath = tempPath
        self.fd = fd
    }

    deinit { discard() }

    /// Creates the temporary file next to `path` (exclusively, mode 0666 minus the umask).
    static func create(for path: String) -> Result<DownloadFile, ElkoError> {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let dir = slash.map { String(path[path.startIndex..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty, base != ".", base != ".." else {
            return .failure(.invalidArgument("download: \"\(path)\" names a directory, not a file"))
        }
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            return .failure(.invalidArgument("download: \"\(path)\" is a directory"))
        }
        let prefix = (dir.isEmpty ? "" : dir + "/") + "." + base + ".elko-\(getpid())-"
        for _ in 0..<16 {
            let temp = prefix + String(UInt32.random(in: 0...UInt32.max), radix: 16) + ".tmp"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return .success(DownloadFile(path: path, tempPath: temp, fd: fd)) }
            let e = errno
            if e == EEXIST { continue }
            return .failure(.invalidArgument(
                "download: cannot create a temporary file in \(dir.isEmpty ? "/" : dir) for \(path): \(String(cString: strerror(e)))"))
        }
        return .failure(ElkoError(.internal, "download: no free temporary file name next to \(path)"))
    }

    /// Empties the file for a new attempt.
    func rewind() -> ElkoError? {
        written = 0
        writeErrno = 0
        first = 0
        last = 0
        guard fd >= 0, ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else {
            return ElkoError(.internal, "download: cannot truncate \(tempPath): \(String(cString: strerror(errno)))")
        }
        return nil
    }

    /// Writes all of `chunk`; false (and `writeErrno` set) on failure.
    func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return true }
        for i in 0..<chunk.count {
            let b = chunk[i]
            if !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) {
                if first == 0 { first = b }
                break
            }
        }
        var j = chunk.count - 1
        while j >= 0 {
            let b = chunk[j]
            if !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) {
                last = b
                break
            }
            j -= 1
        }
        var offset = 0
        while offset < chunk.count {
            let n = systemWrite(fd, base + offset, chunk.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                writeErrno = errno
                return false
            }
            offset += n
        }
        written += Int64(chunk.count)
        return true
    }

    /// Why what was written is not `[` ... `]`, or nil.
    var notArray: String? {
        if first == 0 { return "the answer is empty" }
        if first != UInt8(ascii: "[") { return "it starts with byte 0x\(String(first, radix: 16))" }
        if last != UInt8(ascii: "]") { return "it does not end with ']'" }
        return nil
    }

    var writeError: String { "writing \(tempPath): \(String(cString: strerror(writeErrno)))" }

    /// fsync, close, rename over `path`, fsync the directory. On failure the temporary file is removed.
    func commit() -> ElkoError? {
        guard !done else { return ElkoError(.internal, "download: the file was already committed or discarded") }
        if fsync(fd) != 0 {
            let e = ElkoError(.internal, "download: fsync of \(tempPath) failed: \(String(cString: strerror(errno))); \(path) was left untouched")
            discard()
            return e
        }
        let rc = close(fd)
        fd = -1
        if rc != 0 {
            let e = ElkoError(.internal, "download: closing \(tempPath) failed: \(String(cString: strerror(errno))); \(path) was left untouched")
            discard()
            return e
        }
        if rename(tempPath, path) != 0 {
            let e = ElkoError(.invalidArgument, "download: cannot rename \(tempPath) to \(path): \(String(cString: strerror(errno))); \(path) was left untouched")
            discard()
            return e
        }
        done = true
        // Make the rename itself durable (best effort: some file systems refuse fsync on a directory).
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let dir = slash.map { String(path[path.startIndex..<$0]) } ?? "."
        let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            _ = close(dfd)
        }
        return nil
    }

    /// Closes and removes the temporary file (nothing when already committed). Idempotent.
    func discard() {
        if fd >= 0 {
            _ = close(fd)
            fd = -1
        }
        if !done {
            done = true
            _ = unlink(tempPath)
        }
    }
}

/// One exchange whose 2xx body goes to a `DownloadFile` as it arrives (error bodies are kept in memory,
/// up to `Client.maxErrorBody`, for the error).
enum DownloadTransfer {
    final class Sink {
        let file: DownloadFile
        var status = 0
        var headers: [(name: String, value: String)] = []
        var errorBody: [UInt8] = []
        var failedWrite = false
        init(file: DownloadFile) { self.file = file }
    }

    static func perform(_ request: HTTPRequest, into file: DownloadFile) -> Result<HTTPResponse, ElkoError> {
        guard let h = CurlTransport.threadHandle() else {
            return .failure(ElkoError(.internal, "libcurl could not be initialised"))
        }
        curl_easy_reset(h)
        let sink = Sink(file: file)
        guard let resources = TransferResources(headers: request.headers) else {
            return .failure(ElkoError(.internal, "out of memory building request headers"))
        }
        // Kept alive to the end: libcurl holds its pointers and the error text is read after the transfer.
        defer { withExtendedLifetime(resources) {} }
        let errorBuffer = resources.errorBuffer
        let rc = CurlTransport.applyOptions(
            h, request, headers: resources.headers, errorBuffer: errorBuffer, write: writeCallback, header: headerCallback,
            userdata: Unmanaged.passUnretained(sink).toOpaque(), bufferSize: 128 * 1024)
        guard rc == CURLE_OK else {
            _ = elko_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, nil)
            return .failure(ElkoError(.internal, "libcurl refused an option: \(String(cString: curl_easy_strerror(rc)))"))
        }
        let result = withExtendedLifetime(sink) { curl_easy_perform(h) }
        _ = elko_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, nil)
        if sink.failedWrite {
            return .failure(ElkoError(.internal, "download: \(file.writeError); \(file.path) was left untouched"))
        }
        guard result == CURLE_OK else {
            var detail = String(cString: errorBuffer)
            if detail.isEmpty { detail = String(cString: curl_easy_strerror(result)) }
            let got = (200..<300).contains(sink.status) ? " after \(file.written) bytes of the answer" : ""
            return .failure(ElkoError(CurlTransport.errorCode(for: result),
                                      "\(request.method) \(request.url): \(detail)\(got) (curl error \(result.rawValue))"))
        }
        var status = 0
        _ = elko_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.errorBody))
    }

    private static let writeCallback: elko_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let (n, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
        guard n > 0, let data else { return n }
        let chunk = UnsafeRawBufferPointer(start: data, count: n)
        if (200..<300).contains(sink.status) {
            guard sink.file.write(chunk) else {
                sink.failedWrite = true
                return 0  // aborts the transfer (CURLE_WRITE_ERROR)
            }
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
        guard n > 0, let data else { return n }
        switch HeaderLine(UnsafeRawBufferPointer(start: data, count: n)) {
        case .status(let status):
            // A new response (after a 1xx): start over.
            sink.headers.removeAll()
            sink.status = status
        case .field(let name, let value): sink.headers.append((name, value))
        case .end, .other: break
        }
        return n
    }
}
