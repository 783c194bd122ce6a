/// A path such as `/v3.0/api/Catalog/Products/{elkoCodes}/Description`: literal segments and
/// `{name}` parameters. Matching is case-insensitive on literals, as ASP.NET routes are.
public struct PathTemplate: Sendable, Equatable, CustomStringConvertible {
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public let template: String
    public let segments: [Segment]

    public init(_ template: String) {
        self.template = template
        self.segments = template.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
    }

    public var description: String { template }

    /// Names of the `{…}` parameters, in order.
    public var parameterNames: [String] {
        segments.compactMap { if case .parameter(let n) = $0 { n } else { nil } }
    }

    /// Number of literal segments: the more, the more specific (used to order candidates).
    public var literalCount: Int {
        segments.reduce(0) { if case .literal = $1 { $0 + 1 } else { $0 } }
    }

    /// Matches already-split, percent-decoded path segments. Returns the parameter values, or nil.
    public func match(_ parts: [Substring]) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let lit):
                if !Self.equalsIgnoringASCIICase(lit, part) { return nil }
            case .parameter(let name):
                if part.isEmpty { return nil }
                values[name] = String(part)
            }
        }
        return values
    }

    /// Writes the path with the given values, percent-encoding each (a comma stays a comma).
    /// Returns nil and the missing name if a parameter has no value.
    public func render(_ values: [String: String]) -> Result<String, MissingPathParameter> {
        var out = ""
        for segment in segments {
            out += "/"
            switch segment {
            case .literal(let lit): out += lit
            case .parameter(let name):
                guard let value = values[name], !value.isEmpty else {
                    return .failure(MissingPathParameter(name: name))
                }
                out += PercentEncoding.encode(value, allowing: PercentEncoding.pathSegmentSafe)
            }
        }
        return .success(out.isEmpty ? "/" : out)
    }

    static func equalsIgnoringASCIICase(_ a: String, _ b: Substring) -> Bool {
        let ua = a.utf8, ub = b.utf8
        guard ua.count == ub.count else { return false }
        for (x, y) in zip(ua, ub) where x != y {
            let lx = (x >= 65 && x <= 90) ? x + 32 : x
            let ly = (y >= 65 && y <= 90) ? y + 32 : y
            if lx != ly { return false }
        }
        return true
    }
}

public struct MissingPathParameter: Error, Sendable, Equatable {
    public let name: String
    public init(name: String) { self.name = name }
}

/// RFC 3986 percent-encoding, without Foundation (the shipped library must not link it).
public enum PercentEncoding {
    /// Unreserved characters plus `,` `:` `@` which ELKO's comma lists and dates use in paths.
    public static let pathSegmentSafe: Set<UInt8> = unreserved.union(Array(",:@".utf8))
    /// Unreserved characters plus `,` (comma lists stay readable, as ELKO's examples write them).
    public static let queryValueSafe: Set<UInt8> = unreserved.union(Array(",".utf8))
    public static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    public static func encode(_ s: String, allowing safe: Set<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in s.utf8 {
            if safe.contains(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` (and `+` as space when `plusAsSpace`). Returns nil for a bad escape or bad UTF-8.
    public static func decode<S: StringProtocol>(_ s: S, plusAsSpace: Bool = false) -> String? {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next(), let l = it.next(), let hv = hexValue(h), let lv = hexValue(l) else {
                    return nil
                }
                out.append(hv << 4 | lv)
            } else if plusAsSpace && b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}
