// Strict RFC 8259 reading and fast compact writing of `JSON`. No Foundation: the sandbox serves catalogs of
// hundreds of megabytes, and byte-level control is what makes that fast and exactly reproducible.

/// Why a document was rejected, and where: `offset` is the 0-based byte offset of the offending byte.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// For example `Unexpected character 'x' at byte 17`.
    public var description: String { "\(message) at byte \(offset)" }
}

extension JSON {
    /// Containers nested deeper than this are rejected (protects the recursive parser's stack).
    public static let maximumNestingDepth = 512

    /// Parses one JSON text (RFC 8259, strictly): the input must be valid UTF-8 without a byte order mark,
    /// numbers keep their literal text, and nothing but whitespace may follow the value.
    public static func parse<C: Collection>(_ bytes: C) throws(JSONParseError) -> JSON where C.Element == UInt8 {
        let direct: Result<JSON, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSON in try parseBuffer(buffer) }
        }
        if let direct { return try direct.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSON in try parseBuffer(buffer) }
        }.get()
    }

    /// Parses one JSON text held in a string (see `parse(_:)` for bytes).
    public static func parse(_ s: String) throws(JSONParseError) -> JSON {
        var s = s
        return try s.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSON in try parseBuffer(buffer) }
        }.get()
    }

    private static func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSON {
        var parser = JSONParser(bytes: buffer)
        return try parser.parseDocument()
    }
}

// MARK: - Parser

private struct JSONParser {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    var i = 0
    var depth = 0
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
        n = bytes.count
    }

    mutating func parseDocument() throws(JSONParseError) -> JSON {
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
            throw JSONParseError(message: "A byte order mark (U+FEFF) is not allowed", offset: 0)
        }
        let value = try parseValue()
        skipWhitespace()
        if i < n {
            throw JSONParseError(message: "Unexpected \(found(i)) after the end of the JSON value", offset: i)
        }
        return value
    }

    /// Describes the byte at `at` for an error message.
    func found(_ at: Int) -> String {
        guard at < n else { return "end of input" }
        let c = b[at]
        if c >= 0x20 && c < 0x7F { return "character '\(Character(Unicode.Scalar(c)))'" }
        if c < 0x20 || c == 0x7F { return "control character U+\(hex2(c, upper: true).padded4)" }
        return "byte 0x\(hex2(c, upper: true))"
    }

    mutating func skipWhitespace() {
        while i < n {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSON {
        skipWhitespace()
        guard i < n else { throw JSONParseError(message: "Unexpected end of input", offset: i) }
        switch b[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw JSONParseError(message: "Unexpected \(found(i))", offset: i)
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let start = word.utf8Start
        for k in 0..<count {
            guard i + k < n, b[i + k] == start[k] else {
                throw JSONParseError(message: "Invalid literal (expected '\(word)'), found \(found(i + k))", offset: i + k)
            }
        }
        i += count
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSON.maximumNestingDepth {
            throw JSONParseError(message: "Nesting deeper than \(JSON.maximumNestingDepth) levels", offset: i)
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSON {
        try enter()
        i += 1  // [
        var items: [JSON] = []
        skipWhitespace()
        if i < n && b[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            guard i < n else { throw JSONParseError(message: "Unterminated array: unexpected end of input", offset: i) }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                skipWhitespace()
                if i < n && b[i] == UInt8(ascii: "]") {
                    throw JSONParseError(message: "Trailing comma in array", offset: i)
                }
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                depth -= 1
                return .array(items)
            }
            throw JSONParseError(message: "Expected ',' or ']' in array, found \(found(i))", offset: i)
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSON {
        try enter()
        i += 1  // {
        var members: [(String, JSON)] = []
        skipWhitespace()
        if i < n && b[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard i < n, b[i] == UInt8(ascii: "\"") else {
                let message = i < n && b[i] == UInt8(ascii: "}")
                    ? "Trailing comma in object" : "Expected a string object key, found \(found(i))"
                throw JSONParseError(message: message, offset: i)
            }
            let key = try parseString()
            skipWhitespace()
            guard i < n, b[i] == UInt8(ascii: ":") else {
                throw JSONParseError(message: "Expected ':' after object key, found \(found(i))", offset: i)
            }
            i += 1
            let value = try parseValue()
            members.append((key, value))
            skipWhitespace()
            guard i < n else { throw JSONParseError(message: "Unterminated object: unexpected end of input", offset: i) }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                depth -= 1
                return .object(members)
            }
            throw JSONParseError(message: "Expected ',' or '}' in object, found \(found(i))", offset: i)
        }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = i
        @inline(__always) func isDigit(_ k: Int) -> Bool { k < n && b[k] >= 0x30 && b[k] <= 0x39 }
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else {
            throw JSONParseError(message: "Expected a digit in number, found \(found(i))", offset: i)
        }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { throw JSONParseError(message: "Leading zeros are not allowed in numbers", offset: i - 1) }
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < n && b[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else {
                throw JSONParseError(message: "Expected a digit after the decimal point, found \(found(i))", offset: i)
            }
            while isDigit(i) { i += 1 }
        }
        if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else {
                throw JSONParseError(message: "Expected a digit in the exponent, found \(found(i))", offset: i)
            }
            while isDigit(i) { i += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
    }

    /// Parses a string starting at its opening quote; validates UTF-8 and escapes as it goes.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = i
        i += 1
        var runStart = i
        var escaped = false
        while true {
            guard i < n else { throw JSONParseError(message: "Unterminated string", offset: open) }
            let c = b[i]
            if c == UInt8(ascii: "\"") { break }
            if c >= 0x20 && c < 0x80 && c != UInt8(ascii: "\\") {
                i += 1
            } else if c == UInt8(ascii: "\\") {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                try parseEscape()
                runStart = i
            } else if c < 0x20 {
                throw JSONParseError(
                    message: "Unescaped control character U+\(hex2(c, upper: true).padded4) in string", offset: i)
            } else {
                try skipUTF8Sequence()
            }
        }
        let result: String
        if escaped {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
            result = String(decoding: scratch, as: UTF8.self)
        } else {
            result = String(decoding: UnsafeBufferPointer(rebasing: b[runStart..<i]), as: UTF8.self)
        }
        i += 1  // closing quote
        return result
    }

    /// Validates one multi-byte UTF-8 sequence at `i` (Unicode Table 3-7: no overlongs, no surrogates,
    /// nothing above U+10FFFF) and moves past it.
    mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = b[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default:
            throw JSONParseError(message: "Invalid UTF-8 byte 0x\(hex2(lead, upper: true))", offset: i)
        }
        for k in 1..<length {
            let at = i + k
            guard at < n else {
                throw JSONParseError(message: "Truncated UTF-8 sequence", offset: i)
            }
            let c = b[at]
            let lo: UInt8 = k == 1 ? low : 0x80
            let hi: UInt8 = k == 1 ? high : 0xBF
            guard c >= lo && c <= hi else {
                throw JSONParseError(
                    message: "Invalid UTF-8 sequence (byte 0x\(hex2(c, upper: true)) after lead byte 0x\(hex2(lead, upper: true)))",
                    offset: at)
            }
        }
        i += length
    }

    /// Parses an escape at `i` (the backslash) and appends its UTF-8 to `scratch`.
    mutating func parseEscape() throws(JSONParseError) {
        let at = i
        guard i + 1 < n else { throw JSONParseError(message: "Unterminated string", offset: at) }
        let e = b[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(at: i, escapeAt: at)
            i += 4
            var scalar = UInt32(unit)
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard i + 1 < n, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError(message: "Lone high surrogate \\u\(hex4Text(unit)) in string", offset: at)
                }
                let second = try hex4(at: i + 2, escapeAt: i)
                guard second >= 0xDC00 && second <= 0xDFFF else {
                    throw JSONParseError(message: "Lone high surrogate \\u\(hex4Text(unit)) in string", offset: at)
                }
                i += 6
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONParseError(message: "Lone low surrogate \\u\(hex4Text(unit)) in string", offset: at)
            }
            appendUTF8(scalar)
        default:
            throw JSONParseError(message: "Invalid escape '\\' followed by \(found(at + 1))", offset: at)
        }
    }

    func hex4(at: Int, escapeAt: Int) throws(JSONParseError) -> UInt16 {
        var v: UInt16 = 0
        for k in 0..<4 {
            guard at + k < n else {
                throw JSONParseError(message: "Truncated \\u escape", offset: escapeAt)
            }
            let c = b[at + k]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default:
                throw JSONParseError(message: "Invalid hex digit in \\u escape: \(found(at + k))", offset: at + k)
            }
            v = v << 4 | UInt16(d)
        }
        return v
    }

    mutating func appendUTF8(_ s: UInt32) {
        switch s {
        case 0..<0x80:
            scratch.append(UInt8(s))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (s >> 6)))
            scratch.append(UInt8(0x80 | (s & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (s >> 12)))
            scratch.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (s & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (s >> 18)))
            scratch.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (s & 0x3F)))
        }
    }
}

private func hex2(_ c: UInt8, upper: Bool) -> String {
    let digits: StaticString = upper ? "0123456789ABCDEF" : "0123456789abcdef"
    let p = digits.utf8Start
    return String(decoding: [p[Int(c >> 4)], p[Int(c & 0xF)]], as: UTF8.self)
}

private func hex4Text(_ v: UInt16) -> String {
    hex2(UInt8(v >> 8), upper: true) + hex2(UInt8(v & 0xFF), upper: true)
}

extension String {
    fileprivate var padded4: String { String(repeating: "0", count: max(0, 4 - utf8.count)) + self }
}

// MARK: - Writer

extension JSON {
    /// The compact JSON text of this value: no whitespace, object keys in stored order, numbers as their
    /// literal text, non-ASCII kept as UTF-8; `"`, `\`, control characters, U+2028 and U+2029 escaped.
    public func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(estimatedSerializedCount())
        JSONWriter.write(self, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact JSON text of this value (see `serialized()`) to `out`. Reserve capacity first
    /// when the size is known; this does not pre-size `out` itself beyond what `append` does.
    public func write(into out: inout [UInt8]) {
        JSONWriter.write(self, into: &out)
    }

    /// A cheap estimate of the serialized size in bytes (exact when no string needs escaping).
    public func estimatedSerializedCount() -> Int {
        switch self {
        case .null: return 4
        case .bool(let v): return v ? 4 : 5
        case .number(let text): return text.utf8.count
        case .string(let s): return s.utf8.count + 2
        case .array(let items):
            var total = 2 + max(0, items.count - 1)
            for item in items { total += item.estimatedSerializedCount() }
            return total
        case .object(let members):
            var total = 2 + max(0, members.count - 1)
            for (key, value) in members { total += key.utf8.count + 3 + value.estimatedSerializedCount() }
            return total
        }
    }
}

private enum JSONWriter {
    static func write(_ value: JSON, into out: inout [UInt8]) {
        switch value {
        case .null: append("null", &out)
        case .bool(let v): append(v ? "true" : "false", &out)
        case .number(let text): appendUTF8(text, &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    @inline(__always)
    static func append(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    static func appendUTF8(_ s: String, _ out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Writes `s` as a JSON string: runs that need no escaping are copied in bulk.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            let n = buf.count
            var i = 0
            var run = 0
            while i < n {
                let c = buf[i]
                if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0xE2 {
                    i += 1
                    continue
                }
                if c == 0xE2 {
                    // U+2028 / U+2029 (E2 80 A8 / E2 80 A9) break JavaScript string literals: escape them.
                    if i + 2 < n && buf[i + 1] == 0x80 && (buf[i + 2] == 0xA8 || buf[i + 2] == 0xA9) {
                        if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[run..<i])) }
                        append(buf[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", &out)
                        i += 3
                        run = i
                    } else {
                        i += 1
                    }
                    continue
                }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[run..<i])) }
                switch c {
                case 0x22: append("\\\"", &out)
                case 0x5C: append("\\\\", &out)
                case 0x0A: append("\\n", &out)
                case 0x0D: append("\\r", &out)
                case 0x09: append("\\t", &out)
                case 0x08: append("\\b", &out)
                case 0x0C: append("\\f", &out)
                default:
                    let hexDigits: StaticString = "0123456789abcdef"
                    let p = hexDigits.utf8Start
                    append("\\u00", &out)
                    out.append(p[Int(c >> 4)])
                    out.append(p[Int(c & 0xF)])
                }
                i += 1
                run = i
            }
            if run < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[run..<n])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
