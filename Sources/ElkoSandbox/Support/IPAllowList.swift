// The partner IP allow-list ELKO enforces: single IPv4/IPv6 addresses, CIDR blocks and first-last ranges.
// Every address is held as 128 bits; IPv4 as the IPv4-mapped IPv6 address ::ffff:a.b.c.d, which is what a
// dual-stack listener reports for an IPv4 client, so that one comparison covers both spellings.

/// An IPv4 or IPv6 address as 16 bytes (IPv4 as `::ffff:a.b.c.d`). Ordered as a 128-bit number.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The high and low 64 bits, network byte order (big-endian) read as two numbers.
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The IPv4 address `value` (`0x7F000001` is 127.0.0.1), stored IPv4-mapped.
    public init(ipv4 value: UInt32) {
        self.init(high: 0, low: 0xFFFF_0000_0000 | UInt64(value))
    }

    /// From 4 (IPv4) or 16 (IPv6) bytes in network order; nil for any other length.
    public init?(bytes: [UInt8]) {
        if bytes.count == 4 {
            self.init(ipv4: bytes.reduce(0) { $0 << 8 | UInt32($1) })
        } else if bytes.count == 16 {
            self.init(
                high: bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) },
                low: bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) })
        } else {
            return nil
        }
    }

    /// Parses dotted-quad IPv4 (`127.0.0.1`; no leading zeros, which inet_aton would read as octal) and
    /// IPv6 in full or compressed form (`::1`, `2001:db8::1`, `::ffff:127.0.0.1`). Accepts brackets
    /// (`[::1]`) and strips a zone id (`fe80::1%eth0`). No surrounding whitespace.
    public init?(_ text: String) {
        var t = Array(text.utf8)
        if t.first == UInt8(ascii: "[") {
            guard t.count >= 2, t.last == UInt8(ascii: "]") else { return nil }
            t = Array(t[1..<(t.count - 1)])
        }
        if let percent = t.firstIndex(of: UInt8(ascii: "%")) {
            // A zone id belongs to IPv6 only, and must not be empty.
            guard percent + 1 < t.count, t[..<percent].contains(UInt8(ascii: ":")) else { return nil }
            t = Array(t[..<percent])
        }
        if t.contains(UInt8(ascii: ":")) {
            guard let (high, low) = IPAddress.parseIPv6(t[...]) else { return nil }
            self.init(high: high, low: low)
        } else {
            guard let v4 = IPAddress.parseIPv4(t[...]) else { return nil }
            self.init(ipv4: v4)
        }
    }

    /// True for IPv4 addresses (IPv4-mapped, `::ffff:0:0/96`).
    public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

    /// The 16 bytes in network order.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * $0)) }
    }

    /// The IPv4 value of an IPv4 address, else nil.
    public var ipv4Value: UInt32? { isIPv4 ? UInt32(truncatingIfNeeded: low) : nil }

    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// IPv4 as `a.b.c.d`; IPv6 in RFC 5952 canonical form (lowercase, longest zero run as `::`).
    public var description: String {
        if let v4 = ipv4Value {
            return "\(v4 >> 24).\(v4 >> 16 & 0xFF).\(v4 >> 8 & 0xFF).\(v4 & 0xFF)"
        }
        let groups: [UInt16] = (0..<8).map { k in
            let word = k < 4 ? high : low
            return UInt16(truncatingIfNeeded: word >> UInt64(48 - 16 * (k % 4)))
        }
        // Longest run of two or more zero groups; the first such run on a tie.
        var bestStart = -1, bestLength = 0, k = 0
        while k < 8 {
            if groups[k] == 0 {
                var e = k
                while e < 8 && groups[e] == 0 { e += 1 }
                if e - k > bestLength && e - k >= 2 { bestStart = k; bestLength = e - k }
                k = e
            } else {
                k += 1
            }
        }
        func hex(_ g: UInt16) -> String { String(g, radix: 16) }
        if bestStart < 0 { return groups.map(hex).joined(separator: ":") }
        let head = groups[..<bestStart].map(hex).joined(separator: ":")
        let tail = groups[(bestStart + bestLength)...].map(hex).joined(separator: ":")
        return head + "::" + tail
    }

    static func parseIPv4(_ t: ArraySlice<UInt8>) -> UInt32? {
        let parts = t.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            if part.count > 1 && part.first == UInt8(ascii: "0") { return nil }
            let octet = part.reduce(UInt32(0)) { $0 * 10 + UInt32($1 - 0x30) }
            guard octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseIPv6(_ t: ArraySlice<UInt8>) -> (UInt64, UInt64)? {
        // Split around the one allowed "::".
        var doubleColon: Int? = nil
        var k = t.startIndex
        while k + 1 < t.endIndex {
            if t[k] == UInt8(ascii: ":") && t[k + 1] == UInt8(ascii: ":") {
                guard doubleColon == nil else { return nil }
                doubleColon = k
                k += 2
            } else {
                k += 1
            }
        }
        func groups(_ s: ArraySlice<UInt8>, allowIPv4Tail: Bool) -> [UInt16]? {
            if s.isEmpty { return [] }
            let parts = s.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            var out: [UInt16] = []
            for (index, part) in parts.enumerated() {
                if index == parts.count - 1 && allowIPv4Tail && part.contains(UInt8(ascii: ".")) {
                    guard let v4 = parseIPv4(part) else { return nil }
                    out.append(UInt16(truncatingIfNeeded: v4 >> 16))
                    out.append(UInt16(truncatingIfNeeded: v4))
                    continue
                }
                guard (1...4).contains(part.count) else { return nil }
                var g: UInt16 = 0
                for c in part {
                    let d: UInt16
                    switch c {
                    case 0x30...0x39: d = UInt16(c - 0x30)
                    case 0x41...0x46: d = UInt16(c - 0x41 + 10)
                    case 0x61...0x66: d = UInt16(c - 0x61 + 10)
                    default: return nil
                    }
                    g = g << 4 | d
                }
                out.append(g)
            }
            return out
        }
        var all: [UInt16]
        if let dc = doubleColon {
            guard let head = groups(t[t.startIndex..<dc], allowIPv4Tail: false),
                let tail = groups(t[(dc + 2)...], allowIPv4Tail: true),
                head.count + tail.count <= 7
            else { return nil }
            all = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let g = groups(t, allowIPv4Tail: true), g.count == 8 else { return nil }
            all = g
        }
        let high = all[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = all[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }
}

/// Why an allow-list entry was rejected. `description` names the entry:
/// `invalid IP range "10.0.0.300/8": bad IPv4 address`.
public struct IPRangeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let entry: String
    public let reason: String

    public init(entry: String, reason: String) {
        self.entry = entry
        self.reason = reason
    }

    public var description: String { "invalid IP range \"\(entry)\": \(reason)" }
}

/// One allow-list entry: a single address, a CIDR block or a first-last range, held as the inclusive
/// interval `first...last`. IPv4 entries cover the IPv4-mapped addresses; an IPv6 entry covers IPv4
/// clients only if its interval includes `::ffff:0:0/96` (so `::/0` allows everyone).
public struct IPRange: Sendable, Hashable, CustomStringConvertible {
    public let first: IPAddress
    public let last: IPAddress
    /// The prefix length as written (0...32 for IPv4, 0...128 for IPv6) for a CIDR entry, else nil.
    public let prefixLength: Int?

    /// Parses `10.0.0.1`, `2001:db8::1`, `10.0.0.0/8`, `2001:db8::/32` (host bits may be set; they are
    /// ignored), or `10.0.0.1-10.0.0.9` (spaces around `-` allowed; both ends the same family;
    /// first <= last). Surrounding whitespace is ignored.
    public init(_ text: String) throws(IPRangeError) {
        func fail(_ reason: String) -> IPRangeError { IPRangeError(entry: text, reason: reason) }
        let t = text.trimmedWhitespace
        guard !t.isEmpty else { throw fail("empty entry") }

        if let slash = t.firstIndex(of: "/") {
            let addressText = String(t[..<slash]).trimmedWhitespace
            let prefixText = t[t.index(after: slash)...]
            guard let address = IPAddress(addressText) else { throw fail(IPRange.badAddressReason(addressText)) }
            let isV6Syntax = addressText.contains(":")
            let maximum = isV6Syntax ? 128 : 32
            guard (1...3).contains(prefixText.utf8.count), prefixText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let prefix = Int(prefixText)
            else { throw fail("bad prefix length \"\(prefixText)\"") }
            guard prefix <= maximum else {
                throw fail("prefix length \(prefix) is out of range 0...\(maximum) for \(isV6Syntax ? "IPv6" : "IPv4")")
            }
            let bits = isV6Syntax ? prefix : 96 + prefix
            let maskHigh: UInt64 = bits >= 64 ? ~0 : (bits == 0 ? 0 : ~0 << UInt64(64 - bits))
            let maskLow: UInt64 = bits <= 64 ? 0 : (bits == 128 ? ~0 : ~0 << UInt64(128 - bits))
            first = IPAddress(high: address.high & maskHigh, low: address.low & maskLow)
            last = IPAddress(high: address.high | ~maskHigh, low: address.low | ~maskLow)
            prefixLength = prefix
            return
        }

        if let dash = t.firstIndex(of: "-") {
            let firstText = String(t[..<dash]).trimmedWhitespace
            let lastText = String(t[t.index(after: dash)...]).trimmedWhitespace
            guard let a = IPAddress(firstText) else { throw fail(IPRange.badAddressReason(firstText)) }
            guard let b = IPAddress(lastText) else { throw fail(IPRange.badAddressReason(lastText)) }
            guard a.isIPv4 == b.isIPv4 else { throw fail("both ends of a range must be of the same address family") }
            guard a <= b else { throw fail("first address \(a) is after last address \(b)") }
            first = a
            last = b
            prefixLength = nil
            return
        }

        guard let address = IPAddress(t) else { throw fail(IPRange.badAddressReason(t)) }
        first = address
        last = address
        prefixLength = nil
    }

    /// Whether `a` lies in this range.
    public func contains(_ a: IPAddress) -> Bool { first <= a && a <= last }

    /// `10.0.0.1`, `10.0.0.0/8` (the network address), `10.0.0.1-10.0.0.9`.
    public var description: String {
        if let prefixLength { return "\(first)/\(prefixLength)" }
        return first == last ? "\(first)" : "\(first)-\(last)"
    }

    static func badAddressReason(_ text: String) -> String {
        if text.isEmpty { return "missing address" }
        if text.contains(":") { return "bad IPv6 address" }
        if text.contains(".") || text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return "bad IPv4 address" }
        return "bad IP address"
    }
}

/// The set of addresses a partner may call from. An empty list allows nobody.
public struct IPAllowList: Sendable {
    public let ranges: [IPRange]

    /// Parses every entry; the first bad one is reported by name.
    public init(_ entries: [String]) throws(IPRangeError) {
        var ranges: [IPRange] = []
        ranges.reserveCapacity(entries.count)
        for entry in entries { ranges.append(try IPRange(entry)) }
        self.ranges = ranges
    }

    public func allows(_ a: IPAddress) -> Bool { ranges.contains { $0.contains(a) } }
}

extension String {
    fileprivate var trimmedWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
