import ArgumentParser
import ElkoAPI
import ElkoCore
import Glibc

/// `elko call <operation> [params]`: one ELKO operation through the client core, the answer on stdout.
struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call one ELKO operation by name; the answer goes to stdout, errors to stderr.",
        discussion: """
            Examples:
              elko call catalog.vendors --url http://127.0.0.1:8080
              elko call catalog.description '{"elkoCodes": [1258600, 1258602]}' --region ua
              elko call orders.create '{"body": {"lines": [{"elkoCode": 1258600, "quantity": 1}]}}' --options client.json
            The token comes from --token, --token-file or ELKO_TOKEN (never from a command-line flag in \
            scripts others can read: prefer the environment or a file). Exit status: 0 on success, 2 for \
            invalid input, 3 for an error ELKO answered (4xx/5xx), 4 for network or timeout, 5 for an \
            order or reservation whose outcome is uncertain (its answer was lost: run `elko orders reconcile`, \
            do not send it again). orders.create and reservations.create are placed exactly once (a reference \
            in the body, a journal entry in the state directory, a look-up instead of a blind resend).
            """)

    @Argument(help: "Operation name (`elko operations` lists them).")
    var operation: String
    @Argument(help: "Parameters as a JSON object: path and query parameters by name, \"body\" for writes.")
    var params: String = "{}"
    @OptionGroup var connection: ClientFlags

    func run() throws {
        let client = connection.client(command: "call")
        switch client.call(operation: operation, paramsJSON: params) {
        case .failure(let e): failAndExit(e, command: "call")
        case .success(let response):
            writeAll(1, response.body)
            if response.body.last != UInt8(ascii: "\n") { writeAll(1, [UInt8(ascii: "\n")]) }
        }
    }
}

/// The flags that make a client, shared by `elko call` and `elko orders`.
struct ClientFlags: ParsableArguments {
    @Option(help: "Base URL, e.g. http://127.0.0.1:8080 (the sandbox) or https://uaapi.elko.cloud.")
    var url: String?
    @Option(help: "Region instead of --url: ua or api.")
    var region: String?
    @Option(help: "Path dialect: api or ua.")
    var dialect: String?
    @Option(help: "Token (with or without \"Bearer \"). Default: ELKO_TOKEN.")
    var token: String?
    @Option(name: .customLong("token-file"), help: "A file that holds the token.")
    var tokenFile: String?
    @Option(help: "Answer format: json or xml.")
    var format: String?
    @Option(name: .customLong("state-dir"), help: "The state directory (shared rate-limit budget, order journal). Default: ELKO_STATE_DIR, else /tmp/elko-<uid>.")
    var stateDir: String?
    @Option(help: "A JSON file with the client's options (the keys elko_client_new takes); other flags may not be combined with it.")
    var options: String?

    func validate() throws {
        if options != nil {
            guard url == nil, region == nil, dialect == nil, token == nil, tokenFile == nil, format == nil, stateDir == nil else {
                throw ValidationError("--options cannot be combined with --url, --region, --dialect, --token, --token-file, --format or --state-dir")
            }
        } else if url == nil && region == nil {
            throw ValidationError("give --url, --region or --options")
        }
    }

    /// The client these flags describe; exits with status 2 and the reason when they do not make one.
    func client(command: String) -> Client {
        let optionsText: [UInt8]
        if let options {
            guard let bytes = readFile(options) else {
                failAndExit(.invalidArgument("cannot read options file \(options)"), command: command)
            }
            optionsText = bytes
        } else {
            var fields = [("version", "1")]
            if let url { fields.append(("base_url", jsonString(url))) }
            if let region { fields.append(("region", jsonString(region))) }
            if let dialect { fields.append(("dialect", jsonString(dialect))) }
            if let token { fields.append(("token", jsonString(token))) }
            if let tokenFile { fields.append(("token_file", jsonString(tokenFile))) }
            if let format { fields.append(("format", jsonString(format))) }
            if let stateDir { fields.append(("state_dir", jsonString(stateDir))) }
            optionsText = Array(("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}").utf8)
        }
        switch optionsText.withUnsafeBytes({ Configuration.parse($0) }) {
        case .failure(let e): failAndExit(e, command: command)
        case .success(let c): return Client(configuration: c)
        }
    }
}

/// Prints the error (never the token) and exits: 2 invalid input, 3 ELKO answered with an error, 4 network
/// or timeout, 5 an order whose outcome is uncertain (reconcile it).
func failAndExit(_ e: ElkoError, command: String) -> Never {
    var text = "elko \(command): \(e.message)"
    if e.httpStatus > 0 { text += " (HTTP \(e.httpStatus))" }
    if let body = e.body, !body.isEmpty, !e.message.contains(body) { text += "\nELKO answered: \(body)" }
    if let reference = e.reference { text += "\nreference: \(reference)" }
    writeAll(2, Array((text + "\n").utf8))
    switch e.code {
    case .invalidArgument: Elko.exit(withError: ExitCode(2))
    case .network, .timeout: Elko.exit(withError: ExitCode(4))
    case .uncertain: Elko.exit(withError: ExitCode(5))
    default: Elko.exit(withError: ExitCode(3))
    }
}

/// Writes all bytes to a file descriptor (stdout is 1, stderr 2), retrying short writes.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n <= 0 {
            if n < 0 && errno == EINTR { continue }
            return
        }
        offset += n
    }
}
