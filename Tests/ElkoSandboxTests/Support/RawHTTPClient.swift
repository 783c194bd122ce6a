// A small blocking HTTP/1.1 client over POSIX sockets, for tests that must see exactly what the sandbox
// sends: status, header order and spelling, body bytes, whether the connection was kept or closed, and
// whether a body was cut short. Not a general-purpose client: no TLS, no redirects, no proxy, no retries
// (a request that meets a closed connection after it was sent fails rather than being silently resent).

// Linux only (Glibc socket constants and MSG_NOSIGNAL).
import Glibc

enum RawHTTPError: Error, CustomStringConvertible, Equatable {
    /// The peer closed the connection before sending any byte of a response.
    case connectionClosed
    /// The peer reset the connection (ECONNRESET) before a complete response head arrived.
    case connectionReset
    /// No progress before the deadline.
    case timeout
    case connectFailed(String)
    case malformedResponse(String)
    case io(String)

    var description: String {
        switch self {
        case .connectionClosed: "connection closed before any response bytes"
        case .connectionReset: "connection reset by peer"
        case .timeout: "timed out"
        case .connectFailed(let m): "connect failed: \(m)"
        case .malformedResponse(let m): "malformed response: \(m)"
        case .io(let m): "I/O error: \(m)"
        }
    }
}

struct RawResponse {
    var status: Int
    /// Header fields as received, in order, names as spelled by the server.
    var headers: [(String, String)]
    var body: [UInt8]
    /// False when the connection ended before all of the body (by Content-Length or chunking) arrived.
    var bodyComplete: Bool

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The first header named `name` (ASCII case-insensitive).
    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first(where: { $0.0.lowercased() == lower })?.1
    }

    /// Every value of the headers named `name`, in order.
    func headers(named name: String) -> [String] {
        let lower = name.lowercased()
        return headers.filter { $0.0.lowercased() == lower }.map(\.1)
    }
}

final class RawHTTPClient {
    let host: String
    let port: Int
    /// How many TCP connections this client has opened.
    private(set) var connectCount = 0
    private var fd: Int32 = -1
    /// Bytes received past the end of the previous response (pipelining leftovers).
    private var pending: [UInt8] = []
    private var readBuffer = [UInt8](repeating: 0, count: 256 * 1024)

    init(host: String = "127.0.0.1", port: Int) {
        self.host = host
        self.port = port
    }

    deinit { close() }

    /// Whether a connection is currently open.
    var isConnected: Bool { fd >= 0 }

    func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
        pending.removeAll()
    }

    /// Sends one request and reads the response. `Host` and `Content-Length` are added unless `headers`
    /// already has them (so tests can send wrong ones); `Content-Length: 0` is sent for a body-less
    /// POST/PUT/PATCH. The connection is reused when the server kept it open.
    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        timeout: Double = 10
    ) throws -> RawResponse {
        let deadline = Self.now() + timeout
        if fd >= 0 && !connectionLooksAlive() { close() }
        if fd < 0 { try connect(deadline: deadline) }

        var head = "\(method) \(path) HTTP/1.1\r\n"
        let names = Set(headers.map { $0.0.lowercased() })
        if !names.contains("host") { head += "Host: \(host):\(port)\r\n" }
        if !names.contains("content-length") && !names.contains("transfer-encoding") {
            if let body {
                head += "Content-Length: \(body.count)\r\n"
            } else if ["POST", "PUT", "PATCH"].contains(method.uppercased()) {
                head += "Content-Length: 0\r\n"
            }
        }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        var request = Array(head.utf8)
        if let body { request += body }

        do {
            try writeAll(request, deadline: deadline)
            let response = try readResponse(isHead: method.uppercased() == "HEAD", deadline: deadline)
            return response
        } catch {
            close()
            throw error
        }
    }

    /// Runs `body` and returns its result with the wall-clock seconds it took.
    static func elapsed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let result = try body()
        return (result, now() - start)
    }

    // MARK: - Connection

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func errnoText(_ code: Int32) -> String {
        guard let p = strerror(code) else { return "errno \(code)" }
        return "\(String(cString: p)) (errno \(code))"
    }

    private func connect(deadline: Double) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>? = nil
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw RawHTTPError.connectFailed("cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no addresses for \(host)"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let ai = cursor {
            cursor = ai.pointee.ai_next
            let s = socket(ai.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            if s < 0 { lastError = Self.errnoText(errno); continue }
            // Non-blocking connect so that the deadline applies; the socket stays non-blocking and
            // every read and write waits with poll().
            let flags = fcntl(s, F_GETFL, 0)
            _ = fcntl(s, F_SETFL, flags | O_NONBLOCK)
            var r = Glibc.connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen)
            if r < 0 && errno == EINPROGRESS {
                do {
                    try waitFor(s, events: Int16(POLLOUT), deadline: deadline)
                } catch {
                    _ = Glibc.close(s)
                    throw error
                }
                var soError: Int32 = 0
                var len = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(s, SOL_SOCKET, SO_ERROR, &soError, &len)
                if soError != 0 { errno = soError; r = -1 } else { r = 0 }
            }
            if r < 0 {
                lastError = Self.errnoText(errno)
                _ = Glibc.close(s)
                continue
            }
            var one: Int32 = 1
            setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            fd = s
            connectCount += 1
            pending.removeAll()
            return
        }
        throw RawHTTPError.connectFailed("\(host):\(port): \(lastError)")
    }

    /// False when the server has closed (or reset) the idle connection, or sent something unasked.
    private func connectionLooksAlive() -> Bool {
        if !pending.isEmpty { return false }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let r = poll(&p, 1, 0)
        if r == 0 { return true }
        if r < 0 { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK))
        if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return true }
        return false  // 0 = orderly close, > 0 = unexpected bytes, < 0 = error
    }

    private func waitFor(_ s: Int32, events: Int16, deadline: Double) throws {
        while true {
            let remaining = deadline - Self.now()
            if remaining <= 0 { throw RawHTTPError.timeout }
            var p = pollfd(fd: s, events: events, revents: 0)
            let r = poll(&p, 1, Int32(min(remaining * 1000 + 1, Double(Int32.max))))
            if r > 0 { return }
            if r == 0 { continue }
            if errno == EINTR { continue }
            throw RawHTTPError.io("poll: \(Self.errnoText(errno))")
        }
    }

    private func writeAll(_ bytes: [UInt8], deadline: Double) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n > 0 { offset += n; continue }
            let e = errno
            if n < 0 && (e == EAGAIN || e == EWOULDBLOCK) {
                try waitFor(fd, events: Int16(POLLOUT), deadline: deadline)
                continue
            }
            if n < 0 && e == EINTR { continue }
            if e == ECONNRESET { throw RawHTTPError.connectionReset }
            if e == EPIPE { throw RawHTTPError.connectionClosed }
            throw RawHTTPError.io("send: \(Self.errnoText(e))")
        }
    }

    private enum ReadResult { case data(Int), eof, reset }

    /// Reads more bytes into `buffer`.
    private func readMore(into buffer: inout [UInt8], deadline: Double) throws -> ReadResult {
        while true {
            let n = readBuffer.withUnsafeMutableBytes { raw in recv(fd, raw.baseAddress, raw.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: readBuffer[0..<n])
                return .data(n)
            }
            if n == 0 { return .eof }
            let e = errno
            if e == EAGAIN || e == EWOULDBLOCK {
                try waitFor(fd, events: Int16(POLLIN), deadline: deadline)
                continue
            }
            if e == EINTR { continue }
            if e == ECONNRESET { return .reset }
            throw RawHTTPError.io("recv: \(Self.errnoText(e))")
        }
    }

    // MARK: - Response parsing

    private func readResponse(isHead: Bool, deadline: Double) throws -> RawResponse {
        var buffer = pending
        pending.removeAll()
        while true {
            // Head.
            var headEnd: Int? = Self.find(crlfcrlf, in: buffer, from: 0)
            while headEnd == nil {
                let searchFrom = max(0, buffer.count - 3)
                switch try readMore(into: &buffer, deadline: deadline) {
                case .data: headEnd = Self.find(crlfcrlf, in: buffer, from: searchFrom)
                case .eof:
                    if buffer.isEmpty { throw RawHTTPError.connectionClosed }
                    throw RawHTTPError.malformedResponse(
                        "connection closed inside the response head after \(buffer.count) bytes")
                case .reset: throw RawHTTPError.connectionReset
                }
            }
            guard let end = headEnd else { throw RawHTTPError.malformedResponse("no head") }
            let headText = String(decoding: buffer[0..<end], as: UTF8.self)
            var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
            let statusLine = lines.removeFirst()
            let statusParts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), statusParts[1].count == 3,
                let status = Int(statusParts[1])
            else { throw RawHTTPError.malformedResponse("bad status line \"\(statusLine)\"") }
            let isHTTP10 = statusParts[0] == "HTTP/1.0"
            var headers: [(String, String)] = []
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else {
                    throw RawHTTPError.malformedResponse("bad header line \"\(line)\"")
                }
                let name = String(line[..<colon])
                var value = Substring(line[line.index(after: colon)...])
                while value.first == " " || value.first == "\t" { value = value.dropFirst() }
                while value.last == " " || value.last == "\t" { value = value.dropLast() }
                headers.append((name, String(value)))
            }
            buffer.removeFirst(end + 4)

            if (100..<200).contains(status) && status != 101 {
                continue  // interim response (100 Continue): read the real one
            }
            var response = RawResponse(status: status, headers: headers, body: [], bodyComplete: true)
            let connectionTokens = response.headers(named: "Connection").joined(separator: ",").lowercased()
            var mustClose = connectionTokens.contains("close") || (isHTTP10 && !connectionTokens.contains("keep-alive"))

            if isHead || status == 204 || status == 304 {
                // No body.
            } else if let te = response.header("Transfer-Encoding"), te.lowercased().contains("chunked") {
                let (body, complete) = try readChunked(&buffer, deadline: deadline)
                response.body = body
                response.bodyComplete = complete
                if !complete { mustClose = true }
            } else if let lengthText = response.header("Content-Length") {
                guard let length = Int(lengthText.trimmingCharacters()), length >= 0 else {
                    throw RawHTTPError.malformedResponse("bad Content-Length \"\(lengthText)\"")
                }
                var ended = false
                while buffer.count < length && !ended {
                    switch try readMore(into: &buffer, deadline: deadline) {
                    case .data: break
                    case .eof, .reset: ended = true
                    }
                }
                let take = min(length, buffer.count)
                response.body = Array(buffer[0..<take])
                buffer.removeFirst(take)
                response.bodyComplete = take == length
                if ended { mustClose = true }
            } else {
                // Delimited by the end of the connection.
                var ended = false
                while !ended {
                    switch try readMore(into: &buffer, deadline: deadline) {
                    case .data: break
                    case .eof, .reset: ended = true
                    }
                }
                response.body = buffer
                buffer.removeAll()
                mustClose = true
            }
            if mustClose {
                close()
            } else {
                pending = buffer
            }
            return response
        }
    }

    /// Reads a chunked body from `buffer` (refilled from the socket). Returns the body and whether the
    /// terminating zero-size chunk (and trailers) arrived.
    private func readChunked(_ buffer: inout [UInt8], deadline: Double) throws -> ([UInt8], Bool) {
        var body: [UInt8] = []
        var pos = 0
        func fill(_ needed: Int) throws -> Bool {
            while buffer.count - pos < needed {
                switch try readMore(into: &buffer, deadline: deadline) {
                case .data: break
                case .eof, .reset: return false
                }
            }
            return true
        }
        func readLine() throws -> String? {
            while true {
                if let e = Self.find(crlf, in: buffer, from: pos) {
                    let line = String(decoding: buffer[pos..<e], as: UTF8.self)
                    pos = e + 2
                    return line
                }
                switch try readMore(into: &buffer, deadline: deadline) {
                case .data: break
                case .eof, .reset: return nil
                }
            }
        }
        while true {
            guard let sizeLine = try readLine() else { buffer.removeFirst(min(pos, buffer.count)); return (body, false) }
            let sizeText = sizeLine.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(), radix: 16), size >= 0 else {
                throw RawHTTPError.malformedResponse("bad chunk size line \"\(sizeLine)\"")
            }
            if size == 0 {
                // Trailers until an empty line.
                while true {
                    guard let line = try readLine() else { buffer.removeFirst(min(pos, buffer.count)); return (body, false) }
                    if line.isEmpty { break }
                }
                buffer.removeFirst(pos)
                return (body, true)
            }
            guard try fill(size + 2) else {
                body.append(contentsOf: buffer[pos..<buffer.count].prefix(size))
                buffer.removeAll()
                return (body, false)
            }
            body.append(contentsOf: buffer[pos..<(pos + size)])
            guard buffer[pos + size] == 0x0D, buffer[pos + size + 1] == 0x0A else {
                throw RawHTTPError.malformedResponse("chunk not followed by CRLF")
            }
            pos += size + 2
        }
    }

    private let crlf: [UInt8] = [0x0D, 0x0A]
    private let crlfcrlf: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = max(0, from)
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == needle[0] {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
