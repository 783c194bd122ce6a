import Foundation
import Synchronization
import Testing

@testable import ElkoCore

/// Warnings a store or client logged, collected for assertions.
final class CollectedWarnings: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ s: String) { lines.withLock { $0.append(s) } }
    var all: [String] { lines.withLock { $0 } }
}

/// A fresh directory under /tmp, removed on deinit.
final class TemporaryDirectory: Sendable {
    let path: String
    init() {
        path = "/tmp/elko-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o700)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct FileRateLimitStoreTests {
    static let token = "eyJSECRET-TOKEN.payload.signature"
    static let key = RateLimitKey(token: token)

    static func settings(requests: Int = 5, windowMs: Int64 = 1000, blockMs: Int64 = 6000) -> RateLimitSettings {
        var s = RateLimitSettings()
        s.requests = requests
        s.windowMs = windowMs
        s.margin = 0
        s.blockMs = blockMs
        return s
    }

    @Test func updatesFromManyThreadsWithTheirOwnFileDescriptorsAreNeverLost() throws {
        let dir = TemporaryDirectory()
        let threads = 8, each = 150
        let failures = Atomic<Int>(0)
        // Each thread has its own store (each update opens the file anew: a descriptor of its own), and
        // every update adds one entry: a lost update (two read-modify-writes interleaved) loses one.
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let store = FileRateLimitStore(directory: dir.path)
            for _ in 0..<each {
                let r = store.update(Self.key) { state, _ in state.sent.append(Int64(state.sent.count)) }
                if case .failure = r { failures.add(1, ordering: .relaxed) }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        let final = try FileRateLimitStore(directory: dir.path).update(Self.key) { state, _ in state.sent }.get()
        #expect(final.count == threads * each)
        #expect(final == (0..<Int64(threads * each)).map { $0 })
    }

    @Test func aDamagedFileIsRebuiltAsAFullWindowWithAWarning() throws {
        let dir = TemporaryDirectory()
        let warnings = CollectedWarnings()
        let store = FileRateLimitStore(directory: dir.path, assumeFullWindow: 5, warn: { warnings.append($0) })
        let s = Self.settings(requests: 5, windowMs: 1000)
        let limiter = RateLimiter(settings: s, store: store, key: Self.key)
        #expect(try limiter.acquire().get() == .granted)
        let file = store.path(for: Self.key)

        // Garbage, then a record cut short (a writer killed mid-write, or a torn write on power loss).
        let valid = try Data(contentsOf: URL(fileURLWithPath: file))
        for damage in [Data("not a record at all, but long enough to look like one....".utf8), valid.prefix(valid.count - 3)] {
            try damage.write(to: URL(fileURLWithPath: file))
            guard case .windowFull(let wait, let inWindow) = try limiter.acquire().get() else {
                Issue.record("a damaged file granted a slot")
                return
            }
            #expect(inWindow == 5)
            #expect(wait > 0 && wait <= 1000)
            // ... and the file is valid again
            guard case .valid = FileRateLimitStore.decode(Array(try Data(contentsOf: URL(fileURLWithPath: file)))) else {
                Issue.record("the rebuilt file is not a valid record")
                return
            }
        }
        #expect(warnings.all.count == 2)
        #expect(warnings.all.allSatisfy { $0.contains("damaged") && $0.contains("full window") })
    }

    @Test func aFlippedByteFailsTheChecksum() {
        var record = FileRateLimitStore.encode(RateLimitState(sent: [1, 2, 3], blockedUntil: 9), stamp: 10)
        guard case .valid(let s, let stamp) = FileRateLimitStore.decode(record) else {
            Issue.record("a fresh record does not decode")
            return
        }
        #expect(s == RateLimitState(sent: [1, 2, 3], blockedUntil: 9) && stamp == 10)
        // Bytes after a record (a longer one written before, not yet cut off) are ignored.
        guard case .valid = FileRateLimitStore.decode(record + [1, 2, 3, 4, 5, 6, 7, 8, 9]) else {
            Issue.record("trailing bytes made a record invalid")
            return
        }
        record[40] ^= 1
        guard case .damaged(let why) = FileRateLimitStore.decode(record) else {
            Issue.record("a flipped byte went unnoticed")
            return
        }
        #expect(why.contains("checksum"))
    }

    @Test func anUnusableDirectoryFallsBackToTheInProcessStoreWarningOnce() throws {
        let dir = TemporaryDirectory()
        // A path through a regular file cannot be created, even by root.
        FileManager.default.createFile(atPath: dir.path + "/file", contents: Data())
        let warnings = CollectedWarnings()
        let fallback = InProcessRateLimitStore()
        let store = FileRateLimitStore(directory: dir.path + "/file/state", warn: { warnings.append($0) }, fallback: fallback)
        let limiter = RateLimiter(settings: Self.settings(requests: 2), store: store, key: Self.key)
        #expect(try limiter.acquire().get() == .granted)
        #expect(try limiter.acquire().get() == .granted)
        #expect(try limiter.acquire().get() != .granted)  // the limit still holds, in this process
        #expect(store.isFallenBack)
        #expect(warnings.all.count == 1)
        #expect(warnings.all.first?.contains("cannot create") == true)
        #expect(warnings.all.first?.contains("only inside this process") == true)

        // A world-writable directory without the sticky bit: anyone could replace the budget.
        let open = dir.path + "/open"
        mkdir(open, 0o700)
        chmod(open, 0o777)
        let w2 = CollectedWarnings()
        let s2 = FileRateLimitStore(directory: open, warn: { w2.append($0) }, fallback: InProcessRateLimitStore())
        _ = s2.update(Self.key) { _, _ in }
        #expect(s2.isFallenBack && w2.all.first?.contains("world-writable") == true)
        chmod(open, 0o1777)
        let s3 = FileRateLimitStore(directory: open, fallback: InProcessRateLimitStore())
        _ = s3.update(Self.key) { _, _ in }
        #expect(!s3.isFallenBack)
    }

    @Test func theFileIsNamedByAHashOfTheTokenAndHoldsNoToken() throws {
        let dir = TemporaryDirectory()
        let store = FileRateLimitStore(directory: dir.path + "/nested/state")  // created, 0700
        _ = try store.update(Self.key) { state, now in state.sent.append(now) }.get()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/nested/state")
        #expect(names == [Self.key.hex + ".ratelimit"])
        #expect(!names[0].contains("SECRET"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store.path(for: Self.key)))
        #expect(bytes.range(of: Data("SECRET".utf8)) == nil)
        var st = stat()
        stat(dir.path + "/nested/state", &st)
        #expect(st.st_mode & 0o777 == 0o700)
        stat(store.path(for: Self.key), &st)
        #expect(st.st_mode & 0o077 == 0)
        #expect(FileRateLimitStore.defaultDirectory() == "/tmp/elko-\(geteuid())")
    }

    @Test func aWallClockSteppedBackStretchesNeitherTheWindowNorTheBlock() throws {
        let dir = TemporaryDirectory()
        let clock = ManualClock()
        clock.advance(1_800_000_000_000 - clock.now())  // a wall-clock time (2027)
        let store = FileRateLimitStore(directory: dir.path, clock: { clock.now() })
        let limiter = RateLimiter(settings: Self.settings(requests: 2, windowMs: 1000, blockMs: 6000), store: store, key: Self.key)
        #expect(try limiter.acquire().get() == .granted)
        clock.advance(400)
        #expect(try limiter.acquire().get() == .granted)
        // The clock is set back by an hour: the window still ends 600 ms after the first admission.
        clock.advance(-3_600_000)
        #expect(try limiter.acquire().get() == .windowFull(waitMs: 600, inWindow: 2))
        clock.advance(600)
        #expect(try limiter.acquire().get() == .granted)

        // A block recorded, then the clock set back by a day: the block is not stretched by a day. What
        // passed between the last write and the step is unknown, so it counts as nothing (the safe side):
        // at most the 6 s block from the step.
        try limiter.recordBlock(ms: 6000).get()
        clock.advance(1000)
        clock.advance(-86_400_000)
        #expect(try limiter.acquire().get() == .blocked(waitMs: 6000))
        clock.advance(6000)
        #expect(try limiter.acquire().get() == .granted)
    }

    @Test func twoStoresOnOneDirectoryShareOneBudgetAndOneBlock() throws {
        let dir = TemporaryDirectory()
        let s = Self.settings(requests: 3, windowMs: 60_000)
        let a = RateLimiter(settings: s, store: FileRateLimitStore(directory: dir.path), key: Self.key)
        let b = RateLimiter(settings: s, store: FileRateLimitStore(directory: dir.path), key: Self.key)
        let other = RateLimiter(settings: s, store: FileRateLimitStore(directory: dir.path), key: RateLimitKey(token: "other"))
        #expect(try a.acquire().get() == .granted)
        #expect(try b.acquire().get() == .granted)
        #expect(try a.acquire().get() == .granted)
        guard case .windowFull = try b.acquire().get() else {
            Issue.record("a fourth request in the window")
            return
        }
        #expect(try other.acquire().get() == .granted)
        try other.recordBlock(ms: 6000).get()
        let c = RateLimiter(settings: s, store: FileRateLimitStore(directory: dir.path), key: RateLimitKey(token: "other"))
        guard case .blocked = try c.acquire().get() else {
            Issue.record("a block recorded by one store was not seen by another")
            return
        }
    }

    @Test func optionsChooseTheStore() throws {
        let dir = TemporaryDirectory()
        let base = #"{"base_url": "http://127.0.0.1:1", "token": "T", "log_level": "off""#
        let shared = Client(configuration: try Configuration.parse(base + #", "state_dir": "\#(dir.path)"}"#).get())
        #expect((shared.limiter.store as? FileRateLimitStore)?.directory == dir.path)
        let byDefault = Client(configuration: try Configuration.parse(base + "}", environment: { _ in nil }).get())
        #expect((byDefault.limiter.store as? FileRateLimitStore)?.directory == FileRateLimitStore.defaultDirectory())
        let fromEnv = try Configuration.parse(base + "}", environment: { $0 == "ELKO_STATE_DIR" ? "/var/lib/elko" : nil }).get()
        #expect(fromEnv.stateDirectory == "/var/lib/elko")
        let off = Client(configuration: try Configuration.parse(base + #", "rate_limit": {"shared": false}}"#).get())
        #expect(off.limiter.store is InProcessRateLimitStore)

        for (bad, says) in [
            (#", "rate_limit": {"shared": 1}}"#, "\"rate_limit.shared\" must be true or false"),
            (#", "state_dir": "relative/dir"}"#, "\"state_dir\" must be an absolute path"),
            (#", "state_dir": 5}"#, "\"state_dir\" must be a string"),
        ] {
            guard case .failure(let e) = Configuration.parse(base + bad) else {
                Issue.record("accepted \(bad)")
                continue
            }
            #expect(e.message.contains(says), "\(e.message)")
        }
    }
}
