// Tests for the sandbox's self-contained support code: JSON reading and writing, XML rendering, SHA-256,
// HMAC, base64url, JWT, and the IP allow-list.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ElkoAPI
import Testing
@testable import ElkoSandbox

// MARK: - Helpers

enum SupportFixtures {
    /// `<repo>/../shared/fixtures/ua-catalog-products-sample.json`; the repo root is three levels above
    /// this file (Tests/ElkoSandboxTests/SupportTests.swift).
    static let catalogSamplePath: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/../shared/fixtures/ua-catalog-products-sample.json"
    }()

    static var catalogSampleExists: Bool { access(catalogSamplePath, R_OK) == 0 }

    static var pythonAvailable: Bool { (try? shell("command -v python3 >/dev/null 2>&1 && echo yes")) == "yes\n" }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw TestIOError("cannot open \(path)") }
        defer { fclose(f) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n == 0 { break }
            out += chunk[0..<n]
        }
        return out
    }

    /// Writes `bytes` to a new temporary file and returns its path.
    static func writeTemporaryFile(_ bytes: [UInt8], suffix: String = "") throws -> String {
        var template = Array("/tmp/elko-support-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw TestIOError("mkstemp failed") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw TestIOError("write failed") }
            offset += n
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `/bin/sh -c command` and returns its standard output.
    static func shell(_ command: String) throws -> String {
        guard let p = popen(command, "r") else { throw TestIOError("popen failed") }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, p)
            if n == 0 { break }
            out += chunk[0..<n]
        }
        pclose(p)
        return String(decoding: out, as: UTF8.self)
    }
}

struct TestIOError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

private func parseError(_ input: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSON.parse(input)
        return nil
    } catch {
        return error
    }
}

// MARK: - JSON parser

@Suite("SupportTests JSON parsing")
struct SupportTestsJSONParsing {
    struct Bad: CustomTestStringConvertible, Sendable {
        let input: [UInt8]
        let message: String
        let offset: Int
        init(_ input: String, _ message: String, _ offset: Int) {
            self.init(Array(input.utf8), message, offset)
        }
        init(_ input: [UInt8], _ message: String, _ offset: Int) {
            self.input = input
            self.message = message
            self.offset = offset
        }
        var testDescription: String { String(decoding: input, as: UTF8.self).debugDescription }
    }

    static let badInputs: [Bad] = [
        Bad("", "Unexpected end of input", 0),
        Bad("   ", "Unexpected end of input", 3),
        Bad("[1,2", "Unterminated array: unexpected end of input", 4),
        Bad("[1,]", "Trailing comma in array", 3),
        Bad("[1 2]", "Expected ',' or ']' in array, found character '2'", 3),
        Bad("{\"a\":1,}", "Trailing comma in object", 7),
        Bad("{\"a\" 1}", "Expected ':' after object key, found character '1'", 5),
        Bad("{a:1}", "Expected a string object key, found character 'a'", 1),
        Bad("{\"a\":1 \"b\":2}", "Expected ',' or '}' in object, found character '\"'", 7),
        Bad("{\"a\":1", "Unterminated object: unexpected end of input", 6),
        Bad("01", "Leading zeros are not allowed in numbers", 0),
        Bad("-012", "Leading zeros are not allowed in numbers", 1),
        Bad("[00]", "Leading zeros are not allowed in numbers", 1),
        Bad("1.", "Expected a digit after the decimal point, found end of input", 2),
        Bad("1.e5", "Expected a digit after the decimal point, found character 'e'", 2),
        Bad("1e", "Expected a digit in the exponent, found end of input", 2),
        Bad("1e+", "Expected a digit in the exponent, found end of input", 3),
        Bad("-", "Expected a digit in number, found end of input", 1),
        Bad("-a", "Expected a digit in number, found character 'a'", 1),
        Bad("+1", "Unexpected character '+'", 0),
        Bad(".5", "Unexpected character '.'", 0),
        Bad("NaN", "Unexpected character 'N'", 0),
        Bad("Infinity", "Unexpected character 'I'", 0),
        Bad("'a'", "Unexpected character '''", 0),
        Bad("1 2", "Unexpected character '2' after the end of the JSON value", 2),
        Bad("[1]x", "Unexpected character 'x' after the end of the JSON value", 3),
        Bad("{}{}", "Unexpected character '{' after the end of the JSON value", 2),
        Bad("\"abc", "Unterminated string", 0),
        Bad("[\"abc", "Unterminated string", 1),
        Bad("\"a\tb\"", "Unescaped control character U+0009 in string", 2),
        Bad("\"a\nb\"", "Unescaped control character U+000A in string", 2),
        Bad([0x22, 0x00, 0x22], "Unescaped control character U+0000 in string", 1),
        Bad("\"\\x\"", "Invalid escape '\\' followed by character 'x'", 1),
        Bad("\"\\", "Unterminated string", 1),
        Bad("\"\\ud800\"", "Lone high surrogate \\uD800 in string", 1),
        Bad("\"\\ud800x\"", "Lone high surrogate \\uD800 in string", 1),
        Bad("\"\\ud800\\u0041\"", "Lone high surrogate \\uD800 in string", 1),
        Bad("\"\\udbff\\udbff\"", "Lone high surrogate \\uDBFF in string", 1),
        Bad("\"\\udc00\"", "Lone low surrogate \\uDC00 in string", 1),
        Bad("\"\\u12G4\"", "Invalid hex digit in \\u escape: character 'G'", 5),
        Bad("\"\\u12", "Truncated \\u escape", 1),
        Bad("tru", "Invalid literal (expected 'true'), found end of input", 3),
        Bad("nul1", "Invalid literal (expected 'null'), found character '1'", 3),
        Bad("fals", "Invalid literal (expected 'false'), found end of input", 4),
        Bad("True", "Unexpected character 'T'", 0),
        Bad([0xEF, 0xBB, 0xBF, 0x7B, 0x7D], "A byte order mark (U+FEFF) is not allowed", 0),
        Bad([0x00], "Unexpected control character U+0000", 0),
        Bad([0xFF], "Unexpected byte 0xFF", 0),
        Bad([0x5B, 0x31, 0x5D, 0x80], "Unexpected byte 0x80 after the end of the JSON value", 3),
        // Invalid UTF-8 inside strings.
        Bad([0x22, 0xC3, 0x28, 0x22], "Invalid UTF-8 sequence (byte 0x28 after lead byte 0xC3)", 2),
        Bad([0x22, 0xC0, 0xAF, 0x22], "Invalid UTF-8 byte 0xC0", 1),  // overlong '/'
        Bad([0x22, 0xC1, 0xBF, 0x22], "Invalid UTF-8 byte 0xC1", 1),
        Bad([0x22, 0xE0, 0x80, 0xAF, 0x22], "Invalid UTF-8 sequence (byte 0x80 after lead byte 0xE0)", 2),
        Bad([0x22, 0xED, 0xA0, 0x80, 0x22], "Invalid UTF-8 sequence (byte 0xA0 after lead byte 0xED)", 2),
        Bad([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "Invalid UTF-8 sequence (byte 0x90 after lead byte 0xF4)", 2),
        Bad([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "Invalid UTF-8 byte 0xF5", 1),
        Bad([0x22, 0x80, 0x22], "Invalid UTF-8 byte 0x80", 1),
        Bad([0x22, 0xE2, 0x82, 0x22], "Invalid UTF-8 sequence (byte 0x22 after lead byte 0xE2)", 3),
        Bad([0x22, 0xE2, 0x82], "Truncated UTF-8 sequence", 1),
        Bad([0x22, 0xFE, 0x22], "Invalid UTF-8 byte 0xFE", 1),
    ]

    @Test("rejects bad input with message and offset", arguments: badInputs)
    func rejects(_ bad: Bad) {
        let error = parseError(bad.input)
        #expect(error?.message == bad.message)
        #expect(error?.offset == bad.offset)
    }

    @Test func errorDescriptionNamesByteOffset() {
        let error = parseError(bytes("[1,2,3,4,5,6,7,8,x]"))
        #expect(error?.description == "Unexpected character 'x' at byte 17")
        #expect(parseError(bytes("{\"a\":tru}"))?.description
            == "Invalid literal (expected 'true'), found character '}' at byte 8")
    }

    @Test func stringOverloadReportsTheSameErrors() {
        #expect(throws: JSONParseError(message: "Leading zeros are not allowed in numbers", offset: 1)) {
            try JSON.parse("[01]")
        }
    }

    @Test func depthLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSON.parse(ok) }
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = parseError(bytes(tooDeep))
        #expect(error?.message == "Nesting deeper than 512 levels")
        #expect(error?.offset == 512)
        let objects = String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(parseError(bytes(objects))?.message == "Nesting deeper than 512 levels")
        // Depth is nesting, not the number of containers.
        let wide = "[" + Array(repeating: "[[]]", count: 10_000).joined(separator: ",") + "]"
        #expect(throws: Never.self) { try JSON.parse(wide) }
        // A very deep document fails cleanly rather than overflowing the stack.
        let huge = String(repeating: "[", count: 1_000_000)
        #expect(parseError(bytes(huge))?.message == "Nesting deeper than 512 levels")
    }

    @Test func acceptsValidDocuments() throws {
        let doc = try JSON.parse(" \t\r\n{\"a\" : [1, -0, 0.5e-3, 1E+2, 10, -1.25, true, false, null, {}, []], \"b\":\"x\"} \n")
        #expect(doc == .object([
            ("a", .array([
                .number("1"), .number("-0"), .number("0.5e-3"), .number("1E+2"), .number("10"), .number("-1.25"),
                .bool(true), .bool(false), .null, .object([]), .array([]),
            ])),
            ("b", .string("x")),
        ]))
        #expect(try JSON.parse("1") == .number("1"))
        #expect(try JSON.parse("\"x\"") == .string("x"))
        #expect(try JSON.parse("null") == .null)
        #expect(try JSON.parse("  true  ") == .bool(true))
    }

    @Test func numbersKeepTheirLiteralText() throws {
        guard case .array(let items) = try JSON.parse("[3750.3,0.0,1E+2,-0,123456789012345678901234567890,1e400]") else {
            Issue.record("not an array")
            return
        }
        let texts = items.map { item -> String in if case .number(let t) = item { t } else { "?" } }
        #expect(texts == ["3750.3", "0.0", "1E+2", "-0", "123456789012345678901234567890", "1e400"])
    }

    @Test func stringEscapesAndUnicode() throws {
        let doc = try JSON.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u0416\u20ac", "\ud83d\ude00", "\u0000", "é😀", "\uFFFF"]"#)
        #expect(doc == .array([
            .string("\"\\/\u{8}\u{c}\n\r\t"), .string("éЖ€"), .string("😀"), .string("\u{0}"), .string("é😀"),
            .string("\u{FFFF}"),
        ]))
        // Escapes mixed with raw runs, and a long string with an escape at the very end.
        let long = String(repeating: "abc", count: 1000)
        #expect(try JSON.parse("\"\(long)\\n\"") == .string(long + "\n"))
    }

    @Test func duplicateKeysAreKeptInOrder() throws {
        let doc = try JSON.parse(#"{"b":1,"a":2,"b":3}"#)
        #expect(doc.objectValue?.map(\.0) == ["b", "a", "b"])
        #expect(doc["b"] == .number("1"))
    }

    @Test func parsesAnyByteCollection() throws {
        let text = #"{"k":[1,"é"]}"#
        let expected = try JSON.parse(text)
        #expect(try JSON.parse(Array(text.utf8)) == expected)
        #expect(try JSON.parse(text.utf8) == expected)
        #expect(try JSON.parse(Array(("xx" + text).utf8).dropFirst(2)) == expected)
        // A collection without contiguous storage takes the copying path.
        #expect(try JSON.parse(Array(text.utf8).lazy.map { $0 }) == expected)
        #expect(throws: JSONParseError.self) { try JSON.parse(Array("[1,]".utf8).lazy.map { $0 }) }
    }
}

// MARK: - JSON writer

@Suite("SupportTests JSON writing")
struct SupportTestsJSONWriting {
    @Test func compactInStoredOrder() {
        let value = JSON.object([
            ("z", .int(1)), ("a", .array([.bool(true), .bool(false), .null, .double(3750.3), .double(0)])),
            ("m", .object([])), ("e", .array([])), ("s", .string("x")),
        ])
        #expect(value.serialized() == #"{"z":1,"a":[true,false,null,3750.3,0.0],"m":{},"e":[],"s":"x"}"#)
    }

    @Test func escapes() {
        #expect(JSON.string("\"\\/").serialized() == #""\"\\/""#)
        #expect(JSON.string("\n\r\t\u{8}\u{c}").serialized() == #""\n\r\t\b\f""#)
        #expect(JSON.string("\u{0}\u{1}\u{1f}\u{7f}").serialized() == "\"\\u0000\\u0001\\u001f\u{7f}\"")
        #expect(JSON.string("a\u{2028}b\u{2029}c").serialized() == #""a\u2028b\u2029c""#)
        // Other characters that begin with byte E2 stay raw: € (E2 82 AC), non-breaking hyphen (E2 80 91),
        // and an E2 80 at the very end of a run.
        #expect(JSON.string("€‑…\u{2027}\u{202A}").serialized() == "\"€‑…\u{2027}\u{202A}\"")
        #expect(JSON.string("Ціна 😀 é").serialized() == "\"Ціна 😀 é\"")
        #expect(JSON.object([("ke\"y\n", .null)]).serialized() == #"{"ke\"y\n":null}"#)
        #expect(JSON.string("").serialized() == #""""#)
    }

    @Test func everyControlCharacterIsEscaped() throws {
        for c in 0..<0x20 {
            let s = String(Unicode.Scalar(UInt8(c)))
            let text = JSON.string(s).serialized()
            #expect(!text.utf8.contains { $0 < 0x20 }, "U+\(c) written raw")
            #expect(try JSON.parse(text) == .string(s))
        }
    }

    @Test func writeIntoAppends() {
        var out: [UInt8] = Array("prefix:".utf8)
        JSON.array([.int(1), .string("é")]).write(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "prefix:[1,\"é\"]")
    }

    @Test func estimatedCountIsExactWithoutEscapes() {
        let value = JSON.object([("a", .array([.int(12), .null, .bool(false), .string("Ціна")])), ("b", .object([]))])
        #expect(value.estimatedSerializedCount() == value.serialized().utf8.count)
    }

    /// Deterministic pseudo-random strings across ASCII, controls, BMP, U+2028/9 and astral characters
    /// survive a write and a read unchanged.
    @Test func randomStringsRoundTrip() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let pool: [ClosedRange<UInt32>] = [0...0x1F, 0x20...0x7E, 0x80...0x7FF, 0x2020...0x202F, 0x800...0xD7FF,
                                           0xE000...0xFFFF, 0x10000...0x10FFFF]
        for _ in 0..<500 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 40) {
                let range = pool[Int(next() % UInt64(pool.count))]
                let v = range.lowerBound + UInt32(next() % UInt64(range.count))
                if let scalar = Unicode.Scalar(v) { s.append(scalar) }
            }
            let original = JSON.object([(String(s), .array([.string(String(s))]))])
            let text = original.serialized()
            #expect(try JSON.parse(text) == original)
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 || $0.value == 0x2029 })
        }
    }

    @Test(.enabled(if: SupportFixtures.catalogSampleExists,
                   "skipped: shared fixture ua-catalog-products-sample.json not found beside the repository"))
    func fixtureRoundTrip() throws {
        let original = try SupportFixtures.readFile(SupportFixtures.catalogSamplePath)
        let parsed = try JSON.parse(original)
        let text = parsed.serialized()
        let reparsed = try JSON.parse(text)
        #expect(reparsed == parsed)
        #expect(reparsed.serialized() == text, "writing is deterministic")

        let products = try #require(parsed.arrayValue)
        #expect(products.count == 15)
        let first = try #require(products.first)
        #expect(first.objectValue?.map(\.0) == [
            "id", "name", "manufacturerCode", "vendorName", "vendorCode", "catalog", "quantity", "price",
            "discountPrice", "fullDsc", "altDsc", "detailedDescription", "currency", "httpDescription",
            "packagingQuantity", "warranty", "eanCode", "reservedQuantity", "reservedQuantityFromBasket",
            "transitQuantity", "rrp", "rrPcontrol", "searchText", "prP4", "code_UKTZED", "uAproductName",
            "pictureUrl", "discount",
        ])
        // Literal number text survives; a == on .number would also accept 3750.30.
        let price = first["price"]
        #expect(price.map { if case .number(let t) = $0 { t == "3750.3" } else { false } } == true)
        let rrp = first["rrp"]
        #expect(rrp.map { if case .number(let t) = $0 { t == "0.0" } else { false } } == true)
        #expect(first["warranty"] == .string("36 месяцев"))
        #expect(first["fullDsc"]?.stringValue?.contains("+/-\u{2011}3 dB") == true)
        #expect(first["code_UKTZED"] == .null)
        #expect(first["discount"] == .object([("status", .bool(false)), ("price", .array([])), ("link", .null)]))
        // Our compact form keeps non-ASCII raw where the fixture used \u escapes.
        #expect(text.contains("\"warranty\":\"36 месяцев\""))
        #expect(text.contains(#""price":3750.3,"discountPrice":3750.3,"#))
    }

    /// Python's json module reads our output as the same document (values and key order) as the fixture.
    @Test(.enabled(if: SupportFixtures.catalogSampleExists && SupportFixtures.pythonAvailable,
                   "skipped: needs python3 and the shared fixture ua-catalog-products-sample.json"))
    func fixtureReadsTheSameInPython() throws {
        let parsed = try JSON.parse(try SupportFixtures.readFile(SupportFixtures.catalogSamplePath))
        let tricky = JSON.object([
            ("controls", .string("\u{0}\u{1}\n\t\"\\/\u{2028}\u{2029}")),
            ("astral", .string("😀𝄞")),
            ("numbers", .array([.number("1E+2"), .number("-0.0"), .number("12345678901234567890")])),
            ("dup", .number("1")), ("dup", .number("2")),
        ])
        let ours = try SupportFixtures.writeTemporaryFile(Array(JSON.array([parsed, tricky]).serialized().utf8))
        let reference = try SupportFixtures.writeTemporaryFile(Array((
            "[" + String(decoding: try SupportFixtures.readFile(SupportFixtures.catalogSamplePath), as: UTF8.self)
                + #",{"controls":"\u0000\u0001\n\t\"\\\/\u2028\u2029","astral":"\ud83d\ude00\ud834\udd1e","#
                + #""numbers":[100.0,-0.0,12345678901234567890],"dup":1,"dup":2}]"#).utf8))
        defer {
            unlink(ours)
            unlink(reference)
        }
        let script = """
            import json, sys
            load = lambda p: json.load(open(p, encoding='utf-8'), object_pairs_hook=list)
            a, b = load(sys.argv[1]), load(sys.argv[2])
            print('same' if a == b and repr(a) == repr(b) else 'different')
            """
        let scriptPath = try SupportFixtures.writeTemporaryFile(Array(script.utf8))
        defer { unlink(scriptPath) }
        let output = try SupportFixtures.shell("python3 \(scriptPath) \(ours) \(reference) 2>&1")
        #expect(output == "same\n")
    }
}

// MARK: - XML

@Suite("SupportTests XML")
struct SupportTestsXML {
    let ns = #"xmlns:i="http://www.w3.org/2001/XMLSchema-instance""#

    @Test func arrayOfObjects() {
        let value = JSON.array([
            .object([("id", .int(1)), ("name", .string("A & B")), ("code_UKTZED", .null), ("ok", .bool(true))]),
            .object([("id", .int(2)), ("price", .double(3750.3))]),
        ])
        #expect(XMLRenderer.render(value, root: "ArrayOfProduct") == "<ArrayOfProduct \(ns)>"
            + #"<Product><id>1</id><name>A &amp; B</name><code_UKTZED i:nil="true" /><ok>true</ok></Product>"#
            + "<Product><id>2</id><price>3750.3</price></Product></ArrayOfProduct>")
    }

    @Test func itemNamesWithoutArrayOfPrefix() {
        #expect(XMLRenderer.render(.array([.int(1), .null]), root: "Codes")
            == #"<Codes \#(ns)><Item>1</Item><Item i:nil="true" /></Codes>"#)
        #expect(XMLRenderer.render(.array([]), root: "ArrayOfProduct") == "<ArrayOfProduct \(ns) />")
        #expect(XMLRenderer.render(.array([.string("x")]), root: "ArrayOf") == "<ArrayOf \(ns)><Item>x</Item></ArrayOf>")
    }

    @Test func nestedArraysAndObjects() {
        let value = JSON.object([
            ("discount", .object([("status", .bool(false)), ("price", .array([])), ("link", .null)])),
            ("childs", .array([.object([("a", .int(1))]), .array([.int(2)])])),
        ])
        #expect(XMLRenderer.render(value, root: "Product") == "<Product \(ns)>"
            + #"<discount><status>false</status><price /><link i:nil="true" /></discount>"#
            + "<childs><Item><a>1</a></Item><Item><Item>2</Item></Item></childs></Product>")
    }

    @Test func scalarAndNullRoots() {
        #expect(XMLRenderer.render(.string("eyJ<"), root: "string") == "<string \(ns)>eyJ&lt;</string>")
        #expect(XMLRenderer.render(.null, root: "Account") == #"<Account i:nil="true" \#(ns) />"#)
        #expect(XMLRenderer.render(.object([]), root: "Account") == "<Account \(ns) />")
    }

    @Test func textEscaping() {
        #expect(XMLRenderer.escapeText(#"a & b <c> "d" 'e'"#) == "a &amp; b &lt;c&gt; &quot;d&quot; 'e'")
        // XML 1.0 forbids C0 controls other than tab/LF/CR, and U+FFFE/U+FFFF: they are dropped.
        #expect(XMLRenderer.escapeText("a\u{0}b\u{1}c\u{1F}d\u{FFFE}e\u{FFFF}f") == "abcdef")
        #expect(XMLRenderer.escapeText("t\tn\nr\r") == "t\tn\nr&#xD;")
        #expect(XMLRenderer.escapeText("Ціна 😀 \u{FFFD}") == "Ціна 😀 \u{FFFD}")
        #expect(XMLRenderer.render(.object([("k", .string("<&>"))]), root: "R") == "<R \(ns)><k>&lt;&amp;&gt;</k></R>")
    }

    @Test func elementNames() {
        #expect(XMLRenderer.elementName("elkoCode") == "elkoCode")
        #expect(XMLRenderer.elementName("code_UKTZED") == "code_UKTZED")
        #expect(XMLRenderer.elementName("1abc") == "_1abc")
        #expect(XMLRenderer.elementName("-x") == "_-x")
        #expect(XMLRenderer.elementName(".x") == "_.x")
        #expect(XMLRenderer.elementName("a b") == "a_b")
        #expect(XMLRenderer.elementName("a:b") == "a_b")
        #expect(XMLRenderer.elementName("a<b>&\"") == "a_b___")
        #expect(XMLRenderer.elementName("") == "_")
        #expect(XMLRenderer.elementName("@id") == "_id")
        #expect(XMLRenderer.elementName("Ціна-1.2") == "Ціна-1.2")
        #expect(XMLRenderer.render(.object([("2x", .int(1))]), root: "R") == "<R \(ns)><_2x>1</_2x></R>")
    }

    /// The fixture rendered as XML is well-formed and has one element per product (checked by Python's
    /// XML parser, an independent implementation).
    @Test(.enabled(if: SupportFixtures.catalogSampleExists && SupportFixtures.pythonAvailable,
                   "skipped: needs python3 and the shared fixture ua-catalog-products-sample.json"))
    func fixtureIsWellFormedXML() throws {
        var parsed = try JSON.parse(try SupportFixtures.readFile(SupportFixtures.catalogSamplePath))
        if case .array(var items) = parsed {
            items.append(.object([("bad key", .string("\u{1}<&>\"\r")), ("9", .null)]))
            parsed = .array(items)
        }
        let path = try SupportFixtures.writeTemporaryFile(Array(XMLRenderer.render(parsed, root: "ArrayOfProduct").utf8))
        defer { unlink(path) }
        let output = try SupportFixtures.shell(
            "python3 -c \"import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
                + "print(r.tag, len(r), r[-1].find('bad_key').text == '<&>\\\"\\r')\" \(path) 2>&1")
        #expect(output == "ArrayOfProduct 16 True\n")
    }
}

// MARK: - Crypto

@Suite("SupportTests crypto")
struct SupportTestsCrypto {
    @Test func sha256Vectors() {
        #expect(Hex.encode(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.encode(SHA256.hash(bytes("abc")))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(SHA256.hash(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Hex.encode(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundaries (55/56 bytes: length fits or not; 64: one full block).
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ])
    func sha256PaddingBoundaries(length: Int, digest: String) {
        #expect(Hex.encode(SHA256.hash([UInt8](repeating: 0x61, count: length))) == digest)
    }

    @Test func hmacRFC4231() {
        // Test case 1.
        #expect(Hex.encode(HMACSHA256.mac(key: [UInt8](repeating: 0x0b, count: 20), message: bytes("Hi There")))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        // Test case 2.
        #expect(Hex.encode(HMACSHA256.mac(key: bytes("Jefe"), message: bytes("what do ya want for nothing?")))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 6: key longer than the block size.
        #expect(Hex.encode(HMACSHA256.mac(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: bytes("Test Using Larger Than Block-Size Key - Hash Key First")))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        // Test case 7: key and data longer than the block size.
        #expect(Hex.encode(HMACSHA256.mac(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: bytes("This is a test using a larger than block-size key and a larger than block-size data."
                + " The key needs to be hashed before being used by the HMAC algorithm.")))
            == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    @Test func constantTimeEqual() {
        #expect(HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(HMACSHA256.constantTimeEqual([], []))
    }

    @Test func base64URLVectors() {
        // RFC 4648 §10, without padding.
        let vectors = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
                       ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(bytes(plain)) == encoded)
            #expect(Base64URL.decode(encoded) == bytes(plain))
        }
        #expect(Base64URL.decode("Zg==") == bytes("f"))
        #expect(Base64URL.decode("Zm8=") == bytes("fo"))
        #expect(Base64URL.decode("Zm9vYg==") == bytes("foob"))
        // The URL-safe alphabet.
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
        // Every byte value round-trips, at every length remainder.
        let all = (0...255).map { UInt8($0) }
        for n in 0..<6 { #expect(Base64URL.decode(Base64URL.encode(Array(all.dropFirst(n)))) == Array(all.dropFirst(n))) }
    }

    @Test(arguments: [
        "+/8=", "Zm9v+", "Zm9v/", "Zg=", "Zg===", "Z", "Zm9vY", "Zm9 v", " Zm9v", "Zm9v\n", "Zg==Zg==", "====", "=",
        "Zh", "Zm9", "Zm9vYh", "Zé", "Zg=a",
    ])
    func base64URLRejects(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func hexEncode() {
        #expect(Hex.encode([0x00, 0xff, 0x10, 0xab]) == "00ff10ab")
        #expect(Hex.encode([]) == "")
    }
}

// MARK: - JWT

@Suite("SupportTests JWT")
struct SupportTestsJWT {
    let secret = bytes("your-256-bit-secret")
    let claims = JSON.object([("sub", .string("1234567890")), ("name", .string("John Doe")), ("iat", .int(1516239022))])
    /// The well-known example token from jwt.io (same header, claims and secret).
    let reference = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

    @Test func signsLikeTheReference() {
        #expect(JWT.signHS256(claims: claims, secret: secret) == reference)
        #expect(JWT.verifyHS256(reference, secret: secret) == claims)
    }

    @Test func roundTripWithELKOClaims() {
        let elko = JSON.object([
            ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", .string("123456@1")),
            ("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", .string("Api")),
            ("exp", .int(1)),  // long expired: expiry is the caller's business
            ("iss", .string("https://kiev.elkogroup.com")), ("aud", .string("uaapi.elko.cloud")),
            ("locality", .string("127.0.0.1")),
        ])
        let token = JWT.signHS256(claims: elko, secret: [])
        #expect(JWT.verifyHS256(token, secret: []) == elko)
        #expect(JWT.verifyHS256(token, secret: [1]) == nil)
        // HMAC pads keys with zeros, so [] and [0] are the same key: nothing to do with us.
        #expect(JWT.verifyHS256(token, secret: [0]) == elko)
    }

    @Test func rejectsTampering() {
        let parts = reference.split(separator: ".").map(String.init)
        #expect(JWT.verifyHS256(reference, secret: bytes("another-secret")) == nil)
        // A different payload under the old signature.
        let forged = Base64URL.encode(bytes(#"{"sub":"1234567890","name":"John Doe","iat":1516239022,"admin":true}"#))
        #expect(JWT.verifyHS256(parts[0] + "." + forged + "." + parts[2], secret: secret) == nil)
        // Every single-character change anywhere in the token is caught.
        let chars = Array(reference)
        for index in chars.indices where chars[index] != "." {
            var changed = chars
            changed[index] = chars[index] == "A" ? "B" : "A"
            #expect(JWT.verifyHS256(String(changed), secret: secret) == nil, "changed at \(index)")
        }
        // alg "none" with no signature, or a lowercase alg, or a duplicate alg.
        let noneHeader = Base64URL.encode(bytes(#"{"alg":"none","typ":"JWT"}"#))
        #expect(JWT.verifyHS256(noneHeader + "." + parts[1] + ".", secret: secret) == nil)
        for header in [#"{"alg":"hs256"}"#, #"{"alg":"HS256","alg":"none"}"#, #"{"typ":"JWT"}"#, "[]", "\"HS256\""] {
            let h = Base64URL.encode(bytes(header))
            let signature = Base64URL.encode(HMACSHA256.mac(key: secret, message: bytes(h + "." + parts[1])))
            #expect(JWT.verifyHS256(h + "." + parts[1] + "." + signature, secret: secret) == nil, "\(header)")
        }
        // Padding is not part of a JWT.
        #expect(JWT.verifyHS256(reference + "=", secret: secret) == nil)
    }

    @Test func rejectsNonObjectPayloads() {
        for payload in [JSON.array([]), .string("x"), .number("1"), .null] {
            let token = JWT.signHS256(claims: payload, secret: secret)
            #expect(JWT.verifyHS256(token, secret: secret) == nil)
        }
        // A correctly signed payload that is not JSON.
        let h = Base64URL.encode(bytes(#"{"alg":"HS256","typ":"JWT"}"#))
        let p = Base64URL.encode(bytes("{not json"))
        let signature = Base64URL.encode(HMACSHA256.mac(key: secret, message: bytes(h + "." + p)))
        #expect(JWT.verifyHS256(h + "." + p + "." + signature, secret: secret) == nil)
    }

    @Test(arguments: [
        "", ".", "..", "...", "a.b.c", "a.b", "a.b.c.d", "Bearer x", "eyJ", "\u{0}.\u{0}.\u{0}", "é.é.é", "😀",
    ])
    func rejectsGarbage(_ token: String) {
        #expect(JWT.verifyHS256(token, secret: secret) == nil)
    }

    @Test func survivesRandomGarbage() {
        var state: UInt64 = 12345
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ é")
        for _ in 0..<2000 {
            var s = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(state >> 58) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                s.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            #expect(JWT.verifyHS256(s, secret: secret) == nil)
            #expect(JWT.verifyHS256(s + "." + s + "." + s, secret: secret) == nil)
        }
    }
}

// MARK: - IP addresses and allow-list

private func ip(_ s: String) -> IPAddress? { IPAddress(s) }

@Suite("SupportTests IP addresses")
struct SupportTestsIPAddress {
    @Test func ipv4() throws {
        let a = try #require(ip("127.0.0.1"))
        #expect(a.isIPv4)
        #expect(a.description == "127.0.0.1")
        #expect(a.ipv4Value == 0x7F00_0001)
        #expect(a.bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1])
        #expect(ip("0.0.0.0")?.description == "0.0.0.0")
        #expect(ip("255.255.255.255")?.description == "255.255.255.255")
        #expect(IPAddress(bytes: [10, 1, 2, 3]) == ip("10.1.2.3"))
    }

    @Test(arguments: [
        "", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d",
        "1.2.3.-4", "1.2.3.4/32", "1.2.3.4%eth0", "1234.1.1.1", "[1.2.3.4", "1.2.3.", ".1.2.3",
    ])
    func badIPv4(_ text: String) {
        #expect(ip(text) == nil)
    }

    @Test func ipv6() throws {
        let loopback = try #require(ip("::1"))
        #expect(!loopback.isIPv4)
        #expect(loopback.description == "::1")
        #expect(loopback == IPAddress(high: 0, low: 1))
        #expect(ip("::")?.description == "::")
        #expect(ip("2001:db8::1")?.description == "2001:db8::1")
        #expect(ip("2001:0DB8:0000:0000:0000:0000:0000:0001") == ip("2001:db8::1"))
        #expect(ip("1::")?.description == "1::")
        #expect(ip("1:2:3:4:5:6:7::")?.description == "1:2:3:4:5:6:7:0")
        #expect(ip("::2:3:4:5:6:7:8")?.description == "0:2:3:4:5:6:7:8")
        // RFC 5952: longest zero run, first on a tie, single zero groups not compressed.
        #expect(ip("2001:db8:0:0:1:0:0:1")?.description == "2001:db8::1:0:0:1")
        #expect(ip("2001:0:0:1:0:0:0:1")?.description == "2001:0:0:1::1")
        #expect(ip("2001:db8:0:1:1:1:1:1")?.description == "2001:db8:0:1:1:1:1:1")
        #expect(ip("FE80::ABCD")?.description == "fe80::abcd")
        #expect(IPAddress(bytes: Array(repeating: 0, count: 15) + [1]) == loopback)
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }

    @Test func mappedBracketsAndZones() {
        #expect(ip("::ffff:127.0.0.1") == ip("127.0.0.1"))
        #expect(ip("::FFFF:7f00:1") == ip("127.0.0.1"))
        #expect(ip("0:0:0:0:0:ffff:127.0.0.1") == ip("127.0.0.1"))
        #expect(ip("::ffff:127.0.0.1")?.isIPv4 == true)
        #expect(ip("::ffff:127.0.0.1")?.description == "127.0.0.1")
        // IPv4-compatible (deprecated) and NAT64 addresses are not IPv4 clients.
        #expect(ip("::127.0.0.1")?.isIPv4 == false)
        #expect(ip("64:ff9b::127.0.0.1")?.isIPv4 == false)
        #expect(ip("[::1]") == ip("::1"))
        #expect(ip("fe80::1%eth0") == ip("fe80::1"))
        #expect(ip("[fe80::1%25eth0]") == ip("fe80::1"))
    }

    @Test(arguments: [
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::", "::::", "12345::", "g::", ":1::", "1::2:", ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:", "::1%", "[::1", "::1]", "[]", "::ffff:1.2.3", "::ffff:1.2.3.256", "1.2.3.4::", "::1.2.3.4:5",
        "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8::", "::1 ", "2001:db8::1/64", "::-1",
    ])
    func badIPv6(_ text: String) {
        #expect(ip(text) == nil)
    }

    @Test func ordering() throws {
        let sorted = ["::", "::1", "0.0.0.0", "10.0.0.1", "10.0.0.2", "255.255.255.255", "2001:db8::", "ffff::"]
            .compactMap(ip)
        #expect(sorted.count == 8)
        #expect(sorted == sorted.sorted())
        #expect(try #require(ip("10.0.0.9")) < #require(ip("10.0.0.10")))
    }
}

@Suite("SupportTests IP ranges and allow-list")
struct SupportTestsIPRange {
    func range(_ s: String) throws -> IPRange { try IPRange(s) }

    func check(_ r: IPRange, inside: [String], outside: [String]) {
        for a in inside {
            guard let address = ip(a) else { Issue.record("bad test address \(a)"); continue }
            #expect(r.contains(address), "\(r) should contain \(a)")
        }
        for a in outside {
            guard let address = ip(a) else { Issue.record("bad test address \(a)"); continue }
            #expect(!r.contains(address), "\(r) should not contain \(a)")
        }
    }

    @Test func singleAddresses() throws {
        check(try range("10.0.0.5"), inside: ["10.0.0.5", "::ffff:10.0.0.5", "[::ffff:a00:5]"],
              outside: ["10.0.0.4", "10.0.0.6", "::a00:5", "::"])
        check(try range(" ::1 "), inside: ["::1", "[::1]"], outside: ["::", "::2", "127.0.0.1", "0.0.0.1"])
        #expect(try range("::FFFF:10.0.0.5").description == "10.0.0.5")
        #expect(try range("2001:DB8::1").description == "2001:db8::1")
    }

    @Test func ipv4CIDR() throws {
        let r = try range("10.0.0.0/8")
        check(r, inside: ["10.0.0.0", "10.255.255.255", "10.1.2.3", "::ffff:10.1.2.3"],
              outside: ["9.255.255.255", "11.0.0.0", "::a01:203", "0.0.0.0"])
        #expect(r.description == "10.0.0.0/8")
        // Host bits are allowed and ignored.
        #expect(try range("10.1.2.3/8") == r)
        check(try range("192.168.1.128/25"), inside: ["192.168.1.128", "192.168.1.255"],
              outside: ["192.168.1.127", "192.168.2.0"])
        check(try range("192.168.1.7/32"), inside: ["192.168.1.7"], outside: ["192.168.1.6", "192.168.1.8"])
        check(try range("172.16.0.0/12"), inside: ["172.16.0.0", "172.31.255.255"], outside: ["172.15.255.255", "172.32.0.0"])
        check(try range("128.0.0.0/1"), inside: ["128.0.0.0", "255.255.255.255"], outside: ["127.255.255.255"])
        check(try range("0.0.0.0/0"), inside: ["0.0.0.0", "255.255.255.255", "::ffff:1.2.3.4"],
              outside: ["::1", "::", "2001:db8::1", "::fffe:ffff:ffff", "::1:0:0:0"])
    }

    @Test func ipv6CIDR() throws {
        check(try range("2001:db8::/32"), inside: ["2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8:1::7"],
              outside: ["2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::", "10.0.0.1"])
        check(try range("2001:db8::/33"), inside: ["2001:db8:7fff:ffff:ffff:ffff:ffff:ffff"], outside: ["2001:db8:8000::"])
        // Prefixes either side of the 64-bit boundary.
        check(try range("2001:db8:0:1::/64"), inside: ["2001:db8:0:1::", "2001:db8:0:1:ffff:ffff:ffff:ffff"],
              outside: ["2001:db8:0:0:ffff:ffff:ffff:ffff", "2001:db8:0:2::"])
        check(try range("2001:db8:0:1::/63"), inside: ["2001:db8::", "2001:db8:0:1:ffff:ffff:ffff:ffff"],
              outside: ["2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8:0:2::"])
        check(try range("2001:db8:0:1:8000::/65"), inside: ["2001:db8:0:1:8000::", "2001:db8:0:1:ffff:ffff:ffff:ffff"],
              outside: ["2001:db8:0:1:7fff:ffff:ffff:ffff", "2001:db8:0:2::"])
        check(try range("::1/128"), inside: ["::1"], outside: ["::", "::2"])
        check(try range("fe80::1%eth0/127"), inside: ["fe80::", "fe80::1"], outside: ["fe80::2"])
        // ::/0 is everyone, IPv4 clients included (they are IPv4-mapped IPv6 addresses).
        check(try range("::/0"), inside: ["::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "127.0.0.1"], outside: [])
        // An IPv6-spelled prefix over the mapped block is counted in IPv6 bits.
        check(try range("::ffff:10.0.0.0/104"), inside: ["10.0.0.0", "10.255.255.255"], outside: ["11.0.0.0"])
        #expect(try range("2001:db8::1/32").description == "2001:db8::/32")
    }

    @Test func firstLastRanges() throws {
        let r = try range("10.0.0.1-10.0.0.9")
        check(r, inside: ["10.0.0.1", "10.0.0.9", "10.0.0.5", "::ffff:10.0.0.9"], outside: ["10.0.0.0", "10.0.0.10"])
        #expect(r.description == "10.0.0.1-10.0.0.9")
        #expect(try range("10.0.0.1 - 10.0.0.9") == r)
        #expect(try range("  10.0.0.1 -10.0.0.9 ") == r)
        check(try range("10.0.0.255-10.0.1.0"), inside: ["10.0.0.255", "10.0.1.0"], outside: ["10.0.0.254", "10.0.1.1"])
        check(try range("2001:db8::1-2001:db8::ff"), inside: ["2001:db8::1", "2001:db8::ff"],
              outside: ["2001:db8::", "2001:db8::100"])
        check(try range("10.0.0.7-10.0.0.7"), inside: ["10.0.0.7"], outside: ["10.0.0.6", "10.0.0.8"])
        #expect(try range("10.0.0.7-10.0.0.7").description == "10.0.0.7")
    }

    @Test(arguments: [
        ("10.0.0.300/8", "bad IPv4 address"),
        ("10.0.0.0/33", "prefix length 33 is out of range 0...32 for IPv4"),
        ("2001:db8::/129", "prefix length 129 is out of range 0...128 for IPv6"),
        ("10.0.0.0/", "bad prefix length \"\""),
        ("10.0.0.0/x", "bad prefix length \"x\""),
        ("10.0.0.0/-1", "bad prefix length \"-1\""),
        ("10.0.0.0/+8", "bad prefix length \"+8\""),
        ("10.0.0.0/0008", "bad prefix length \"0008\""),
        ("10.0.0.0/8/8", "bad prefix length \"8/8\""),
        ("/8", "missing address"),
        ("", "empty entry"),
        ("   ", "empty entry"),
        ("hello", "bad IP address"),
        ("localhost", "bad IP address"),
        ("2001:db8::g", "bad IPv6 address"),
        ("2001:db8::g/32", "bad IPv6 address"),
        ("10.0.0.1-", "missing address"),
        ("-10.0.0.1", "missing address"),
        ("10.0.0.1-10.0.0", "bad IPv4 address"),
        ("10.0.0.9-10.0.0.1", "first address 10.0.0.9 is after last address 10.0.0.1"),
        ("2001:db8::2-2001:db8::1", "first address 2001:db8::2 is after last address 2001:db8::1"),
        ("10.0.0.1-::1", "both ends of a range must be of the same address family"),
        ("::1-10.0.0.1", "both ends of a range must be of the same address family"),
        ("10.0.0.1-10.0.0.2-10.0.0.3", "bad IPv4 address"),
        ("1.2.3.4 5", "bad IPv4 address"),
    ])
    func badEntries(entry: String, reason: String) {
        #expect(throws: IPRangeError(entry: entry, reason: reason)) { try IPRange(entry) }
    }

    @Test func errorMessageNamesTheEntry() {
        do {
            _ = try IPRange("10.0.0.300/8")
            Issue.record("accepted a bad entry")
        } catch {
            #expect(error.description == #"invalid IP range "10.0.0.300/8": bad IPv4 address"#)
        }
    }

    @Test func allowList() throws {
        let list = try IPAllowList(["127.0.0.1", "10.0.0.0/8", "192.168.1.10 - 192.168.1.20", "2001:db8::/32", "::1"])
        #expect(list.ranges.count == 5)
        for allowed in ["127.0.0.1", "::ffff:127.0.0.1", "10.20.30.40", "192.168.1.10", "192.168.1.20", "2001:db8::5", "::1"] {
            #expect(list.allows(try #require(ip(allowed))), "\(allowed)")
        }
        for denied in ["127.0.0.2", "11.0.0.0", "192.168.1.9", "192.168.1.21", "2001:db9::", "::2", "::"] {
            #expect(!list.allows(try #require(ip(denied))), "\(denied)")
        }
        #expect(!(try IPAllowList([])).allows(try #require(ip("127.0.0.1"))))
        #expect(throws: IPRangeError(entry: "10.0.0.256", reason: "bad IPv4 address")) {
            try IPAllowList(["127.0.0.1", "10.0.0.256", "nonsense"])
        }
    }
}
