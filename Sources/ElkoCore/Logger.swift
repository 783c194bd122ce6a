import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `"log_level"`: what is logged. The raw values are the C ABI's `elko_log_level`.
public enum LogLevel: Int32, Sendable, Comparable, CaseIterable {
    case off = 0, error = 1, warn = 2, info = 3, debug = 4

    public var name: String {
        switch self {
        case .off: "off"
        case .error: "error"
        case .warn: "warn"
        case .info: "info"
        case .debug: "debug"
        }
    }

    public init?(name: String) {
        guard let l = Self.allCases.first(where: { $0.name == Text.lowercasedASCII(name) }) else { return nil }
        self = l
    }

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
}

/// Where log lines go. A callback is called synchronously on the thread that made the call being
/// logged, never on another one (the library has no threads; PHP FFI crashes on foreign threads).
public enum LogSink: Sendable {
    case stderr
    case file(LogFile)
    /// level, one line without a newline
    case callback(@Sendable (LogLevel, String) -> Void)
}

/// A log file opened for appending; each line is written whole (stdio locks the stream) and flushed.
public final class LogFile: @unchecked Sendable {
    // @unchecked: the FILE is only written through stdio, which locks it per call.
    private let file: UnsafeMutablePointer<FILE>
    public let path: String

    public static func open(_ path: String) -> Result<LogFile, ElkoError> {
        guard let f = fopen(path, "a") else {
            return .failure(.invalidArgument("options: cannot open \"log_file\" \(path) for appending (errno \(errno))"))
        }
        return .success(LogFile(file: f, path: path))
    }

    private init(file: UnsafeMutablePointer<FILE>, path: String) {
        self.file = file
        self.path = path
    }

    deinit { fclose(file) }

    func write(_ line: String) {
        _ = (line + "\n").withCString { fputs($0, file) }
        fflush(file)
    }
}

/// A client's logger: a level and a sink (the sink can be replaced by a C callback after creation).
/// Every line has the token removed before it leaves (no code path means to put it there).
public final class Logger: Sendable {
    public let level: LogLevel
    private let configured: LogSink
    private let override = Mutex<LogSink?>(nil)
    private let secret: String

    public init(level: LogLevel, sink: LogSink, secret: String) {
        self.level = level
        self.configured = sink
        self.secret = secret
    }

    /// Replaces the sink (nil: back to the configured one).
    public func setSink(_ sink: LogSink?) {
        override.withLock { $0 = sink }
    }

    public func enabled(_ l: LogLevel) -> Bool { l != .off && l <= level }

    public func log(_ l: LogLevel, _ message: @autoclosure () -> String) {
        guard enabled(l) else { return }
        var line = "elko \(l.name): " + message()
        if !secret.isEmpty { line = Text.replacing(secret, in: line, with: "[token]") }
        line = String(decoding: line.utf8.map { $0 == 10 || $0 == 13 ? 32 : $0 }, as: UTF8.self)
        switch override.withLock({ $0 }) ?? configured {
        case .stderr:
            // One write(2) per line: lines of several threads do not interleave.
            var bytes = Array((Self.timestamp() + " " + line + "\n").utf8)
            bytes.withUnsafeMutableBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
        case .file(let f): f.write(Self.timestamp() + " " + line)
        case .callback(let cb): cb(l, line)
        }
    }

    /// UTC, ISO 8601 with milliseconds.
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var parts = tm()
        gmtime_r(&t, &parts)
        var buf = [CChar](repeating: 0, count: 32)
        let n = strftime(&buf, buf.count, "%Y-%m-%dT%H:%M:%S", &parts)
        let ms = Int(ts.tv_nsec / 1_000_000)
        let base = String(decoding: buf.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return base + "." + String(ms + 1000).dropFirst() + "Z"
    }
}
