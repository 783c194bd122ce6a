// XML output for clients that send `Accept: application/xml`, shaped like what ASP.NET Web API's XML formatter
// (DataContractSerializer) produces for the same data. Choices, where the real formatter's output cannot be
// reproduced exactly without the .NET types behind it:
// - No XML declaration, no indentation, no default `xmlns` (the real one names the .NET namespace, which we
//   do not know). The root element always carries
//   `xmlns:i="http://www.w3.org/2001/XMLSchema-instance"` so that `i:nil` is usable anywhere below it.
// - Root: an array is `<ArrayOfX>` with one `<X>` element per item, where `root` is "ArrayOfX"; when `root`
//   does not start with "ArrayOf" the items are `<Item>`. An object's members become child elements of
//   the root. A scalar is the root's text.
// - Object members become elements named by their key, made into a valid XML name: every character that
//   may not appear in a name (including `:`, to keep namespaces out of it) becomes `_`; a key that starts
//   with a digit, `-` or `.` gets a leading `_`; an empty key becomes `_`.
// - `null` is `<key i:nil="true" />`. Booleans are `true`/`false`, numbers their literal JSON text.
// - Arrays nested anywhere below the root are `<key><Item>..</Item><Item>..</Item></key>`; an empty array is
//   `<key />`, an empty object `<key />` as well.
// - Text and attribute values escape `&`, `<`, `>` and `"`; `\r` is written `&#xD;` (as the .NET writer
//   does) so that XML parsers' line-end normalisation does not turn it into `\n`. Characters XML 1.0 does
//   not allow at all (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF) are removed.
public enum XMLRenderer {
    static let instanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// Renders `value` as an XML document whose root element is `root` (made into a valid XML name).
    public static func render(_ value: JSON, root: String) -> String {
        let rootName = elementName(root)
        let nsAttribute = " xmlns:i=\"\(instanceNamespace)\""
        var out = ""
        out.reserveCapacity(value.estimatedSerializedCount() * 2 + 128)
        switch value {
        case .null:
            out += "<\(rootName) i:nil=\"true\"\(nsAttribute) />"
        case .array(let items):
            let itemName = root.hasPrefix("ArrayOf") && root.count > "ArrayOf".count
                ? elementName(String(root.dropFirst("ArrayOf".count))) : "Item"
            if items.isEmpty {
                out += "<\(rootName)\(nsAttribute) />"
                break
            }
            out += "<\(rootName)\(nsAttribute)>"
            for item in items { writeElement(itemName, item, into: &out) }
            out += "</\(rootName)>"
        case .object(let members):
            if members.isEmpty {
                out += "<\(rootName)\(nsAttribute) />"
                break
            }
            out += "<\(rootName)\(nsAttribute)>"
            for (key, member) in members { writeElement(elementName(key), member, into: &out) }
            out += "</\(rootName)>"
        case .bool, .number, .string:
            out += "<\(rootName)\(nsAttribute)>"
            writeScalarText(value, into: &out)
            out += "</\(rootName)>"
        }
        return out
    }

    /// `name` is already a valid XML name.
    static func writeElement(_ name: String, _ value: JSON, into out: inout String) {
        switch value {
        case .null:
            out += "<\(name) i:nil=\"true\" />"
        case .array(let items):
            if items.isEmpty {
                out += "<\(name) />"
                return
            }
            out += "<\(name)>"
            for item in items { writeElement("Item", item, into: &out) }
            out += "</\(name)>"
        case .object(let members):
            if members.isEmpty {
                out += "<\(name) />"
                return
            }
            out += "<\(name)>"
            for (key, member) in members { writeElement(elementName(key), member, into: &out) }
            out += "</\(name)>"
        case .bool, .number, .string:
            out += "<\(name)>"
            writeScalarText(value, into: &out)
            out += "</\(name)>"
        }
    }

    static func writeScalarText(_ value: JSON, into out: inout String) {
        switch value {
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += escapeText(text)
        case .string(let s): out += escapeText(s)
        default: break
        }
    }

    /// Escapes `s` for use as element text or a double-quoted attribute value, dropping characters that
    /// XML 1.0 does not allow.
    public static func escapeText(_ s: String) -> String {
        // Fast path: most catalog text needs nothing.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF }) {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x0D: out += "&#xD;"
            case 0x09, 0x0A: out.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0xFFFE, 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Makes `key` a valid XML 1.0 (fifth edition) element name without a namespace prefix.
    public static func elementName(_ key: String) -> String {
        if key.isEmpty { return "_" }
        var out = String.UnicodeScalarView()
        var first = true
        for scalar in key.unicodeScalars {
            if first {
                first = false
                if isNameStart(scalar) {
                    out.append(scalar)
                } else if isNameChar(scalar) {
                    // A digit, '-', '.' or combining mark may follow the first character but not be it.
                    out.append("_")
                    out.append(scalar)
                } else {
                    out.append("_")
                }
            } else {
                out.append(isNameChar(scalar) ? scalar : "_")
            }
        }
        return String(out)
    }

    static func isNameStart(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F: true  // A-Z a-z _ (':' deliberately excluded)
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
            0x10000...0xEFFFF:
            true
        default: false
        }
    }

    static func isNameChar(_ s: Unicode.Scalar) -> Bool {
        if isNameStart(s) { return true }
        switch s.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return false
        }
    }
}
