import ElkoAPI

/// One batch of a `Client.batch` call that failed: its codes and why. The other batches are unaffected.
public struct BatchFailure: Sendable {
    public let codes: [String]
    public let error: ElkoError
}

/// What `Client.batch` gathered: every item of the batches that succeeded, in the order the codes were
/// asked, and the batches that failed.
public struct BatchOutcome: Sendable {
    /// Each item's JSON text exactly as ELKO sent it.
    public var items: [[UInt8]] = []
    public var failed: [BatchFailure] = []
    /// Requests sent (one per batch that got past the limiter).
    public var batches = 0
}

extension Client {
    /// Operations `batch` serves: those that take a comma list of ELKO codes (`elkoCodes`).
    public static let batchOperations = ["catalog.description", "catalog.media", "catalog.availability"]

    /// Default and largest number of codes per request (ELKO's clients batch 20-50).
    public static let defaultBatchSize = 50

    /// Fetches a list operation that takes ELKO codes (`catalog.description`, `catalog.media`,
    /// `catalog.availability`) for any number of codes: duplicates are dropped (first occurrence kept),
    /// the codes are split into comma batches of at most `batchSize`, sent one after the other through
    /// the client's rate limiter, and the items are merged in the order the codes were asked.
    ///
    /// Order: an item is placed by its code — `productId` (descriptions in the nested shape,
    /// availability), else `elkoCode`, else `id` (media items). Items with none of these (descriptions in
    /// the flat shape of the older and UA dialects: `criteria`/`value` rows that do not say which
    /// product they describe) stay in ELKO's order within their batch; batches follow the codes' order.
    /// With the flat shape, use `batchSize` 1 to know which product each row belongs to.
    ///
    /// Pacing: each batch waits for a limiter slot (never sending into ELKO's limit) for up to `waitMs`
    /// (default: the larger of the client's `rate_limit.wait_ms` and its window, the longest a free slot
    /// can take when ELKO has not blocked the token), bounded by `timeout_ms`. A batch that fails (after
    /// the client's retries) is reported in `failed` with its codes and error; the others still run.
    /// `params` holds the operation's other parameters (`lang`, `type`); `elkoCodes` is set per batch.
    /// The result is a failure only for invalid arguments (nothing is sent then).
    public func batch(
        operation name: String, codes: [String], params: JSONValue? = nil, batchSize: Int = Client.defaultBatchSize,
        waitMs: Int64? = nil
    ) -> Result<BatchOutcome, ElkoError> {
        guard let op = OperationTable.named(name) else {
            return .failure(.invalidArgument("unknown operation \"\(name)\" (`elko operations` lists them)"))
        }
        guard Self.batchOperations.contains(op.name) else {
            return .failure(.invalidArgument(
                "\(op.name) does not take a list of ELKO codes: batch serves \(Self.batchOperations.joined(separator: ", "))",
                operation: op.name))
        }
        guard batchSize >= 1, batchSize <= 1000 else {
            return .failure(.invalidArgument("batch: batch_size must be 1..1000 (ELKO's clients send 20-50 codes), not \(batchSize)",
                                             operation: op.name))
        }
        var extra = ""  // the other params, as JSON members ending with ","
        if let params {
            guard params.kind == .object else {
                return .failure(.invalidArgument("batch: params must be a JSON object", operation: op.name))
            }
            for entry in params.objectEntries {
                guard entry.key != "elkoCodes" else {
                    return .failure(.invalidArgument("batch: give the codes as codes, not as params.elkoCodes", operation: op.name))
                }
                guard let value = entry.value.serialized() else {
                    return .failure(ElkoError(.internal, "batch: could not serialise params.\(entry.key)", operation: op.name))
                }
                extra += Self.jsonString(entry.key) + ":" + String(decoding: value, as: UTF8.self) + ","
            }
        }
        var unique: [String] = []
        var seen = Set<String>()
        for code in codes {
            let trimmed = Text.trimmed(code)
            guard !trimmed.isEmpty, !trimmed.utf8.contains(UInt8(ascii: ",")) else {
                return .failure(.invalidArgument("batch: ELKO code \"\(code)\" is empty or holds a comma", operation: op.name))
            }
            if seen.insert(trimmed).inserted { unique.append(trimmed) }
        }
        var position: [String: Int] = [:]
        for (i, code) in unique.enumerated() { position[code] = i }
        let wait = waitMs ?? max(limiter.settings.waitMs, limiter.settings.windowMs)
        var outcome = BatchOutcome()
        var start = 0
        while start < unique.count {
            let codes = Array(unique[start..<min(unique.count, start + batchSize)])
            start += codes.count
            let doc = "{" + extra + "\"elkoCodes\":[" + codes.map(Self.jsonString).joined(separator: ",") + "]}"
            switch call(operation: op.name, paramsJSON: doc, options: CallOptions(waitMs: wait)) {
            case .failure(let e):
                if !(e.code == .rateLimited && e.httpStatus == 0) && e.code != .invalidArgument && e.code != .writeRefused {
                    outcome.batches += 1
                }
                outcome.failed.append(BatchFailure(codes: codes, error: e))
            case .success(let response):
                outcome.batches += 1
                switch Self.ordered(response.body, position: position, operation: op.name) {
                case .success(let items): outcome.items += items
                case .failure(let e): outcome.failed.append(BatchFailure(codes: codes, error: e))
                }
            }
        }
        return .success(outcome)
    }

    /// The elements of one batch's answer, sorted (stably) by the position of their code in the
    /// request; elements without a code keep their place relative to each other, after the others.
    static func ordered(_ body: [UInt8], position: [String: Int], operation: String) -> Result<[[UInt8]], ElkoError> {
        let splitter = ArrayStreamSplitter(initialCapacity: max(16, body.count))
        splitter.append(body)
        splitter.finish()
        var keyed: [(rank: Int, index: Int, bytes: [UInt8])] = []
        var index = 0
        while true {
            switch splitter.next() {
            case .element(let raw):
                let bytes = Array(raw)
                keyed.append((rank: Self.rank(of: raw, position: position), index: index, bytes: bytes))
                index += 1
            case .end:
                keyed.sort { ($0.rank, $0.index) < ($1.rank, $1.index) }
                return .success(keyed.map(\.bytes))
            case .needMore:
                return .failure(ElkoError(.protocol, "\(operation): the answer is truncated", operation: operation))
            case .malformed(let m):
                return .failure(ElkoError(.protocol, "\(operation): \(m.description)", operation: operation))
            }
        }
    }

    /// The position of an element's code among the codes asked (`productId`, else `elkoCode`, else
    /// `id`), or Int.max when it names none of them.
    static func rank(of element: UnsafeRawBufferPointer, position: [String: Int]) -> Int {
        guard element.first == UInt8(ascii: "{"), case .success(let doc) = JSONValue.parse(element, context: "item") else {
            return Int.max
        }
        let entries = doc.objectEntries
        for key in ["productId", "elkoCode", "id"] {
            guard let v = entries.first(where: { $0.key == key })?.value else { continue }
            let code: String?
            if let i = v.integerValue { code = String(i) } else { code = v.stringValue.map(Text.trimmed) }
            if let code, let p = position[code] { return p }
        }
        return Int.max
    }

    /// A JSON string literal.
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
