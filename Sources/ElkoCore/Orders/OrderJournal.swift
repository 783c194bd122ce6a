import ElkoAPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The journal makes an order's intent outlive the process that sends it. PHP workers are killed
// mid-call (max_execution_time, FPM restarts) and connections drop after ELKO has taken an order; the
// entry written before the first byte is sent is what lets a later process find out what happened.
//
// Layout: <state_dir>/<SHA-256 of the token>.orders/
//   <intent>.json    an open entry (written to a temporary file, fsync'd, renamed, directory fsync'd)
//   <intent>.lock    flock'd by the process placing it for the whole call: a reconciler that cannot
//                    lock it knows a live process is still at work (a killed process's lock is released
//                    by the kernel with its file descriptors)
//   closed/<intent>.json   the entry with its outcome, once known
// Fault model: a crash between writing closed/<intent>.json and removing <intent>.json leaves both;
// the open one is then dropped as already closed. A file that does not parse is reported as damaged
// and left in place — never dropped, never taken as "not placed".

/// One intent to place an order or a reservation.
public struct JournalEntry: Sendable {
    public var intent: String
    public var operation: String
    public var reference: String?
    public var referenceGiven: Bool
    /// Wall-clock milliseconds since 1970.
    public var createdMs: Int64
    /// Sends begun so far (counted before each send).
    public var sends: Int
    /// The body as sent (JSON text).
    public var body: [UInt8]
    /// Ids of the orders that carried a caller's reference before the first send.
    public var preexisting: [String]
    /// `placed` or `not_placed` once closed.
    public var outcome: String?
    public var closedMs: Int64?
    /// ELKO's order (JSON text), for placed entries.
    public var order: [UInt8]?

    /// The entry as one JSON object (the journal file's content).
    func serialized() -> [UInt8] {
        var s = "{\"v\":1,\"intent\":" + Client.jsonString(intent) + ",\"operation\":" + Client.jsonString(operation)
        s += ",\"reference\":" + (reference.map(Client.jsonString) ?? "null")
        s += ",\"reference_given\":" + (referenceGiven ? "true" : "false")
        s += ",\"created_ms\":\(createdMs),\"sends\":\(sends)"
        s += ",\"preexisting\":[" + preexisting.map(Client.jsonString).joined(separator: ",") + "]"
        s += ",\"outcome\":" + (outcome.map(Client.jsonString) ?? "null")
        s += ",\"closed_ms\":" + (closedMs.map { String($0) } ?? "null")
        var out = Array(s.utf8)
        out += Array(",\"order\":".utf8) + (order ?? Array("null".utf8))
        out += Array(",\"body\":".utf8) + body + [UInt8(ascii: "}"), UInt8(ascii: "\n")]
        return out
    }

    /// Parses a journal file; a message saying what is wrong otherwise.
    static func parse(_ bytes: [UInt8]) -> Result<JournalEntry, JournalProblem> {
        guard case .success(let doc) = JSONValue.parse(bytes, context: "the journal entry", quoteInput: false),
              doc.kind == .object
        else { return .failure(JournalProblem("not a JSON object (\(bytes.count) bytes)")) }
        func field(_ k: String) -> JSONValue? { OrderReference.value(at: [k], in: doc) }
        guard field("v")?.integerValue == 1 else { return .failure(JournalProblem("unknown entry version")) }
        guard let intent = field("intent")?.stringValue, Self.isIntentID(intent) else {
            return .failure(JournalProblem("no valid \"intent\""))
        }
        guard let operation = field("operation")?.stringValue, OperationTable.named(operation)?.placesOrder == true else {
            return .failure(JournalProblem("no valid \"operation\""))
        }
        guard let created = field("created_ms")?.integerValue, let sends = field("sends")?.integerValue, sends >= 0,
              let given = field("reference_given")?.boolValue
        else { return .failure(JournalProblem("\"created_ms\", \"sends\" or \"reference_given\" missing or wrong")) }
        let reference = field("reference").flatMap(\.stringValue)
        guard let body = field("body"), body.kind == .object || body.kind == .array, let bodyBytes = body.serialized() else {
            return .failure(JournalProblem("no \"body\""))
        }
        guard let pre = field("preexisting"), pre.kind == .array else { return .failure(JournalProblem("no \"preexisting\"")) }
        let order = field("order").flatMap { $0.kind == .null ? nil : $0.serialized() }
        return .success(JournalEntry(
            intent: intent, operation: operation, reference: reference, referenceGiven: given, createdMs: created,
            sends: Int(clamping: sends), body: bodyBytes, preexisting: pre.arrayElements.compactMap(\.stringValue),
            outcome: field("outcome").flatMap(\.stringValue), closedMs: field("closed_ms").flatMap(\.integerValue),
            order: order))
    }

    static func isIntentID(_ s: String) -> Bool {
        s.utf8.count == 32 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

struct JournalProblem: Error {
    let text: String
    init(_ t: String) { text = t }
}

/// The order journal of one token in the state directory, shared by every process that uses it.
public struct OrderJournal: Sendable {
    public let stateDirectory: String
    /// `<state_dir>/<token hash>.orders`
    public let directory: String
    static let maxEntryBytes = 16 << 20

    public init(stateDirectory: String?, key: RateLimitKey) {
        let dir = stateDirectory ?? FileRateLimitStore.defaultDirectory()
        self.stateDirectory = dir
        self.directory = dir + "/" + key.hex + ".orders"
    }

    var closedDirectory: String { directory + "/closed" }
    func openPath(_ intent: String) -> String { directory + "/" + intent + ".json" }
    func lockPath(_ intent: String) -> String { directory + "/" + intent + ".lock" }
    func closedPath(_ intent: String) -> String { closedDirectory + "/" + intent + ".json" }

    /// Creates the directories (0700, or group-shared like a group-writable state directory).
    func prepare() -> ElkoError? {
        let store = FileRateLimitStore(directory: stateDirectory == FileRateLimitStore.defaultDirectory() ? nil : stateDirectory)
        if let problem = store.prepareDirectory() {
            return ElkoError(.internal, "the order journal's state directory \(stateDirectory): \(problem) (set \"state_dir\" to a writable directory)")
        }
        var st = stat()
        let mode: mode_t = stat(stateDirectory, &st) == 0 && st.st_mode & 0o020 != 0 ? 0o770 : 0o700
        for dir in [directory, closedDirectory] {
            if mkdir(dir, mode) != 0, errno != EEXIST {
                return ElkoError(.internal, "cannot create the order journal \(dir) (\(FileRateLimitStore.describeErrno(errno)))")
            }
        }
        return nil
    }

    // MARK: Locks

    /// The lock a process holds on an intent while it places or resolves it.
    final class Lock: @unchecked Sendable {
        // @unchecked: the descriptor is used by the one thread that placed the lock.
        let fd: Int32
        init(fd: Int32) { self.fd = fd }
        deinit { close(fd) }
    }

    /// Locks an intent: at once (`waitUntil` nil) or polling until a monotonic deadline. nil when
    /// another live process holds it.
    func lock(_ intent: String, waitUntil deadline: Int64? = nil) -> Result<Lock?, ElkoError> {
        let path = lockPath(intent)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            return .failure(ElkoError(.internal, "cannot open the journal lock \(path) (\(FileRateLimitStore.describeErrno(errno)))"))
        }
        var pauseUs: UInt32 = 1_000
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return .success(Lock(fd: fd)) }
            let e = errno
            if e == EINTR { continue }
            guard e == EWOULDBLOCK || e == EAGAIN else {
                close(fd)
                return .failure(ElkoError(.internal, "cannot lock \(path) (\(FileRateLimitStore.describeErrno(e)))"))
            }
            guard let deadline, MonotonicClock.nowMs() < deadline else {
                close(fd)
                return .success(nil)
            }
            usleep(pauseUs)
            pauseUs = min(pauseUs * 2, 50_000)
        }
    }

    // MARK: Entries

    /// Writes an open entry durably (temporary file, fsync, rename, directory fsync). The caller holds
    /// the intent's lock.
    func save(_ entry: JournalEntry) -> ElkoError? {
        writeDurably(entry.serialized(), to: openPath(entry.intent), in: directory)
    }

    /// Closes an entry with its outcome: closed/<intent>.json written durably, then the open file and
    /// the lock file removed. The caller holds the lock.
    func finish(_ entry: JournalEntry, outcome: String, order: [UInt8]?) -> ElkoError? {
        var closed = entry
        closed.outcome = outcome
        closed.closedMs = WallClock.nowMs()
        closed.order = order
        if let e = writeDurably(closed.serialized(), to: closedPath(entry.intent), in: closedDirectory) { return e }
        unlink(openPath(entry.intent))
        syncDirectory(directory)
        unlink(lockPath(entry.intent))
        return nil
    }

    /// A closed entry, if the intent was closed.
    func closedEntry(_ intent: String) -> JournalEntry? {
        guard case .success(let bytes) = readFile(closedPath(intent)), case .success(let e) = JournalEntry.parse(bytes) else {
            return nil
        }
        return e
    }

    enum Listed {
        case entry(JournalEntry)
        case damaged(intent: String, path: String, why: String)
    }

    /// Every open entry (oldest first). An entry that was closed but whose open file survived a crash is
    /// cleaned up here.
    func openEntries() -> Result<[Listed], ElkoError> {
        guard let dir = opendir(directory) else {
            if errno == ENOENT { return .success([]) }
            return .failure(ElkoError(.internal, "cannot read the order journal \(directory) (\(FileRateLimitStore.describeErrno(errno)))"))
        }
        var names: [String] = []
        while let ent = readdir(dir) {
            // Only the bytes up to the NUL are the name (the rest of d_name is not initialised).
            let name = withUnsafeMutablePointer(to: &ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: ent.pointee.d_name)) { String(cString: $0) }
            }
            if name.hasSuffix(".json"), !name.hasPrefix(".") { names.append(name) }
        }
        closedir(dir)
        var out: [(Int64, Listed)] = []
        for name in names.sorted() {
            let intent = String(name.dropLast(5))
            let path = directory + "/" + name
            if JournalEntry.isIntentID(intent), access(closedPath(intent), F_OK) == 0 {
                unlink(path)  // closed before a crash removed it
                unlink(lockPath(intent))
                continue
            }
            switch readFile(path) {
            case .failure(let e):
                if access(path, F_OK) != 0 { continue }  // closed meanwhile by its owner
                out.append((Int64.max, .damaged(intent: intent, path: path, why: e.message)))
            case .success(let bytes):
                switch JournalEntry.parse(bytes) {
                case .success(let e) where e.intent == intent: out.append((e.createdMs, .entry(e)))
                case .success: out.append((Int64.max, .damaged(intent: intent, path: path, why: "its intent id does not match its file name")))
                case .failure(let p): out.append((Int64.max, .damaged(intent: intent, path: path, why: p.text)))
                }
            }
        }
        return .success(out.sorted { $0.0 < $1.0 }.map(\.1))
    }

    /// How long closed entries are kept (an audit trail of what each order's outcome was).
    public static let closedRetentionMs: Int64 = 30 * 86_400_000

    /// Removes closed entries older than `closedRetentionMs` (by the file's modification time).
    func pruneClosed(now: Int64 = WallClock.nowMs()) {
        guard let dir = opendir(closedDirectory) else { return }
        var old: [String] = []
        while let ent = readdir(dir) {
            let name = withUnsafeMutablePointer(to: &ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: ent.pointee.d_name)) { String(cString: $0) }
            }
            guard name.hasSuffix(".json") else { continue }
            var st = stat()
            let path = closedDirectory + "/" + name
            if stat(path, &st) == 0, Int64(st.st_mtim.tv_sec) * 1000 < now - Self.closedRetentionMs { old.append(path) }
        }
        closedir(dir)
        for path in old { unlink(path) }
    }

    // MARK: Files

    func readFile(_ path: String) -> Result<[UInt8], ElkoError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            return .failure(ElkoError(.internal, "cannot open \(path) (\(FileRateLimitStore.describeErrno(errno)))"))
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return .failure(ElkoError(.internal, "cannot read \(path) (\(FileRateLimitStore.describeErrno(errno)))")) }
            if n == 0 { break }
            out += chunk[0..<n]
            if out.count > Self.maxEntryBytes { return .failure(ElkoError(.internal, "\(path) is larger than \(Self.maxEntryBytes) bytes")) }
        }
        return .success(out)
    }

    private func writeDurably(_ bytes: [UInt8], to path: String, in dir: String) -> ElkoError? {
        let temporary = dir + "/." + OrderReference.intentID() + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            return ElkoError(.internal, "cannot write the order journal in \(dir) (\(FileRateLimitStore.describeErrno(errno)))")
        }
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                failure = n < 0 ? errno : EIO
                break
            }
            written += n
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            return ElkoError(.internal, "cannot write the order journal entry \(path) (\(FileRateLimitStore.describeErrno(failure)))")
        }
        syncDirectory(dir)
        return nil
    }

    private func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
