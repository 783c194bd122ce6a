/// SplitMix64: a tiny, fast generator whose output depends only on its seed, on every platform and
/// Swift version (unlike `Int.random(in:using:)`, whose algorithm the standard library may change).
struct SeededGenerator: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one item, independent of how many values other items drew.
    init(seed: UInt64, stream: UInt64, item: Int) {
        var mix = SeededGenerator(seed: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
        mix.state ^= UInt64(truncatingIfNeeded: item) &* 0x9E37_79B9_7F4A_7C15
        state = mix.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n (n > 0). The modulo bias is negligible for the small n used here.
    mutating func below(_ n: Int) -> Int {
        n <= 1 ? 0 : Int(truncatingIfNeeded: next() % UInt64(n))
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An element of a non-empty array (callers pass static, non-empty tables).
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Fills a pattern: `#` a digit, `?` a digit 1-9, `@` an upper-case letter, anything else itself.
    mutating func fill(_ pattern: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(pattern.utf8.count)
        for c in pattern.utf8 {
            switch c {
            case UInt8(ascii: "#"): out.append(UInt8(ascii: "0") + UInt8(below(10)))
            case UInt8(ascii: "?"): out.append(UInt8(ascii: "1") + UInt8(below(9)))
            case UInt8(ascii: "@"): out.append(UInt8(ascii: "A") + UInt8(below(26)))
            default: out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A random (version 4 style) UUID in lower-case 8-4-4-4-12 form.
    mutating func uuid() -> String {
        let hi = next(), lo = next()
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for i in 0..<32 {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
            var nibble = Int(truncatingIfNeeded: ((i < 16 ? hi : lo) >> UInt64(60 - (i % 16) * 4)) & 0xF)
            if i == 12 { nibble = 4 }
            if i == 16 { nibble = 8 | (nibble & 3) }
            out.append(hex[nibble])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
