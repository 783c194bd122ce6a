import CJansson
import ElkoCore
#if canImport(Glibc)
import Glibc
#endif

// The json_t* variant of the C ABI (include/elko_jansson.h), for C/C++ callers that already use jansson
// and share its libjansson.so.4 with us. Inputs are borrowed (we take and drop our own reference);
// outputs are new references the caller releases.

@c(elko_call_json)
public func elko_call_json(
    _ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ params: UnsafeMutablePointer<json_t>?,
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?, _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    out?.pointee = nil
    guard let c = Handles.client(client) else { return invalid("elko_call_json: client is NULL", err) }
    guard let operation else { return invalid("elko_call_json: operation is NULL", err) }
    guard let out else { return invalid("elko_call_json: out is NULL", err) }
    guard let name = callerString(operation) else {
        return invalid("elko_call_json: the operation name is not valid UTF-8", err)
    }
    guard c.configuration.format == .json else {
        return invalid("elko_call_json: the client answers XML (\"format\": \"xml\"); use elko_call", err, operation: name)
    }
    switch c.call(operation: name, params: params.map { JSONValue(retaining: $0) }) {
    case .failure(let e): return report(e, err)
    case .success(let response): return deliverJSON(response.body, out, err, operation: name)
    }
}

@c(elko_request_json)
public func elko_request_json(
    _ client: OpaquePointer?, _ method: UnsafePointer<CChar>?, _ path: UnsafePointer<CChar>?,
    _ query: UnsafePointer<CChar>?, _ body: UnsafeMutablePointer<json_t>?,
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?, _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    out?.pointee = nil
    guard let c = Handles.client(client) else { return invalid("elko_request_json: client is NULL", err) }
    guard let method else { return invalid("elko_request_json: method is NULL", err) }
    guard let path else { return invalid("elko_request_json: path is NULL", err) }
    guard let out else { return invalid("elko_request_json: out is NULL", err) }
    guard let m = callerString(method), let p = callerString(path) else {
        return invalid("elko_request_json: method or path is not valid UTF-8", err)
    }
    var q: String?
    if let query {
        guard let s = callerString(query) else { return invalid("elko_request_json: query is not valid UTF-8", err) }
        q = s
    }
    var sent: [UInt8]?
    if let body {
        guard let bytes = JSONValue(retaining: body).serialized() else {
            return invalid("elko_request_json: the body cannot be written as JSON", err)
        }
        sent = bytes
    }
    switch c.request(method: m, path: p, query: q, body: sent) {
    case .failure(let e): return report(e, err)
    case .success(let response): return deliverJSON(response.body, out, err, operation: nil)
    }
}

/// Parses an answer for the caller: a new reference, `null` for an empty answer.
func deliverJSON(
    _ body: [UInt8], _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>,
    _ err: UnsafeMutablePointer<OpaquePointer?>?, operation: String?
) -> Int32 {
    let text = body.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 } ? Array("null".utf8) : body
    switch JSONValue.parse(text, context: "ELKO's answer", quoteInput: false) {
    case .failure(var e):
        e = ElkoError(.protocol, "\(operation ?? "request"): \(e.message)", operation: operation)
        return report(e, err)
    case .success(let value):
        out.pointee = elko_json_incref(value.pointer)
        return 0
    }
}

@c(elko_iter_next_json)
public func elko_iter_next_json(
    _ it: OpaquePointer?, _ item: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    item?.pointee = nil
    guard let item else { return invalid("elko_iter_next_json: item is NULL", err) }
    var bytes: UnsafePointer<CChar>?
    var length = 0
    let rc = elko_iter_next(it, &bytes, &length, err)
    guard rc == 1, let bytes else { return rc }
    var error = json_error_t()
    guard let value = json_loadb(bytes, length, Int(JSON_DECODE_ANY), &error) else {
        return report(ElkoError(.protocol, "elko_iter_next_json: an item of the answer is not valid JSON"), err)
    }
    item.pointee = value
    return 1
}

@c(elko_json_release)
public func elko_json_release(_ value: UnsafeMutablePointer<json_t>?) {
    guard let value else { return }
    elko_json_decref(value)
}
