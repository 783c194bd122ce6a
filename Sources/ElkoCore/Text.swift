// Small string helpers: the library does not link Foundation.
enum Text {
    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    static func trimmed(_ s: String) -> String {
        let u = Array(s.utf8)
        var lo = 0, hi = u.count
        while lo < hi, isSpace(u[lo]) { lo += 1 }
        while hi > lo, isSpace(u[hi - 1]) { hi -= 1 }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }

    static func lowercasedASCII(_ s: String) -> String {
        String(decoding: s.utf8.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    static func hasPrefixIgnoringASCIICase(_ s: String, _ prefix: String) -> Bool {
        lowercasedASCII(String(decoding: s.utf8.prefix(prefix.utf8.count), as: UTF8.self))
            == lowercasedASCII(prefix)
    }

    /// True if the text holds a byte below 0x20 or DEL (header injection, broken URLs).
    static func hasControlCharacter(_ s: String) -> Bool {
        s.utf8.contains { $0 < 32 || $0 == 127 }
    }

    static func contains(_ needle: String, in haystack: String) -> Bool {
        let n = Array(needle.utf8), h = Array(haystack.utf8)
        guard !n.isEmpty, n.count <= h.count else { return n.isEmpty }
        for i in 0...(h.count - n.count) where h[i] == n[0] {
            if Array(h[i..<(i + n.count)]) == n { return true }
        }
        return false
    }

    static func replacing(_ needle: String, in haystack: String, with replacement: String) -> String {
        let n = Array(needle.utf8), h = Array(haystack.utf8), r = Array(replacement.utf8)
        guard !n.isEmpty, n.count <= h.count else { return haystack }
        var out = [UInt8]()
        out.reserveCapacity(h.count)
        var i = 0
        while i < h.count {
            if i + n.count <= h.count, h[i] == n[0], Array(h[i..<(i + n.count)]) == n {
                out += r
                i += n.count
            } else {
                out.append(h[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first line of a body, at most `limit` characters, for an error message.
    static func firstLine(of s: String, limit: Int = 200) -> String {
        var line = Substring(s)
        if let nl = line.firstIndex(where: { $0 == "\n" || $0 == "\r" }) { line = line[..<nl] }
        let t = trimmed(String(line))
        return t.count > limit ? String(t.prefix(limit)) + "…" : t
    }
}

extension Text {
    /// The text before the first occurrence of `needle` (all of it when absent).
    static func before(_ needle: String, in haystack: String) -> String {
        let n = Array(needle.utf8), h = Array(haystack.utf8)
        guard !n.isEmpty, n.count <= h.count else { return haystack }
        for i in 0...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n {
            return String(decoding: h[..<i], as: UTF8.self)
        }
        return haystack
    }
}
