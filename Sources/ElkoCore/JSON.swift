import CJansson

/// A jansson value this side owns one reference to (released on deinit). Inputs from callers are
/// borrowed with `retaining:` (a new reference is taken), so a caller's `json_t*` is never released here.
public final class JSONValue: @unchecked Sendable {
    // @unchecked: the value is never mutated after parsing; jansson's refcount is atomic.
    public let pointer: UnsafeMutablePointer<json_t>

    /// Takes over a reference the caller owns (e.g. from `json_loadb`).
    init(owning pointer: UnsafeMutablePointer<json_t>) { self.pointer = pointer }

    /// Borrows a caller's value: takes a reference of its own.
    public convenience init(retaining pointer: UnsafeMutablePointer<json_t>) {
        self.init(owning: elko_json_incref(pointer))
    }

    deinit { elko_json_decref(pointer) }

    public enum Kind: Sendable, Equatable { case object, array, string, integer, real, bool, null }

    public var kind: Kind {
        switch UInt32(bitPattern: elko_json_typeof(pointer)) {
        case JSON_OBJECT.rawValue: .object
        case JSON_ARRAY.rawValue: .array
        case JSON_STRING.rawValue: .string
        case JSON_INTEGER.rawValue: .integer
        case JSON_REAL.rawValue: .real
        case JSON_TRUE.rawValue, JSON_FALSE.rawValue: .bool
        default: .null
        }
    }

    /// Parses UTF-8 JSON text (any value, duplicates in an object refused). `context` names the input
    /// in the error; `quoteInput` false keeps jansson's "near '…'" excerpt out of the message (options
    /// text can hold the token).
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, context: String, quoteInput: Bool = true
    ) -> Result<JSONValue, ElkoError> {
        var error = json_error_t()
        let flags = Int(JSON_DECODE_ANY | JSON_REJECT_DUPLICATES)
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        // jansson wants a non-NULL pointer even for an empty buffer.
        let parsed: UnsafeMutablePointer<json_t>? = withUnsafePointer(to: 0 as CChar) { empty in
            json_loadb(base ?? empty, bytes.count, flags, &error)
        }
        guard let parsed else {
            var text = withUnsafeBytes(of: &error.text) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !quoteInput { text = Text.before(" near ", in: text) }
            return .failure(.invalidArgument(
                "\(context) are not valid JSON: \(text) (line \(error.line), column \(error.column))"))
        }
        return .success(JSONValue(owning: parsed))
    }

    public static func parse(_ bytes: [UInt8], context: String, quoteInput: Bool = true) -> Result<JSONValue, ElkoError> {
        bytes.withUnsafeBytes { parse($0, context: context, quoteInput: quoteInput) }
    }

    public static func parse(_ text: String, context: String, quoteInput: Bool = true) -> Result<JSONValue, ElkoError> {
        parse(Array(text.utf8), context: context, quoteInput: quoteInput)
    }

    /// Keys and values of an object, in document order; empty for anything else.
    public var objectEntries: [(key: String, value: JSONValue)] {
        var out: [(String, JSONValue)] = []
        var iter = json_object_iter(pointer)
        while let it = iter {
            if let k = json_object_iter_key(it), let v = json_object_iter_value(it) {
                out.append((String(cString: k), JSONValue(retaining: v)))
            }
            iter = json_object_iter_next(pointer, it)
        }
        return out
    }

    public var arrayElements: [JSONValue] {
        let n = json_array_size(pointer)
        var out: [JSONValue] = []
        var i = 0
        while i < n {
            if let v = json_array_get(pointer, i) { out.append(JSONValue(retaining: v)) }
            i += 1
        }
        return out
    }

    /// A string's UTF-8 text (may hold U+0000 only if the parser allowed it; ours does not).
    public var stringValue: String? {
        guard kind == .string, let p = json_string_value(pointer) else { return nil }
        let n = json_string_length(pointer)
        return String(decoding: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self)
    }

    public var integerValue: Int64? { kind == .integer ? Int64(json_integer_value(pointer)) : nil }

    public var boolValue: Bool? {
        switch UInt32(bitPattern: elko_json_typeof(pointer)) {
        case JSON_TRUE.rawValue: true
        case JSON_FALSE.rawValue: false
        default: nil
        }
    }

    /// Compact JSON text, or nil if jansson fails (out of memory).
    public func serialized() -> [UInt8]? {
        let flags = Int(JSON_COMPACT | JSON_ENCODE_ANY)
        let size = json_dumpb(pointer, nil, 0, flags)
        guard size > 0 else { return nil }
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBytes { raw in
            json_dumpb(pointer, raw.baseAddress?.assumingMemoryBound(to: CChar.self), size, flags)
        }
        return written == size ? out : nil
    }
}
