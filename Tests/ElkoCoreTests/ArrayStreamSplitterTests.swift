import Testing

@testable import ElkoCore

@Suite struct ArrayStreamSplitterTests {
    enum Outcome: Equatable {
        case end
        case needMore
        case malformed(offset: Int64, says: String)
    }

    /// Feeds `chunks` one by one (taking every element that is ready after each), then finishes.
    static func split(_ chunks: [[UInt8]], finish: Bool = true, maxDepth: Int = 512) -> (elements: [String], outcome: Outcome) {
        let s = ArrayStreamSplitter(maxDepth: maxDepth, initialCapacity: 16)
        var elements: [String] = []
        func drain() -> Outcome? {
            while true {
                switch s.next() {
                case .element(let bytes): elements.append(String(decoding: bytes, as: UTF8.self))
                case .needMore: return nil
                case .end: return .end
                case .malformed(let m): return .malformed(offset: m.offset, says: m.reason)
                }
            }
        }
        for c in chunks {
            s.append(c)
            if let o = drain() { return (elements, o) }
        }
        guard finish else { return (elements, drain() ?? .needMore) }
        s.finish()
        return (elements, drain() ?? .needMore)
    }

    static func split(_ text: String, at cuts: [Int]) -> (elements: [String], outcome: Outcome) {
        let bytes = Array(text.utf8)
        var chunks: [[UInt8]] = []
        var from = 0
        for c in cuts.sorted() where c > from && c < bytes.count {
            chunks.append(Array(bytes[from..<c]))
            from = c
        }
        chunks.append(Array(bytes[from...]))
        return split(chunks)
    }

    /// Every split of the document in two and in three pieces, and byte by byte, gives the same elements.
    static func expectEverySplit(_ text: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let n = text.utf8.count
        let whole = split(text, at: [])
        #expect(whole.elements == expected, sourceLocation: sourceLocation)
        #expect(whole.outcome == .end, sourceLocation: sourceLocation)
        for i in 0...n {
            let r = split(text, at: [i])
            #expect(r.elements == expected && r.outcome == .end, "cut at \(i)", sourceLocation: sourceLocation)
        }
        if n <= 120 {
            for i in 0...n {
                for j in i...n {
                    let r = split(text, at: [i, j])
                    if r.elements != expected || r.outcome != .end {
                        Issue.record("cuts at \(i), \(j): \(r)", sourceLocation: sourceLocation)
                        return
                    }
                }
            }
        }
        let bytewise = split(Array(text.utf8).map { [$0] })
        #expect(bytewise.elements == expected && bytewise.outcome == .end, "byte by byte", sourceLocation: sourceLocation)
    }

    @Test func elementsOfEveryKind() {
        let doc = #" [ {"a": 1, "b": [1, 2, {"c": "}]"}]}, [], [[]], "x,y]", -1.5e+3, 0, true, false, null, {} ] "#
        Self.expectEverySplit(doc, [
            #"{"a": 1, "b": [1, 2, {"c": "}]"}]}"#, "[]", "[[]]", #""x,y]""#, "-1.5e+3", "0", "true", "false", "null", "{}",
        ])
    }

    @Test func escapesAtEveryBoundary() {
        let doc = #"["a\"b", {"k\\": "v\\\"]"}, "\\", "\u00e9\"", {"q": "\\\\\""}]"#
        Self.expectEverySplit(doc, [#""a\"b""#, #"{"k\\": "v\\\"]"}"#, #""\\""#, #""\u00e9\"""#, #"{"q": "\\\\\""}"#])
    }

    @Test func unicodeIsPassedThrough() {
        let doc = "[\"Процесор Intel® Core™ i5\", {\"name\": \"Ноутбук 💻\", \"warranty\": \"12 місяців\"}]"
        Self.expectEverySplit(doc, ["\"Процесор Intel® Core™ i5\"", "{\"name\": \"Ноутбук 💻\", \"warranty\": \"12 місяців\"}"])
    }

    @Test func emptyArraysAndWhitespace() {
        Self.expectEverySplit("[]", [])
        Self.expectEverySplit(" \r\n\t[ \n ]\n", [])
        Self.expectEverySplit("[\n  1\n ,\n\t2 ]", ["1", "2"])
        Self.expectEverySplit("[[[[[]]]]]", ["[[[[]]]]"])
    }

    @Test func malformedInputIsReportedWithItsOffset() {
        func bad(_ text: String, at offset: Int64, _ says: String, sourceLocation: SourceLocation = #_sourceLocation) {
            // The same report whatever the chunking.
            for cut in 0...text.utf8.count {
                let r = Self.split(text, at: [cut])
                guard case .malformed(let o, let reason) = r.outcome, o == offset, reason.contains(says) else {
                    Issue.record("\(text.debugDescription) cut at \(cut): \(r.outcome)", sourceLocation: sourceLocation)
                    return
                }
            }
        }
        bad("", at: 0, "empty")
        bad("   ", at: 3, "only whitespace")
        bad(#"{"a": 1}"#, at: 0, "not a JSON array")
        bad("<html><body>Error</body></html>", at: 0, "it starts with '<'")
        bad("Something went wrong.", at: 0, "not a JSON array")
        bad("[1 2]", at: 3, "where ',' or ']' is expected")
        bad("[1, 2,]", at: 6, "']' after ','")
        bad("[,1]", at: 1, "where an array element is expected")
        bad("[1,,2]", at: 3, "where an array element is expected")
        bad("[{} x]", at: 4, "'x'")
        bad("[1] 2", at: 4, "after the end of the array")
        bad("[1][2]", at: 3, "after the end of the array")
        bad("[tru]", at: 1, "is not a JSON number")
        bad("[nulll]", at: 1, "is not a JSON number")
        bad("[01]", at: 1, "is not a JSON number")
        bad("[1.]", at: 1, "is not a JSON number")
        bad("[-]", at: 1, "is not a JSON number")
        bad("[1e]", at: 1, "is not a JSON number")
        bad(#"[1"a"]"#, at: 1, "is not a JSON number")
        bad("[{]", at: 2, "']' closes '{'")
        bad(#"[{"a": [1}]"#, at: 9, "'}' closes '['")
        bad("[\u{1}]", at: 1, "byte 0x01 where an array element is expected")
        // truncation
        bad("[", at: 1, "truncated: the array is not closed")
        bad("[1,", at: 3, "truncated")
        bad("[1", at: 2, "truncated inside an element that starts at byte 1")
        bad(#"[{"a": "b"#, at: 9, "truncated inside an element that starts at byte 1")
        bad(#"["a\"#, at: 4, "truncated inside an element")
        bad("[{}", at: 3, "truncated: the array is not closed")
    }

    @Test func depthIsLimited() {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(Self.split(ok, at: []).outcome == .end)
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(Self.split(deep, at: [300]).outcome == .malformed(offset: 512, says: "nesting deeper than 512 levels"))
        #expect(Self.split("[[{}]]", at: [], ).outcome == .end)
        let r = Self.split([Array("[[{}]]".utf8)], maxDepth: 2)
        #expect(r.outcome == .malformed(offset: 2, says: "nesting deeper than 2 levels"))
        #expect(Self.split([Array("[[], 1]".utf8)], maxDepth: 2).outcome == .end)
    }

    @Test func errorsAndTheEndAreRepeated() {
        let s = ArrayStreamSplitter()
        s.append(Array("[1] x".utf8))
        guard case .element = s.next() else { Issue.record("no element"); return }
        guard case .malformed(let first) = s.next(), case .malformed(let again) = s.next() else {
            Issue.record("not malformed"); return
        }
        #expect(first == again && first.offset == 4)
        let t = ArrayStreamSplitter()
        t.append(Array("[]".utf8))
        guard case .needMore = t.next() else { Issue.record("the end before finish()"); return }
        t.finish()
        guard case .end = t.next(), case .end = t.next() else { Issue.record("no end"); return }
    }

    /// Without `finish()` nothing is decided at the end of the buffer: an element that might go on is
    /// not handed out (a number can get more digits).
    @Test func numbersWaitForTheirDelimiter() {
        let r = Self.split([Array("[12".utf8)], finish: false)
        #expect(r.elements.isEmpty && r.outcome == .needMore)
        let r2 = Self.split([Array("[12".utf8), Array("3, 4]".utf8)])
        #expect(r2.elements == ["123", "4"] && r2.outcome == .end)
    }

    /// Memory stays bounded by the largest element: consumed bytes are dropped at each append.
    @Test func memoryIsBoundedByTheLargestElement() {
        let s = ArrayStreamSplitter(initialCapacity: 1024)
        let element = "{\"name\": \"" + String(repeating: "x", count: 3000) + "\"}"
        s.append(Array("[".utf8))
        var seen = 0
        for i in 0..<2000 {
            s.append(Array(((i == 0 ? "" : ",") + element).utf8))
            while case .element(let b) = s.next() {
                #expect(b.count == element.utf8.count)
                seen += 1
            }
        }
        s.append(Array("]".utf8))
        s.finish()
        while case .element = s.next() { seen += 1 }
        guard case .end = s.next() else { Issue.record("no end"); return }
        #expect(seen == 2000)
        #expect(s.totalBytes > 6_000_000)
        #expect(s.reservedBytes <= 16_384)
    }

    /// Catalog-shaped input at scale, in uneven chunks; also a rough speed figure (not asserted: speed
    /// is measured by benchmarks, see bench/c).
    @Test func aLargeCatalogInUnevenChunks() {
        var doc: [UInt8] = Array("[".utf8)
        let count = 20_000
        for i in 0..<count {
            if i > 0 { doc += Array(",\n".utf8) }
            doc += Array(#"{"id":\#(i),"name":"Ноутбук \"Pro\" \\ \#(i)","quantity":">10","price":12.5,"discount":{"status":false,"price":[],"link":null}}"#.utf8)
        }
        doc += Array("]".utf8)
        let s = ArrayStreamSplitter()
        var n = 0, offset = 0, size = 1
        var ok = true
        while offset < doc.count {
            let end = min(doc.count, offset + size)
            doc[offset..<end].withUnsafeBytes { s.append($0) }
            offset = end
            size = size * 7 % 65_521 + 1
            while case .element(let b) = s.next() {
                if b.first != UInt8(ascii: "{") || b.last != UInt8(ascii: "}") { ok = false }
                n += 1
            }
        }
        s.finish()
        guard case .end = s.next() else { Issue.record("no end"); return }
        #expect(ok)
        #expect(n == count)
    }
}
