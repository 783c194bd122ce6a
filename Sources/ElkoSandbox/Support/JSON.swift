/// A JSON value that keeps object keys in order and numbers as their literal text, so that a document
/// read from a fixture is written back byte-for-byte in the same shape, and generated data is
/// deterministic. Parsing and writing are in JSONCoding.swift.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text as it appears in JSON (`3750.3`, `0.0`, `12`).
    case number(String)
    case string(String)
    case array([JSON])
    /// Keys in document order. Duplicate keys are kept as read.
    case object([(String, JSON)])

    public static func int(_ v: Int) -> JSON { .number(String(v)) }
    public static func double(_ v: Double) -> JSON {
        // Swift writes the shortest text that reads back exactly: 3750.3, 0.0, 1e+20.
        v.isFinite ? .number(String(v)) : .null
    }

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y || (Double(x) != nil && Double(x) == Double(y))
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value of `key` (exact match first, then ASCII case-insensitive, as ASP.NET model binding does).
    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        if let hit = members.first(where: { $0.0 == key }) { return hit.1 }
        let lower = key.lowercased()
        return members.first(where: { $0.0.lowercased() == lower })?.1
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var arrayValue: [JSON]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: [(String, JSON)]? { if case .object(let o) = self { o } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// A number, or a string holding one (ELKO's clients send many numbers as strings).
    public var doubleValue: Double? {
        switch self {
        case .number(let n): Double(n)
        case .string(let s): Double(s.trimmingSpaces)
        default: nil
        }
    }

    /// A whole number, or a string holding one.
    public var intValue: Int? {
        switch self {
        case .number(let n): Int(n) ?? Double(n).flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil }
        case .string(let s): Int(s.trimmingSpaces)
        default: nil
        }
    }

    /// A boolean, or its common string and number spellings (`"true"`, `"1"`, `1`).
    public var looseBoolValue: Bool? {
        switch self {
        case .bool(let b): b
        case .number(let n): n == "1" ? true : n == "0" ? false : nil
        case .string(let s):
            switch s.lowercased() {
            case "true", "1", "y", "yes": true
            case "false", "0", "n", "no", "": false
            default: nil
            }
        default: nil
        }
    }

    /// Returns a copy of an object with `key` set (replaced in place, or appended).
    public func setting(_ key: String, _ value: JSON) -> JSON {
        guard case .object(var members) = self else { return self }
        if let i = members.firstIndex(where: { $0.0 == key }) {
            members[i].1 = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
