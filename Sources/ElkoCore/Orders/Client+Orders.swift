import ElkoAPI

// Exactly-once orders. ELKO's POST Orders has no idempotency key, and the answer of an order can be lost
// after ELKO has taken it (a reset, a timeout, a 5xx from a proxy, a PHP worker killed mid-call). So:
// every order carries a partner reference; an intent entry is journaled before the first byte is sent;
// an ambiguous outcome is looked up by its reference (orders.list) instead of being resent blindly; and
// an outcome that cannot be settled in the call's time is reported as `uncertain`, never guessed.

extension Operation {
    /// orders.create and reservations.create: writes that commit stock or money and have no idempotency key.
    public var placesOrder: Bool { name == "orders.create" || name == "reservations.create" }

    /// The list an intent of this operation is looked up in.
    var lookUpOperation: String { name == "reservations.create" ? "reservations.list" : "orders.list" }
}

/// How an order or reservation was placed (`elko_orders_place`).
public struct Placement: Sendable {
    /// The partner reference the order carries, or nil (no reference given and `auto_reference` off).
    public var reference: String?
    /// True when the caller's body carried the reference; false when the library added it.
    public var referenceGiven: Bool
    /// True when the answer was lost and the order was found by its reference.
    public var reconciled: Bool
    /// How many times the order was sent (0: an earlier intent's order was found).
    public var sends: Int
    /// The journal entry's id, or nil when `orders.reconcile` is off.
    public var intent: String?
    /// ELKO's answer: the order (or reservation) as JSON text.
    public var answer: [UInt8]

    /// `{"reference", "reference_given", "outcome": "placed", "reconciled", "sends", "intent", "answer"}`.
    public func json() -> [UInt8] {
        var s = "{\"reference\":" + (reference.map(Client.jsonString) ?? "null")
        s += ",\"reference_given\":" + (referenceGiven ? "true" : "false")
        s += ",\"outcome\":\"placed\",\"reconciled\":" + (reconciled ? "true" : "false")
        s += ",\"sends\":\(sends),\"intent\":" + (intent.map(Client.jsonString) ?? "null") + ",\"answer\":"
        let body = answer.allSatisfy(Text.isSpace) ? Array("null".utf8) : answer
        return Array(s.utf8) + body + [UInt8(ascii: "}")]
    }
}

extension Client {
    /// The order journal of this client's token (in `state_dir`).
    public var orderJournal: OrderJournal {
        OrderJournal(stateDirectory: configuration.stateDirectory, key: limiter.key)
    }

    /// Places an order or a reservation exactly once (params as JSON text; see `placeOrder(_:params:)`).
    public func placeOrder(
        operation name: String, paramsJSON: UnsafeRawBufferPointer, options: CallOptions = CallOptions()
    ) -> Result<Placement, ElkoError> {
        guard let op = OperationTable.named(name), op.placesOrder else {
            return .failure(.invalidArgument("\"\(name)\" does not place an order: use orders.create or reservations.create"))
        }
        var params: JSONValue?
        if !paramsJSON.allSatisfy(Text.isSpace) {
            switch JSONValue.parse(paramsJSON, context: "params") {
            case .success(let doc): params = doc
            case .failure(var e):
                e.operation = op.name
                return .failure(e.redacting(configuration.token))
            }
        }
        return placeOrder(op, params: params, options: options)
    }

    /// Places an order or a reservation: a reference in the body, a journal entry before the first send,
    /// and, when the answer is lost, a look-up of the reference instead of a blind resend (include/elko.h,
    /// "Orders placed exactly once").
    func placeOrder(_ op: Operation, params: JSONValue?, options: CallOptions) -> Result<Placement, ElkoError> {
        let settings = configuration.orders
        let deadline = clock() + Int64(options.timeoutMs ?? configuration.timeoutMs)
        let built: RequestBuilder.Built
        switch builder.build(op, params: params) {
        case .success(let b): built = b
        case .failure(let e): return .failure(e.redacting(configuration.token))
        }

        // The reference: the caller's, or one of ours.
        var body = built.body ?? Array("{}".utf8)
        var reference: String?
        var given = false
        if case .success(let doc) = JSONValue.parse(body, context: "the body"), doc.kind == .object {
            if let r = OrderReference.text(OrderReference.value(at: settings.referenceField.path, in: doc)) {
                reference = r
                given = true
            } else if settings.autoReference {
                let r = OrderReference.generate(prefix: settings.referencePrefix)
                switch OrderReference.setting(r, at: settings.referenceField.path, in: doc) {
                case .failure(var e):
                    e.operation = op.name
                    return .failure(e)
                case .success(let withReference):
                    guard let bytes = withReference.serialized() else {
                        return .failure(ElkoError(.internal, "out of memory adding the reference", operation: op.name))
                    }
                    body = bytes
                    reference = r
                }
            }
        }
        let tagged = { (e: ElkoError) -> ElkoError in
            var e = e.redacting(self.configuration.token)
            e.reference = reference
            if e.operation == nil { e.operation = op.name }
            return e
        }
        let what = "\(op.name)\(reference.map { " (reference \($0))" } ?? "")"

        if configuration.dryRun || !settings.reconcile {
            // Dry run refuses it; without reconciliation a lost answer is the transport's error.
            switch sendOnce(op, built.target, body, CallOptions(waitMs: options.waitMs, timeoutMs: remaining(deadline))) {
            case .success(let r) where configuration.format == .json && Self.notJSON(r.body, list: false) != nil:
                return .failure(tagged(ElkoError(
                    .protocol, "\(op.name): the answer is not JSON (\(Self.notJSON(r.body, list: false) ?? ""))",
                    httpStatus: r.status, body: Self.bodyText(r.body))))
            case .success(let r):
                return .success(Placement(reference: reference, referenceGiven: given, reconciled: false, sends: 1,
                                          intent: nil, answer: r.body))
            case .failure(let e): return .failure(tagged(e))
            }
        }

        guard reference != nil else {
            // Without a reference a lost answer could never be settled: refuse rather than gamble.
            return .failure(.invalidArgument(
                "\(op.name): the body carries no reference at \(settings.referenceField.rawValue) and \"orders\": {\"auto_reference\": false}: an order whose answer is lost could never be looked up. Give a reference (\(settings.referenceField.rawValue)), turn auto_reference on, or set \"orders\": {\"reconcile\": false}",
                operation: op.name))
        }
        let lines = JSONValue.parse(body, context: "the body").map(OrderLines.of).get(or: nil)
        let journal = orderJournal
        if let e = journal.prepare() { return .failure(tagged(e)) }

        // A caller's reference: settle earlier intents of it first (an application's retry after a
        // crash), then record the orders that carry it already — they are never this intent's.
        var preexisting: [String] = []
        if given, let reference {
            switch resolveEarlierIntents(op, reference: reference, lines: lines, journal: journal, deadline: deadline) {
            case .retryOf(let placement): return .success(placement)
            case .blocked(let e): return .failure(tagged(e))
            case .clear: break
            }
            switch fetchList(op.lookUpOperation, deadline: deadline) {
            case .failure(let e):
                return .failure(tagged(ElkoError(
                    e.code, "\(op.name) not sent: looking up which orders already carry the reference \(reference) failed (it is not unique and must be checked first): \(e.message)",
                    httpStatus: e.httpStatus, body: e.body, retryAfterMs: e.retryAfterMs, operation: op.name)))
            case .success(let list):
                switch LookUp.carrying(list, reference: reference, field: settings.matchField) {
                case .failure(let e): return .failure(tagged(ElkoError(e.code, "\(op.name) not sent: \(e.message)", operation: op.name)))
                case .success(let ids): preexisting = ids
                }
            }
            if !preexisting.isEmpty {
                logger.log(.info, "\(what): \(preexisting.count) order(s) already carry this reference (\(preexisting.prefix(5).joined(separator: ", "))); they will not count as this one")
            }
        }

        // The intent, durable before the first byte is sent, locked while this call places it.
        let intent = OrderReference.intentID()
        let held: OrderJournal.Lock
        switch journal.lock(intent) {
        case .success(let l?): held = l
        case .success(nil): return .failure(tagged(ElkoError(.internal, "\(op.name) not sent: the new journal entry \(intent) is locked by another process")))
        case .failure(let e): return .failure(tagged(ElkoError(e.code, "\(op.name) not sent: \(e.message)")))
        }
        var entry = JournalEntry(
            intent: intent, operation: op.name, reference: reference, referenceGiven: given,
            createdMs: WallClock.nowMs(), sends: 0, body: body, preexisting: preexisting)
        return withExtendedLifetime(held) {
            place(op, target: built.target, entry: &entry, lines: lines, journal: journal, options: options,
                  deadline: deadline, tagged: tagged)
        }
    }

    /// The send-and-look-up loop of one journaled intent (whose lock the caller holds).
    private func place(
        _ op: Operation, target: String, entry: inout JournalEntry, lines: OrderLines?, journal: OrderJournal,
        options: CallOptions, deadline: Int64, tagged: (ElkoError) -> ElkoError
    ) -> Result<Placement, ElkoError> {
        let settings = configuration.orders
        let what = "\(op.name)\(entry.reference.map { " (reference \($0))" } ?? "")"
        func placed(_ answer: [UInt8], reconciled: Bool) -> Result<Placement, ElkoError> {
            if let e = journal.finish(entry, outcome: "placed", order: answer) {
                logger.log(.error, "\(what) was placed but its journal entry \(entry.intent) could not be closed: \(e.message)")
            }
            if UInt8.random(in: 0...99) == 0 { journal.pruneClosed() }  // now and then, not on every order
            return .success(Placement(reference: entry.reference, referenceGiven: entry.referenceGiven,
                                      reconciled: reconciled, sends: entry.sends, intent: entry.intent, answer: answer))
        }
        func notPlaced(_ e: ElkoError) -> Result<Placement, ElkoError> {
            if let problem = journal.finish(entry, outcome: "not_placed", order: nil) {
                logger.log(.error, "\(what): its journal entry \(entry.intent) could not be closed: \(problem.message)")
            }
            return .failure(tagged(e))
        }
        while true {
            entry.sends += 1
            if let e = journal.save(entry) {
                // Nothing of this send left; earlier sends (if any) were looked up and found absent.
                if entry.sends == 1 { _ = journal.finish(entry, outcome: "not_placed", order: nil) }
                return .failure(tagged(ElkoError(e.code, "\(op.name) not sent: \(e.message)")))
            }
            let left = deadline - clock()
            let first = entry.sends == 1
            let sendOptions = CallOptions(
                waitMs: first ? options.waitMs : max(0, left), timeoutMs: Int(clamping: max(1, min(Int64(settings.attemptTimeoutMs), left))))
            let lastError: ElkoError
            switch classify(sendOnce(op, target, entry.body, sendOptions)) {
            case .placed(let answer):
                return placed(answer, reconciled: false)
            case .refused(let e):
                return notPlaced(e)
            case .unsent(let e):
                // The connection could not be opened: nothing reached ELKO.
                let ceiling = configuration.retries.backoffCeilingMs(retry: entry.sends)
                let delay = min(max(0, jitter(ceiling)), ceiling)
                guard entry.sends <= configuration.retries.max, clock() + delay < deadline else { return notPlaced(e) }
                logger.log(.warn, "\(what): not sent (\(e.code.name)); sending again in \(delay) ms")
                sleep(delay)
                continue
            case .ambiguous(let e):
                lastError = e
            }
            logger.log(.warn, "\(what): the answer was lost (\(lastError.code.name)\(lastError.httpStatus != 0 ? " \(lastError.httpStatus)" : "")): looking the reference up instead of sending again")
            switch resolve(op, reference: entry.reference, lines: lines, preexisting: Set(entry.preexisting), deadline: deadline) {
            case .found(let item, let id):
                logger.log(.warn, "\(what): reconciled: ELKO has it\(id.map { " as \($0)" } ?? "") although its answer was lost")
                return placed(item, reconciled: true)
            case .absent(let conflicts):
                let note = conflicts.isEmpty ? "" : "; order(s) \(conflicts.joined(separator: ", ")) carry the reference with other lines and are not this one"
                if entry.sends <= configuration.retries.max, deadline - clock() > 0 {
                    logger.log(.warn, "\(what): not placed (looked up twice, \(settings.settleMs) ms apart\(note)): sending again with the same reference")
                    continue
                }
                return notPlaced(ElkoError(
                    lastError.code,
                    "\(op.name) was not placed: \(lastError.message); its reference \(entry.reference ?? "-") was looked up twice, \(settings.settleMs) ms apart, and not found\(note); not sent again (retries.max \(configuration.retries.max) or timeout_ms reached)",
                    httpStatus: lastError.httpStatus, body: lastError.body, operation: op.name))
            case .unknown(let why):
                logger.log(.error, "\(what): the outcome is unknown: \(why); the journal keeps intent \(entry.intent) for elko_orders_reconcile()")
                return .failure(tagged(ElkoError(
                    .uncertain,
                    "\(op.name): the order with reference \(entry.reference ?? "(none)") may or may not have been placed: \(lastError.message); \(why). Do not send it again: elko_orders_reconcile() (`elko orders reconcile`) resolves it from the journal (intent \(entry.intent))",
                    httpStatus: lastError.httpStatus, body: lastError.body, operation: op.name)))
            }
        }
    }

    /// One send of an order's body: the limiter, logging and dry run apply, libcurl never resends it
    /// (a fresh connection, no retries: `idempotent` false).
    private func sendOnce(_ op: Operation, _ target: String, _ body: [UInt8], _ options: CallOptions) -> Result<Response, ElkoError> {
        var options = options
        options.placing = configuration.orders.reconcile
        return send(method: op.method.rawValue, target: target, body: body, operation: op.name, idempotent: false, options: options)
    }

    enum SendOutcome {
        case placed([UInt8])
        /// A definite answer: ELKO did not act (400, 401, 403, 404, 405, 429) or nothing was sent.
        case refused(ElkoError)
        /// The connection could not be opened: nothing was sent, it may be sent again.
        case unsent(ElkoError)
        /// ELKO may have acted: a reset, a timeout, a 5xx, a 2xx that is not JSON.
        case ambiguous(ElkoError)
    }

    func classify(_ outcome: Result<Response, ElkoError>) -> SendOutcome {
        switch outcome {
        case .success(let r):
            // A 2xx in the format asked for is ELKO's answer; anything else may be a proxy's page.
            if configuration.format == .xml, !r.body.allSatisfy(Text.isSpace) { return .placed(r.body) }
            if !r.body.allSatisfy(Text.isSpace), Self.notJSON(r.body, list: false) == nil { return .placed(r.body) }
            return .ambiguous(ElkoError(.protocol, "ELKO answered \(r.status) with \(r.body.isEmpty ? "an empty body" : "a body that is not JSON")", httpStatus: r.status, body: Self.bodyText(r.body)))
        case .failure(let e):
            if e.code == .invalidArgument || e.code == .writeRefused || (e.code == .rateLimited && e.httpStatus == 0) {
                return .refused(e)
            }
            if e.unsent { return .unsent(e) }
            if [400, 401, 403, 404, 405, 429].contains(e.httpStatus) { return .refused(e) }
            return .ambiguous(e)
        }
    }

    // MARK: Looking an intent up

    enum Resolution {
        case found(item: [UInt8], id: String?)
        case absent(conflicts: [String])
        /// Why the outcome could not be settled.
        case unknown(String)
    }

    /// Looks the reference up; when it is not found, waits `settle_ms` and looks once more.
    func resolve(_ op: Operation, reference: String?, lines: OrderLines?, preexisting: Set<String>, deadline: Int64) -> Resolution {
        guard let reference else {
            return .unknown("the body carries no reference to look it up by (orders.auto_reference is off)")
        }
        let settle = configuration.orders.settleMs
        var looked = false
        var failures = 0
        while true {
            switch fetchList(op.lookUpOperation, deadline: deadline) {
            case .failure(let e):
                // The outcome stays unknown only at the end of the call's time: look again after a backoff
                // of at least settle_ms (each look-up spends rate-limit slots the other calls need too).
                failures += 1
                let ceiling = configuration.retries.backoffCeilingMs(retry: failures)
                let delay = max(1, settle, min(max(0, jitter(ceiling)), ceiling))
                guard e.code != .unauthorized, e.code != .forbidden, clock() + delay < deadline else {
                    return .unknown("looking the reference up in \(op.lookUpOperation) failed\(failures > 1 ? " \(failures) times" : ""): \(e.message)")
                }
                logger.log(.warn, "\(op.name) (reference \(reference)): looking it up failed (\(e.code.name)); looking again in \(delay) ms")
                sleep(delay)
                continue
            case .success(let list):
                switch LookUp.search(list, reference: reference, field: configuration.orders.matchField, lines: lines, preexisting: preexisting) {
                case .found(let item, let id): return .found(item: item, id: id)
                case .failed(let e): return .unknown("the answer of \(op.lookUpOperation) could not be read: \(e.message)")
                case .notFound(let conflicts):
                    if looked { return .absent(conflicts: conflicts) }
                    looked = true
                    guard clock() + settle < deadline else {
                        return .unknown("not found at once, and no time is left in timeout_ms to give it settle_ms (\(settle) ms) and look again")
                    }
                    sleep(settle)
                }
            }
        }
    }

    /// The body of a list operation, waiting for limiter slots within the deadline.
    func fetchList(_ name: String, deadline: Int64) -> Result<[UInt8], ElkoError> {
        let left = deadline - clock()
        guard left > 0 else { return .failure(ElkoError(.timeout, "no time is left in timeout_ms", operation: name)) }
        // JSON whatever the client's format: the look-up reads the list itself.
        return call(operation: name, params: nil, options: CallOptions(waitMs: left, timeoutMs: Int(clamping: left), format: .json)).map(\.body)
    }

    func remaining(_ deadline: Int64) -> Int { Int(clamping: max(1, deadline - clock())) }

    enum Earlier {
        /// The same intent was placed by an earlier call: its order.
        case retryOf(Placement)
        /// An earlier intent of the reference cannot be settled: sending now could order twice.
        case blocked(ElkoError)
        case clear
    }

    /// Before a caller's reference is sent: earlier open intents of the same operation and reference
    /// (a process that died mid-call, an application retrying) are settled first. One of them placed
    /// with the same lines is this call's order; one still in doubt stops this call from sending.
    func resolveEarlierIntents(_ op: Operation, reference: String, lines: OrderLines?, journal: OrderJournal, deadline: Int64) -> Earlier {
        let listed: [OrderJournal.Listed]
        switch journal.openEntries() {
        case .failure(let e): return .blocked(ElkoError(e.code, "\(op.name) not sent: \(e.message)"))
        case .success(let l): listed = l
        }
        for case .entry(let earlier) in listed where earlier.operation == op.name && earlier.reference == reference {
            let lock: OrderJournal.Lock
            switch journal.lock(earlier.intent, waitUntil: deadline) {
            case .failure(let e): return .blocked(ElkoError(e.code, "\(op.name) not sent: \(e.message)"))
            case .success(nil):
                return .blocked(ElkoError(.uncertain, "\(op.name) not sent: another process is still placing an order with the reference \(reference) (intent \(earlier.intent)); its outcome decides whether this one is needed"))
            case .success(let l?): lock = l
            }
            let earlierLines = JSONValue.parse(earlier.body, context: "the body").map(OrderLines.of).get(or: nil)
            let same = earlierLines == lines
            if let closed = journal.closedEntry(earlier.intent) {  // closed while we waited for its lock
                if closed.outcome == "placed", same {
                    return .retryOf(Placement(reference: reference, referenceGiven: true, reconciled: true, sends: 0,
                                              intent: earlier.intent, answer: closed.order ?? Array("null".utf8)))
                }
                continue
            }
            let resolution = withExtendedLifetime(lock) {
                resolve(op, reference: reference, lines: earlierLines, preexisting: Set(earlier.preexisting), deadline: deadline)
            }
            switch resolution {
            case .found(let item, let id):
                _ = withExtendedLifetime(lock) { journal.finish(earlier, outcome: "placed", order: item) }
                logger.log(.warn, "\(op.name) (reference \(reference)): an earlier intent \(earlier.intent) of this reference was placed\(id.map { " as \($0)" } ?? "")\(same ? "; it has the same lines: answering it instead of ordering again" : "")")
                if same {
                    return .retryOf(Placement(reference: reference, referenceGiven: true, reconciled: true, sends: 0,
                                              intent: earlier.intent, answer: item))
                }
            case .absent:
                _ = withExtendedLifetime(lock) { journal.finish(earlier, outcome: "not_placed", order: nil) }
            case .unknown(let why):
                return .blocked(ElkoError(.uncertain, "\(op.name) not sent: an earlier order with the reference \(reference) (intent \(earlier.intent)) may have been placed and could not be settled: \(why)"))
            }
        }
        return .clear
    }

    // MARK: The journal, for callers

    /// `{"entries": [...], "count": n}` (elko_orders_pending): open entries, without sending anything.
    public func pendingOrdersJSON() -> Result<[UInt8], ElkoError> {
        let journal = orderJournal
        let listed: [OrderJournal.Listed]
        switch journal.openEntries() {
        case .failure(let e): return .failure(e)
        case .success(let l): listed = l
        }
        var items: [[UInt8]] = []
        for l in listed {
            switch l {
            case .damaged(let intent, let path, let why):
                items.append(Array(("{\"intent\":" + Client.jsonString(intent) + ",\"state\":\"damaged\",\"path\":" + Client.jsonString(path) + ",\"message\":" + Client.jsonString(why) + ",\"body\":null}").utf8))
            case .entry(let e):
                var state = "open"
                if case .success(nil) = journal.lock(e.intent) { state = "in_progress" }
                items.append(Self.entryJSON(e, extra: ",\"state\":\"\(state)\"", body: e.body))
            }
        }
        return .success(Array("{\"entries\":[".utf8) + items.joined(separator: [UInt8(ascii: ",")]) + Array("],\"count\":\(items.count)}".utf8))
    }

    static func entryJSON(_ e: JournalEntry, extra: String, body: [UInt8]?) -> [UInt8] {
        var s = "{\"intent\":" + jsonString(e.intent) + ",\"operation\":" + jsonString(e.operation)
        s += ",\"reference\":" + (e.reference.map(jsonString) ?? "null") + ",\"reference_given\":" + (e.referenceGiven ? "true" : "false")
        s += ",\"created_ms\":\(e.createdMs),\"sends\":\(e.sends)" + extra
        var out = Array(s.utf8)
        if let body { out += Array(",\"body\":".utf8) + body }
        return out + [UInt8(ascii: "}")]
    }

    /// Resolves every open entry no live process is placing (elko_orders_reconcile): one look-up of each
    /// list for all entries, `settle_ms`, one more for those not found. Placed and not placed entries
    /// are closed; nothing is ever sent again.
    public func reconcileOrdersJSON() -> Result<[UInt8], ElkoError> {
        let journal = orderJournal
        journal.pruneClosed()
        let deadline = clock() + Int64(configuration.timeoutMs)
        let listed: [OrderJournal.Listed]
        switch journal.openEntries() {
        case .failure(let e): return .failure(e)
        case .success(let l): listed = l
        }
        struct Work {
            var entry: JournalEntry
            let lock: OrderJournal.Lock
            let lines: OrderLines?
        }
        var results: [(order: Int, json: [UInt8], outcome: String)] = []
        var work: [(Int, Work)] = []
        func report(_ i: Int, _ e: JournalEntry, _ outcome: String, order: [UInt8]?, _ message: String) {
            let extra = ",\"outcome\":\"\(outcome)\",\"message\":" + Client.jsonString(message) + ",\"order\":"
            var json = Self.entryJSON(e, extra: extra, body: nil)
            json.removeLast()
            json += (order ?? Array("null".utf8)) + [UInt8(ascii: "}")]
            results.append((i, json, outcome))
        }
        for (i, l) in listed.enumerated() {
            switch l {
            case .damaged(let intent, let path, let why):
                logger.log(.error, "order journal: entry \(path) is damaged (\(why)); it is left in place")
                results.append((i, Array(("{\"intent\":" + Client.jsonString(intent) + ",\"outcome\":\"damaged\",\"message\":" + Client.jsonString("\(path): \(why)") + ",\"order\":null}").utf8), "damaged"))
            case .entry(let e):
                guard case .success(let lock?) = journal.lock(e.intent) else {
                    report(i, e, "in_progress", order: nil, "a live process is placing it now")
                    continue
                }
                if journal.closedEntry(e.intent) != nil { continue }  // closed meanwhile
                if e.sends == 0 {
                    _ = journal.finish(e, outcome: "not_placed", order: nil)
                    report(i, e, "not_placed", order: nil, "it was never sent")
                    continue
                }
                if e.reference == nil {
                    report(i, e, "still_uncertain", order: nil, "it carries no reference to look it up by (orders.auto_reference was off)")
                    continue
                }
                let lines = JSONValue.parse(e.body, context: "the body").map(OrderLines.of).get(or: nil)
                work.append((i, Work(entry: e, lock: lock, lines: lines)))
            }
        }
        var lookedOnce = false
        while !work.isEmpty {
            var lists: [String: Result<[UInt8], ElkoError>] = [:]
            var next: [(Int, Work)] = []
            for (i, w) in work {
                guard let op = OperationTable.named(w.entry.operation) else { continue }
                let listName = op.lookUpOperation
                if lists[listName] == nil { lists[listName] = fetchList(listName, deadline: deadline) }
                guard case .success(let list)? = lists[listName] else {
                    var why = "the look-up failed"
                    if case .failure(let e)? = lists[listName] { why = "looking it up in \(listName) failed: \(e.message)" }
                    report(i, w.entry, "still_uncertain", order: nil, why)
                    continue
                }
                switch LookUp.search(list, reference: w.entry.reference ?? "", field: configuration.orders.matchField,
                                     lines: w.lines, preexisting: Set(w.entry.preexisting)) {
                case .found(let item, let id):
                    _ = journal.finish(w.entry, outcome: "placed", order: item)
                    logger.log(.warn, "order journal: \(w.entry.operation) (reference \(w.entry.reference ?? "-")) was placed\(id.map { " as \($0)" } ?? ""): reconciled")
                    report(i, w.entry, "placed", order: item, "found by its reference\(id.map { " as \($0)" } ?? "")")
                case .failed(let e):
                    report(i, w.entry, "still_uncertain", order: nil, "the answer of \(listName) could not be read: \(e.message)")
                case .notFound(let conflicts):
                    if lookedOnce {
                        _ = journal.finish(w.entry, outcome: "not_placed", order: nil)
                        let note = conflicts.isEmpty ? "" : "; order(s) \(conflicts.joined(separator: ", ")) carry the reference with other lines"
                        report(i, w.entry, "not_placed", order: nil, "not found by its reference, twice, \(configuration.orders.settleMs) ms apart\(note); it is not sent again")
                    } else {
                        next.append((i, w))
                    }
                }
            }
            work = next
            if work.isEmpty { break }
            lookedOnce = true
            let settle = configuration.orders.settleMs
            if clock() + settle >= deadline {
                for (i, w) in work { report(i, w.entry, "still_uncertain", order: nil, "no time left in timeout_ms to give it settle_ms and look again") }
                break
            }
            sleep(settle)
        }
        results.sort { $0.order < $1.order }
        var counts: [String: Int] = [:]
        for r in results { counts[r.outcome, default: 0] += 1 }
        var out = Array("{\"entries\":[".utf8) + results.map(\.json).joined(separator: [UInt8(ascii: ",")]) + Array("]".utf8)
        for k in ["placed", "not_placed", "still_uncertain", "in_progress", "damaged"] {
            out += Array(",\"\(k)\":\(counts[k] ?? 0)".utf8)
        }
        return .success(out + [UInt8(ascii: "}")])
    }
}

extension Result {
    /// The success value, or `fallback`.
    func get(or fallback: Success) -> Success {
        if case .success(let v) = self { return v }
        return fallback
    }
}
