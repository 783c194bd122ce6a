import ArgumentParser
import ElkoCore

/// `elko orders ...`: the order journal of a token — orders placed exactly once, and the ones whose
/// answer was lost.
struct OrdersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Place orders exactly once and resolve the ones whose answer was lost.",
        discussion: """
            Every orders.create and reservations.create carries a partner reference and is written to a \
            journal in the state directory (state_dir, ELKO_STATE_DIR, else /tmp/elko-<uid>) before it is \
            sent. When its answer is lost the reference is looked up instead of sending it again; when even \
            that cannot settle it, the call fails as uncertain (exit status 5) and the entry stays open.
              elko orders pending --url http://127.0.0.1:8080      open entries, nothing sent
              elko orders reconcile --url http://127.0.0.1:8080    look each one up: placed or not placed
              elko orders place '{"body": {"lines": [{"elkoCode": 1258600, "quantity": 1}]}}' --url ...
            """,
        subcommands: [Pending.self, Reconcile.self, Place.self])

    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the token's open journal entries (JSON on stdout); nothing is sent.")
        @OptionGroup var connection: ClientFlags

        func run() throws {
            print(json: connection.client(command: "orders pending").pendingOrdersJSON(), command: "orders pending")
        }
    }

    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve every open entry no live process is placing: placed, not_placed or still_uncertain (JSON on stdout).",
            discussion: "Exit status 0 when every entry was resolved, 5 when some are still uncertain, in progress or damaged.")
        @OptionGroup var connection: ClientFlags

        func run() throws {
            let result = connection.client(command: "orders reconcile").reconcileOrdersJSON()
            print(json: result, command: "orders reconcile")
            if case .success(let bytes) = result, case .success(let doc) = JSONValue.parse(bytes, context: "report") {
                let open = doc.objectEntries.filter { ["still_uncertain", "in_progress", "damaged"].contains($0.key) }
                    .reduce(Int64(0)) { $0 + ($1.value.integerValue ?? 0) }
                if open > 0 { throw ExitCode(5) }
            }
        }
    }

    struct Place: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place an order (or, with --operation reservations.create, a reservation) exactly once; prints {reference, reconciled, sends, answer, ...}.")
        @Argument(help: "Parameters as a JSON object: {\"body\": {\"lines\": [...]}}.")
        var params: String
        @Option(help: "orders.create (default) or reservations.create.")
        var operation = "orders.create"
        @OptionGroup var connection: ClientFlags

        func run() throws {
            let client = connection.client(command: "orders place")
            let result = Array(params.utf8).withUnsafeBytes { client.placeOrder(operation: operation, paramsJSON: $0) }
            print(json: result.map { $0.json() }, command: "orders place")
        }
    }
}

private func print(json result: Result<[UInt8], ElkoError>, command: String) {
    switch result {
    case .failure(let e): failAndExit(e, command: command)
    case .success(let bytes): writeAll(1, bytes + [UInt8(ascii: "\n")])
    }
}
