#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a top-level JSON array, fed in chunks of any size, into the exact bytes of its elements
/// (objects, arrays, strings, numbers, literals; the whitespace between them trimmed), without building
/// any tree: the host parses each element with its own fast parser (FFI-NOTES.md).
///
/// One pass, O(1) work per byte: inside an element only string/escape state and the bracket nesting are
/// tracked (brackets must match, at most `maxDepth` levels counting the outer array). The array's
/// structure is checked — not an array, garbage between elements, a trailing comma, trailing data,
/// truncation — and every problem is reported with its byte offset in the whole input. The syntax inside
/// an element (a missing colon, invalid UTF-8, a control character in a string) is left to the parser
/// that reads the element; numbers and literals at the top level are checked in full, they are short.
///
/// Memory: the bytes of the element being assembled plus whatever one `append` brings; consumed bytes
/// are dropped at the next `append`. Not thread-safe: one owner at a time.
public final class ArrayStreamSplitter {
    /// Why the input is not a JSON array, and where (offset from the first byte ever appended).
    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        public let offset: Int64
        public let reason: String
        public var description: String { "\(reason) (at byte \(offset))" }
    }

    public enum Next {
        /// The bytes of the next element. Valid until the next `append` (or until the splitter is
        /// released); `next()` itself never moves them.
        case element(UnsafeRawBufferPointer)
        /// Every buffered byte is consumed: `append` more, or `finish()` at the end of input.
        case needMore
        /// The array was closed and the input finished (only whitespace after `]`).
        case end
        /// The input is not a JSON array. Repeated by every later call.
        case malformed(Malformed)
    }

    private enum Phase {
        case beforeArray, firstOrClose, elementRequired, inContainer, inTopString, inScalar, afterElement, closed
    }

    /// Deepest nesting accepted, the outer array being level 1.
    public let maxDepth: Int

    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Next byte to look at.
    private var scan = 0
    /// First byte of the element being assembled (phases inContainer, inTopString, inScalar).
    private var elementStart = 0
    /// Bytes dropped from the front of `storage` so far (for absolute offsets).
    private var dropped: Int64 = 0
    private var phase = Phase.beforeArray
    /// Open brackets inside the current element, and which (`{` or `[`) per level.
    private var depth = 0
    private let stack: UnsafeMutablePointer<UInt8>
    private var inString = false
    /// A backslash was the last byte of the buffer; the byte after it is escaped.
    private var escapePending = false
    private var finished = false
    private var failure: Malformed?

    public init(maxDepth: Int = 512, initialCapacity: Int = 65_536) {
        self.maxDepth = max(1, maxDepth)
        capacity = max(16, initialCapacity)
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        stack = UnsafeMutablePointer<UInt8>.allocate(capacity: self.maxDepth)
    }

    deinit {
        storage.deallocate()
        stack.deallocate()
    }

    /// Bytes held now (the element being assembled and whatever is not scanned yet).
    public var bufferedBytes: Int { count }
    /// Bytes of storage reserved (grows to the largest element plus one chunk; never shrinks).
    public var reservedBytes: Int { capacity }
    /// Bytes appended in total.
    public var totalBytes: Int64 { dropped + Int64(count) }

    /// Adds the next chunk of input. Invalidates the bytes of elements returned before.
    public func append(_ chunk: UnsafeRawBufferPointer) {
        guard !finished, failure == nil, let src = chunk.baseAddress, chunk.count > 0 else { return }
        // Drop everything before the element being assembled (or before the scan position).
        let keep = (phase == .inContainer || phase == .inTopString || phase == .inScalar) ? elementStart : scan
        if keep > 0 {
            let rest = count - keep
            if rest > 0 { memmove(storage, storage + keep, rest) }
            count = rest
            scan -= keep
            elementStart = max(0, elementStart - keep)
            dropped += Int64(keep)
        }
        let needed = count + chunk.count
        if needed > capacity {
            var grown = capacity
            while grown < needed { grown = grown > Int.max / 2 ? needed : grown * 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            if count > 0 { bigger.update(from: storage, count: count) }
            storage.deallocate()
            storage = bigger
            capacity = grown
        }
        memcpy(storage + count, src, chunk.count)
        count = needed
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Marks the end of input: `next()` then reports `.end` or, if the array is not closed, truncation.
    public func finish() {
        finished = true
    }

    /// The next complete element, or what stands in the way.
    public func next() -> Next {
        if let failure { return .malformed(failure) }
        let p = storage
        let n = count
        var i = scan
        while i < n {
            switch phase {
            case .beforeArray:
                i = Self.skipSpace(p, i, n)
                guard i < n else { break }
                guard p[i] == UInt8(ascii: "[") else {
                    return fail(at: i, "the answer is not a JSON array: it starts with \(Self.describe(p, i, n))")
                }
                i += 1
                phase = .firstOrClose
            case .firstOrClose, .elementRequired:
                i = Self.skipSpace(p, i, n)
                guard i < n else { break }
                let b = p[i]
                if b == UInt8(ascii: "]") {
                    guard phase == .firstOrClose else { return fail(at: i, "']' after ',': an element is missing") }
                    i += 1
                    phase = .closed
                    continue
                }
                elementStart = i
                switch b {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard maxDepth >= 2 else { return fail(at: i, "nesting deeper than \(maxDepth) levels") }
                    stack[0] = b
                    depth = 1
                    inString = false
                    escapePending = false
                    phase = .inContainer
                case UInt8(ascii: "\""):
                    escapePending = false
                    phase = .inTopString
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    phase = .inScalar
                default:
                    return fail(at: i, "\(Self.describe(p, i, n)) where an array element is expected")
                }
                i += 1
            case .inContainer:
                switch scanContainer(p, &i, n) {
                case .incomplete: break
                case .complete:
                    phase = .afterElement
                    scan = i
                    return .element(UnsafeRawBufferPointer(start: p + elementStart, count: i - elementStart))
                case .tooDeep(let at): return fail(at: at, "nesting deeper than \(maxDepth) levels")
                case .mismatch(let at):
                    return fail(at: at, "'\(Character(Unicode.Scalar(p[at])))' closes '\(Character(Unicode.Scalar(stack[depth - 1])))'")
                }
            case .inTopString:
                if escapePending {
                    escapePending = false
                    i += 1
                    continue
                }
                while i < n {
                    let b = p[i]
                    if b == 0x22 || b == 0x5C { break }
                    i += 1
                }
                guard i < n else { break }
                if p[i] == 0x5C {
                    i += 1
                    if i < n { i += 1 } else { escapePending = true }
                    continue
                }
                i += 1
                phase = .afterElement
                scan = i
                return .element(UnsafeRawBufferPointer(start: p + elementStart, count: i - elementStart))
            case .inScalar:
                while i < n, !Self.endsScalar(p[i]) { i += 1 }
                guard i < n else { break }
                guard Self.isScalar(p, elementStart, i) else {
                    let text = String(decoding: UnsafeBufferPointer(start: p + elementStart, count: min(i - elementStart, 40)), as: UTF8.self)
                    return fail(at: elementStart, "'\(text)' is not a JSON number, true, false or null")
                }
                phase = .afterElement
                scan = i
                return .element(UnsafeRawBufferPointer(start: p + elementStart, count: i - elementStart))
            case .afterElement:
                i = Self.skipSpace(p, i, n)
                guard i < n else { break }
                switch p[i] {
                case UInt8(ascii: ","): phase = .elementRequired
                case UInt8(ascii: "]"): phase = .closed
                default: return fail(at: i, "\(Self.describe(p, i, n)) after an array element where ',' or ']' is expected")
                }
                i += 1
            case .closed:
                i = Self.skipSpace(p, i, n)
                guard i < n else { break }
                return fail(at: i, "\(Self.describe(p, i, n)) after the end of the array")
            }
        }
        scan = i
        guard finished else { return .needMore }
        switch phase {
        case .closed: return .end
        case .beforeArray:
            return fail(at: n, totalBytes == 0
                        ? "the answer is empty where a JSON array is expected"
                        : "the answer holds only whitespace where a JSON array is expected")
        case .firstOrClose, .elementRequired, .afterElement:
            return fail(at: n, "truncated: the array is not closed")
        case .inContainer, .inTopString, .inScalar:
            return fail(at: n, "truncated inside an element that starts at byte \(dropped + Int64(elementStart))")
        }
    }

    private enum ContainerScan { case incomplete, complete, tooDeep(Int), mismatch(Int) }

    /// The hot loop: skips string contents and everything but quotes and brackets.
    @inline(__always)
    private func scanContainer(_ p: UnsafeMutablePointer<UInt8>, _ index: inout Int, _ n: Int) -> ContainerScan {
        var i = index
        var inStr = inString
        var d = depth
        defer {
            index = i
            inString = inStr
            depth = d
        }
        if escapePending {
            escapePending = false
            i += 1
        }
        while i < n {
            if inStr {
                while i < n {
                    let b = p[i]
                    if b == 0x22 || b == 0x5C { break }
                    i += 1
                }
                guard i < n else { return .incomplete }
                if p[i] == 0x22 {
                    inStr = false
                    i += 1
                } else if i + 1 < n {
                    i += 2
                } else {
                    escapePending = true
                    i += 1
                    return .incomplete
                }
                continue
            }
            let b = p[i]
            if b == 0x22 {
                inStr = true
            } else if b | 0x20 == 0x7B {  // '{' or '['
                guard d + 1 < maxDepth else { return .tooDeep(i) }
                stack[d] = b
                d += 1
            } else if b | 0x20 == 0x7D {  // '}' or ']'
                guard stack[d - 1] &+ 2 == b else { return .mismatch(i) }
                d -= 1
                if d == 0 {
                    i += 1
                    return .complete
                }
            }
            i += 1
        }
        return .incomplete
    }

    private func fail(at index: Int, _ reason: String) -> Next {
        let m = Malformed(offset: dropped + Int64(index), reason: reason)
        failure = m
        return .malformed(m)
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    @inline(__always)
    private static func skipSpace(_ p: UnsafeMutablePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
        var i = from
        while i < n, isSpace(p[i]) { i += 1 }
        return i
    }

    @inline(__always)
    private static func endsScalar(_ b: UInt8) -> Bool {
        isSpace(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: "]")
    }

    /// A JSON number, `true`, `false` or `null`, exactly.
    static func isScalar(_ p: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let s = UnsafeBufferPointer(start: p + start, count: end - start)
        if s.elementsEqual("true".utf8) || s.elementsEqual("false".utf8) || s.elementsEqual("null".utf8) { return true }
        var i = 0
        func digits() -> Int {
            let from = i
            while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
            return i - from
        }
        if i < s.count, s[i] == UInt8(ascii: "-") { i += 1 }
        guard i < s.count else { return false }
        if s[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < s.count, s[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == s.count
    }

    /// A byte for a message: the character if printable ASCII, else its hex value. (One byte only: the
    /// message must not depend on how the input was cut into chunks.)
    private static func describe(_ p: UnsafeMutablePointer<UInt8>, _ i: Int, _ end: Int) -> String {
        guard i < end else { return "the end of input" }
        let b = p[i]
        if b >= 0x21, b < 0x7F { return "'" + String(Character(Unicode.Scalar(b))) + "'" }
        let hex = String(b, radix: 16, uppercase: true)
        return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
    }
}
