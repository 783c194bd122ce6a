import ElkoAPI
import ElkoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The C ABI of libelko. `include/elko.h` is the contract (ownership, threading and errors are written
// there); keep the two in step. Status codes are `ErrorCode` raw values, 0 is ELKO_OK.

/// ABI number: raised only when an existing declaration changes incompatibly.
let abiVersion: Int32 = 1

@c(elko_version)
public func elko_version() -> UnsafePointer<CChar> {
    staticCString("0.1.0")
}

@c(elko_abi_version)
public func elko_abi_version() -> Int32 {
    abiVersion
}

@c(elko_strerror)
public func elko_strerror(_ status: Int32) -> UnsafePointer<CChar> {
    if status == 0 { return staticCString("ok") }
    guard let code = ErrorCode(rawValue: status) else { return staticCString("unknown status code") }
    return staticCString(code.staticSummary)
}

// MARK: client

@c(elko_client_new)
public func elko_client_new(
    _ options: UnsafePointer<CChar>?, _ len: Int, _ out: UnsafeMutablePointer<OpaquePointer?>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    out?.pointee = nil
    guard let out else { return invalid("elko_client_new: out is NULL", err) }
    guard let options else { return invalid("elko_client_new: options_json is NULL", err) }
    guard let bytes = callerBytes(options, len) else { return invalid("elko_client_new: len is too large", err) }
    switch Configuration.parse(bytes) {
    case .failure(let e): return report(e, err)
    case .success(let configuration):
        out.pointee = Handles.retain(Client(configuration: configuration))
        return 0
    }
}

@c(elko_client_free)
public func elko_client_free(_ client: OpaquePointer?) {
    guard let client else { return }
    Unmanaged<Client>.fromOpaque(UnsafeRawPointer(client)).release()
}

// MARK: calls

@c(elko_call)
public func elko_call(
    _ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ params: UnsafePointer<CChar>?, _ len: Int,
    _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ outLen: UnsafeMutablePointer<Int>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    operationCall("elko_call", client, operation, params, len, outJSON, outLen, err) { c, name, bytes in
        c.call(operation: name, paramsJSON: bytes).map(\.body)
    }
}

/// The argument checks of a call by operation name with JSON params and a JSON answer (elko_call,
/// elko_orders_place), then `work`, whose answer is handed to the caller.
func operationCall(
    _ function: String, _ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ params: UnsafePointer<CChar>?,
    _ len: Int, _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ outLen: UnsafeMutablePointer<Int>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?,
    _ work: (Client, String, UnsafeRawBufferPointer) -> Result<[UInt8], ElkoError>
) -> Int32 {
    err?.pointee = nil
    outJSON?.pointee = nil
    outLen?.pointee = 0
    guard let c = Handles.client(client) else { return invalid("\(function): client is NULL", err) }
    guard let operation else { return invalid("\(function): operation is NULL", err) }
    guard let outJSON else { return invalid("\(function): out_json is NULL", err) }
    guard let outLen else { return invalid("\(function): out_len is NULL", err) }
    guard let name = callerString(operation) else {
        return invalid("\(function): the operation name is not valid UTF-8", err)
    }
    guard let bytes = callerBytes(params, len) else {
        return invalid(params == nil ? "\(function): params_json is NULL but len is not 0" : "\(function): len is too large",
                       err, operation: OperationTable.named(name)?.name)
    }
    switch work(c, name, bytes) {
    case .failure(let e): return report(e, err)
    case .success(let body): return deliver(body, outJSON, outLen, err, operation: name)
    }
}

@c(elko_request)
public func elko_request(
    _ client: OpaquePointer?, _ method: UnsafePointer<CChar>?, _ path: UnsafePointer<CChar>?,
    _ query: UnsafePointer<CChar>?, _ body: UnsafePointer<CChar>?, _ bodyLen: Int,
    _ outBody: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ outLen: UnsafeMutablePointer<Int>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    outBody?.pointee = nil
    outLen?.pointee = 0
    guard let c = Handles.client(client) else { return invalid("elko_request: client is NULL", err) }
    guard let method else { return invalid("elko_request: method is NULL", err) }
    guard let path else { return invalid("elko_request: path is NULL", err) }
    guard let outBody else { return invalid("elko_request: out_body is NULL", err) }
    guard let outLen else { return invalid("elko_request: out_len is NULL", err) }
    guard let m = callerString(method), let p = callerString(path) else {
        return invalid("elko_request: method or path is not valid UTF-8", err)
    }
    var q: String?
    if let query {
        guard let s = callerString(query) else { return invalid("elko_request: query is not valid UTF-8", err) }
        q = s
    }
    guard let bytes = callerBytes(body, bodyLen) else {
        return invalid(body == nil ? "elko_request: body is NULL but body_len is not 0" : "elko_request: body_len is too large", err)
    }
    var sent: [UInt8]?
    if body != nil {
        if case .failure(let e) = JSONValue.parse(bytes, context: "elko_request: the body") { return report(e, err) }
        sent = Array(bytes)
    }
    switch c.request(method: m, path: p, query: q, body: sent) {
    case .failure(let e): return report(e, err)
    case .success(let response): return deliver(response.body, outBody, outLen, err, operation: nil)
    }
}

func deliver(
    _ body: [UInt8], _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ outLen: UnsafeMutablePointer<Int>,
    _ err: UnsafeMutablePointer<OpaquePointer?>?, operation: String?
) -> Int32 {
    guard let copy = mallocCopy(body) else {
        return report(ElkoError(.internal, "out of memory copying a \(body.count)-byte answer", operation: operation), err)
    }
    out.pointee = copy
    outLen.pointee = body.count
    return 0
}

@c(elko_string_free)
public func elko_string_free(_ s: UnsafeMutablePointer<CChar>?) {
    free(s)
}

// MARK: errors

@c(elko_error_code)
public func elko_error_code(_ e: OpaquePointer?) -> Int32 {
    ErrorBox.from(e)?.code ?? 0  // no error object: no error
}

@c(elko_error_http_status)
public func elko_error_http_status(_ e: OpaquePointer?) -> Int32 {
    ErrorBox.from(e)?.httpStatus ?? 0
}

@c(elko_error_message)
public func elko_error_message(_ e: OpaquePointer?) -> UnsafePointer<CChar> {
    guard let box = ErrorBox.from(e) else { return staticCString("elko_error_message: error is NULL") }
    return box.message.map { UnsafePointer($0) } ?? staticCString("(out of memory while copying the message)")
}

@c(elko_error_body)
public func elko_error_body(_ e: OpaquePointer?) -> UnsafePointer<CChar>? {
    ErrorBox.from(e)?.body.map { UnsafePointer($0) }
}

@c(elko_error_retry_after_ms)
public func elko_error_retry_after_ms(_ e: OpaquePointer?) -> Int64 {
    ErrorBox.from(e)?.retryAfterMs ?? 0
}

@c(elko_error_operation)
public func elko_error_operation(_ e: OpaquePointer?) -> UnsafePointer<CChar>? {
    ErrorBox.from(e)?.operation.map { UnsafePointer($0) }
}

@c(elko_error_reference)
public func elko_error_reference(_ e: OpaquePointer?) -> UnsafePointer<CChar>? {
    ErrorBox.from(e)?.reference.map { UnsafePointer($0) }
}

@c(elko_error_free)
public func elko_error_free(_ e: OpaquePointer?) {
    guard let e else { return }
    Unmanaged<ErrorBox>.fromOpaque(UnsafeRawPointer(e)).release()
}

// MARK: logging

/// The host's log callback and its user pointer, called on the thread that made the logged call.
private struct HostLogCallback: @unchecked Sendable {
    // @unchecked: the pointer is the host's; we only hand it back to the host's function.
    let function: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int) -> Void
    let user: UnsafeMutableRawPointer?
}

@c(elko_client_set_log_callback)
public func elko_client_set_log_callback(
    _ client: OpaquePointer?,
    _ callback: (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int) -> Void)?,
    _ user: UnsafeMutableRawPointer?
) -> Int32 {
    guard let c = Handles.client(client) else { return ErrorCode.invalidArgument.rawValue }
    guard let callback else {
        c.logger.setSink(nil)
        return 0
    }
    let host = HostLogCallback(function: callback, user: user)
    c.logger.setSink(.callback { level, line in
        var bytes = Array(line.utf8)
        let count = bytes.count
        bytes.append(0)
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                host.function(host.user, level.rawValue, p, count)
            }
        }
    })
    return 0
}
