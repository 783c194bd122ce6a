import ElkoAPI
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// ELKO counts requests per account, not per process: PHP-FPM workers, a Python sync job and a C program
// that use one token must share one budget or they exceed the limit together and lose a minute of the
// API. This store keeps each token's limiter state in a small file that every process on the machine
// reads and rewrites under `flock`.
//
// Fault model:
// - A process killed while it holds the lock: `flock` belongs to the open file description, which the
//   kernel closes with the process, so the lock goes with it (no lock files, no PIDs, no stale locks).
// - A process killed mid-write: the state is written as one record with a checksum by one `pwrite`; a
//   record that does not parse or check is rebuilt on the safe side (the window full at "now"), with a
//   warning, so the worst a damaged file costs is one window of waiting, never a 403 block.
// - fork(): nothing is held between operations (the file is opened, locked, read, written and closed
//   in each `update`), and the lock is never held across a send.
// - The wall clock (the only clock processes share) stepping back: the record keeps the latest time it
//   was written at; a read that finds it in the future shifts every time in it back by the step, so a
//   window or a block is never stretched (and `RateLimiter.decide` treats future times as now anyway).
// - A directory that cannot be created or written: the client falls back to the in-process store and
//   says so once.

/// The limiter's state shared by every process of the machine: one file per token in a state directory,
/// named by the token's SHA-256 (`<hex>.ratelimit`, never the token), rewritten under `flock(LOCK_EX)`.
/// Times are wall-clock milliseconds (`CLOCK_REALTIME`).
///
/// Record (little-endian): `"ELKORL1\0"`, UInt32 count, UInt32 0, Int64 blockedUntil, Int64 stamp (the
/// wall-clock time of the write), count × Int64 admission times, UInt64 FNV-1a of everything before.
public final class FileRateLimitStore: RateLimitStore {
    /// The directory as configured (`state_dir`, `ELKO_STATE_DIR`, else `defaultDirectory()`).
    public let directory: String
    /// Whether `directory` is the per-user default: it must then belong to this user and be writable by
    /// nobody else; a directory given explicitly may be shared by a group (it must not be world-writable
    /// without the sticky bit).
    public let isDefaultDirectory: Bool
    /// How many admissions a damaged file is rebuilt with (the client's `requests`: the window is full).
    public let assumeFullWindow: Int
    /// How long `update` waits for another process's lock before it gives up (no request is sent).
    public let lockTimeoutMs: Int64
    private let warn: @Sendable (String) -> Void
    private let fallback: InProcessRateLimitStore
    private let clock: @Sendable () -> Int64
    /// 0 = not checked yet, 1 = ready, 2 = fallen back to the in-process store. An atomic rather than a
    /// lock: a process that forks while another thread is inside must not inherit a held lock.
    private let mode = Atomic<Int>(0)

    public static let fileSuffix = ".ratelimit"
    static let magic: [UInt8] = Array("ELKORL1".utf8) + [0]
    static let headerSize = 32
    /// More admissions than any valid `requests` (1 ... 100000) can leave in a record.
    static let maxCount = 200_000

    /// - Parameters:
    ///   - directory: nil = the default (`defaultDirectory()`).
    ///   - warn: where warnings go (a damaged file, the fallback); the client passes its logger.
    ///   - fallback: the store used when the directory cannot be used.
    ///   - clock: wall-clock milliseconds; tests step it back.
    public init(
        directory: String?, assumeFullWindow: Int = RateLimitSettings().requests, lockTimeoutMs: Int64 = 5_000,
        warn: @escaping @Sendable (String) -> Void = { _ in },
        fallback: InProcessRateLimitStore = .shared,
        clock: @escaping @Sendable () -> Int64 = WallClock.nowMs
    ) {
        self.isDefaultDirectory = directory == nil
        self.directory = directory ?? Self.defaultDirectory()
        self.assumeFullWindow = max(1, assumeFullWindow)
        self.lockTimeoutMs = lockTimeoutMs
        self.warn = warn
        self.fallback = fallback
        self.clock = clock
    }

    /// `/tmp/elko-<uid>`: the same for every process of the user whatever its environment (a cron job,
    /// an FPM worker and a login shell see different `$XDG_RUNTIME_DIR`/`$HOME`, and would not share).
    public static func defaultDirectory() -> String { "/tmp/elko-\(geteuid())" }

    /// The file of a token's state.
    public func path(for key: RateLimitKey) -> String { directory + "/" + key.hex + Self.fileSuffix }

    /// True once the store has fallen back to the in-process store (the directory was unusable).
    public var isFallenBack: Bool { mode.load(ordering: .acquiring) == 2 }

    public func now() -> Int64 { isFallenBack ? fallback.now() : clock() }

    public func update<R>(_ key: RateLimitKey, _ body: (inout RateLimitState, Int64) -> R) -> Result<R, ElkoError> {
        if mode.load(ordering: .acquiring) == 0 {
            if let problem = prepareDirectory() {
                fallBack("rate-limit state directory \(directory): \(problem)")
            } else {
                mode.store(1, ordering: .releasing)
            }
        }
        if isFallenBack { return fallback.update(key, body) }

        let file = path(for: key)
        var fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd < 0, errno == ENOENT, prepareDirectory() == nil {  // the directory was removed: once more
            fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        }
        guard fd >= 0 else {
            fallBack("cannot open \(file) (\(Self.describeErrno(errno)))")
            return fallback.update(key, body)
        }
        defer { close(fd) }  // also releases the lock
        shareWithGroupIfTheDirectoryIs(fd)
        if let problem = lock(fd) {
            return .failure(ElkoError(
                .rateLimited,
                "nothing was sent: the shared rate-limit state \(file) \(problem); retry after \(lockTimeoutMs) ms",
                retryAfterMs: lockTimeoutMs))
        }

        let now = clock()
        var state: RateLimitState
        switch read(fd) {
        case .empty:
            state = RateLimitState()
        case .valid(let s, let stamp):
            state = s
            if stamp > now {
                // The wall clock stepped back: move every time back by the step, so that nothing lasts
                // longer than it would have (what passed since the write is unknown; assume nothing did).
                let step = stamp - now
                state.sent = state.sent.map { $0 - step }
                if state.blockedUntil > 0 { state.blockedUntil = max(1, state.blockedUntil - step) }
            }
        case .damaged(let why):
            warn("rate-limit state \(file) is damaged (\(why)): rebuilt as a full window (\(assumeFullWindow) requests now), so nothing is sent for one window")
            state = RateLimitState(sent: Array(repeating: now, count: assumeFullWindow), blockedUntil: 0)
        }
        let result = body(&state, now)
        if let problem = write(fd, state, stamp: now) {
            // The decision stands (it was taken on the shared state); later ones are made in-process.
            fallBack("cannot write \(file) (\(problem))")
        }
        return .success(result)
    }

    // MARK: Directory

    /// Creates the directory (0700) if needed and checks it may hold the budget; nil when it may.
    func prepareDirectory() -> String? {
        guard directory.hasPrefix("/") else { return "not an absolute path" }
        if isDefaultDirectory {
            if mkdir(directory, 0o700) != 0, errno != EEXIST { return "cannot create it (\(Self.describeErrno(errno)))" }
            var st = stat()
            guard lstat(directory, &st) == 0 else { return "cannot stat it (\(Self.describeErrno(errno)))" }
            guard (st.st_mode & S_IFMT) == S_IFDIR else { return "not a directory (or a symbolic link)" }
            guard st.st_uid == geteuid() else { return "owned by another user (uid \(st.st_uid))" }
            guard st.st_mode & 0o022 == 0 else { return "writable by other users (mode \(String(st.st_mode & 0o7777, radix: 8)))" }
        } else {
            if let problem = Self.makeDirectories(directory) { return problem }
            var st = stat()
            guard stat(directory, &st) == 0 else { return "cannot stat it (\(Self.describeErrno(errno)))" }
            guard (st.st_mode & S_IFMT) == S_IFDIR else { return "not a directory" }
            if st.st_mode & 0o002 != 0, st.st_mode & 0o1000 == 0 {
                return "world-writable without the sticky bit (mode \(String(st.st_mode & 0o7777, radix: 8))): anyone could replace the budget"
            }
        }
        guard access(directory, W_OK | X_OK) == 0 else { return "not writable (\(Self.describeErrno(errno)))" }
        return nil
    }

    /// `mkdir -p` with mode 0700 for what it creates.
    static func makeDirectories(_ path: String) -> String? {
        var prefix = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                return "cannot create \(prefix) (\(describeErrno(errno)))"
            }
        }
        return nil
    }

    /// In a directory shared by a group, the files must be writable by the group too.
    private func shareWithGroupIfTheDirectoryIs(_ fd: Int32) {
        guard !isDefaultDirectory else { return }
        var dir = stat(), file = stat()
        guard stat(directory, &dir) == 0, dir.st_mode & 0o020 != 0, fstat(fd, &file) == 0,
              file.st_uid == geteuid(), file.st_mode & 0o060 != 0o060 else { return }
        _ = fchmod(fd, (file.st_mode & 0o777) | 0o060)
    }

    private func fallBack(_ why: String) {
        if mode.exchange(2, ordering: .acquiringAndReleasing) != 2 {
            warn("\(why): the rate-limit budget is shared only inside this process from now on (set \"state_dir\" to a writable directory, or \"rate_limit\": {\"shared\": false} to silence this)")
        }
    }

    // MARK: Lock

    /// `flock(LOCK_EX)`, polled so that a holder that hangs (stopped, not killed) cannot hang us beyond
    /// `lockTimeoutMs`. A killed holder's lock is released by the kernel.
    private func lock(_ fd: Int32) -> String? {
        let start = MonotonicClock.nowMs()
        var pauseUs = 50
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return nil }
            let e = errno
            if e == EINTR { continue }
            guard e == EWOULDBLOCK || e == EAGAIN else { return "cannot be locked (\(Self.describeErrno(e)))" }
            if MonotonicClock.nowMs() - start >= lockTimeoutMs {
                return "has been locked by another process for \(lockTimeoutMs) ms"
            }
            usleep(UInt32(pauseUs))
            pauseUs = min(pauseUs * 2, 2_000)
        }
    }

    // MARK: Record

    enum ReadResult { case empty, valid(RateLimitState, stamp: Int64), damaged(String) }

    private func read(_ fd: Int32) -> ReadResult {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .damaged("fstat failed: \(Self.describeErrno(errno))") }
        let size = Int(st.st_size)
        if size == 0 { return .empty }
        let limit = Self.headerSize + 8 * Self.maxCount + 8
        let want = min(size, limit)
        var bytes = [UInt8](repeating: 0, count: want)
        var got = 0
        while got < want {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return pread(fd, base + got, want - got, off_t(got))
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        return Self.decode(Array(bytes.prefix(got)))
    }

    /// Parses a record; bytes after it (left by a longer record before) are ignored.
    static func decode(_ b: [UInt8]) -> ReadResult {
        guard b.count >= headerSize + 8 else { return .damaged("\(b.count) bytes, shorter than a record") }
        guard Array(b[0..<8]) == magic else { return .damaged("not an elko rate-limit record") }
        let count = Int(load32(b, 8))
        guard count <= maxCount else { return .damaged("\(count) admissions") }
        let end = headerSize + 8 * count
        guard b.count >= end + 8 else { return .damaged("truncated: \(b.count) of \(end + 8) bytes") }
        guard fnv1a(b[0..<end]) == UInt64(bitPattern: load64(b, end)) else { return .damaged("checksum mismatch") }
        var state = RateLimitState()
        state.blockedUntil = load64(b, 16)
        let stamp = load64(b, 24)
        state.sent.reserveCapacity(count)
        for i in 0..<count { state.sent.append(load64(b, headerSize + 8 * i)) }
        return .valid(state, stamp: stamp)
    }

    static func encode(_ state: RateLimitState, stamp: Int64) -> [UInt8] {
        let sent = state.sent.count <= maxCount ? state.sent : Array(state.sent.suffix(maxCount))
        var b = magic
        b.reserveCapacity(headerSize + 8 * sent.count + 8)
        append32(&b, UInt32(sent.count))
        append32(&b, 0)
        append64(&b, UInt64(bitPattern: state.blockedUntil))
        append64(&b, UInt64(bitPattern: stamp))
        for t in sent { append64(&b, UInt64(bitPattern: t)) }
        append64(&b, fnv1a(b[...]))
        return b
    }

    /// One `pwrite` of the whole record at offset 0, then the file cut to its length: a process killed
    /// between the two leaves a valid record followed by bytes the reader ignores.
    private func write(_ fd: Int32, _ state: RateLimitState, stamp: Int64) -> String? {
        let record = Self.encode(state, stamp: stamp)
        var n: Int
        repeat {
            n = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        } while n < 0 && errno == EINTR
        guard n == record.count else { return n < 0 ? Self.describeErrno(errno) : "short write (\(n) of \(record.count) bytes)" }
        var st = stat()
        if fstat(fd, &st) == 0, Int(st.st_size) > record.count { _ = ftruncate(fd, off_t(record.count)) }
        return nil
    }

    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in bytes {
            h ^= UInt64(x)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    static func load32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) }
    }

    static func load64(_ b: [UInt8], _ at: Int) -> Int64 {
        Int64(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) })
    }

    static func append32(_ b: inout [UInt8], _ v: UInt32) {
        for i in 0..<4 { b.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
    }

    static func append64(_ b: inout [UInt8], _ v: UInt64) {
        for i in 0..<8 { b.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    static func describeErrno(_ e: Int32) -> String {
        guard let s = strerror(e) else { return "errno \(e)" }
        return "\(String(cString: s)), errno \(e)"
    }
}

/// The wall clock in milliseconds since 1970: the only clock that processes share.
public enum WallClock {
    @Sendable public static func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
