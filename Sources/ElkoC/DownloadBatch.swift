import ElkoAPI
import ElkoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `elko_download` and `elko_batch` (include/elko.h, section "Batches and downloads").

@c(elko_download)
public func elko_download(
    _ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ params: UnsafePointer<CChar>?, _ len: Int,
    _ path: UnsafePointer<CChar>?, _ bytesWritten: UnsafeMutablePointer<UInt64>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    bytesWritten?.pointee = 0
    guard let c = Handles.client(client) else { return invalid("elko_download: client is NULL", err) }
    guard let operation else { return invalid("elko_download: operation is NULL", err) }
    guard let path else { return invalid("elko_download: path is NULL", err) }
    guard let name = callerString(operation) else {
        return invalid("elko_download: the operation name is not valid UTF-8", err)
    }
    let opName = OperationTable.named(name)?.name
    guard let target = callerString(path) else {
        return invalid("elko_download: path is not valid UTF-8", err, operation: opName)
    }
    guard let bytes = callerBytes(params, len) else {
        return invalid(params == nil ? "elko_download: params_json is NULL but len is not 0" : "elko_download: len is too large",
                       err, operation: opName)
    }
    switch c.download(operation: name, paramsJSON: bytes, to: target) {
    case .failure(let e): return report(e, err)
    case .success(let n):
        bytesWritten?.pointee = UInt64(clamping: n)
        return 0
    }
}

@c(elko_batch)
public func elko_batch(
    _ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ codesJSON: UnsafePointer<CChar>?, _ codesLen: Int,
    _ params: UnsafePointer<CChar>?, _ paramsLen: Int, _ batchSize: Int,
    _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ outLen: UnsafeMutablePointer<Int>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    outJSON?.pointee = nil
    outLen?.pointee = 0
    guard let c = Handles.client(client) else { return invalid("elko_batch: client is NULL", err) }
    guard let operation else { return invalid("elko_batch: operation is NULL", err) }
    guard let outJSON else { return invalid("elko_batch: out_json is NULL", err) }
    guard let outLen else { return invalid("elko_batch: out_len is NULL", err) }
    guard let name = callerString(operation) else {
        return invalid("elko_batch: the operation name is not valid UTF-8", err)
    }
    let opName = OperationTable.named(name)?.name
    guard let codesJSON, let codeBytes = callerBytes(codesJSON, codesLen) else {
        return invalid("elko_batch: codes_json is NULL or codes_len is too large", err, operation: opName)
    }
    guard let paramBytes = callerBytes(params, paramsLen) else {
        return invalid(params == nil ? "elko_batch: params_json is NULL but params_len is not 0" : "elko_batch: params_len is too large",
                       err, operation: opName)
    }
    guard batchSize >= 0 else { return invalid("elko_batch: batch_size is too large", err, operation: opName) }
    var codes: [String] = []
    switch JSONValue.parse(codeBytes, context: "elko_batch: codes_json") {
    case .failure(var e):
        e.operation = opName
        return report(e, err)
    case .success(let doc):
        guard doc.kind == .array else {
            return invalid("elko_batch: codes_json must be a JSON array of ELKO codes (strings or integers)", err, operation: opName)
        }
        for v in doc.arrayElements {
            if let s = v.stringValue {
                codes.append(s)
            } else if let i = v.integerValue {
                codes.append(String(i))
            } else {
                return invalid("elko_batch: every ELKO code must be a string or an integer", err, operation: opName)
            }
        }
    }
    var extra: JSONValue?
    if !paramBytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
        switch JSONValue.parse(paramBytes, context: "elko_batch: params_json") {
        case .failure(var e):
            e.operation = opName
            return report(e, err)
        case .success(let doc): extra = doc
        }
    }
    let size = batchSize == 0 ? Client.defaultBatchSize : batchSize
    switch c.batch(operation: name, codes: codes, params: extra, batchSize: size) {
    case .failure(let e): return report(e, err)
    case .success(let outcome): return deliver(batchJSON(outcome), outJSON, outLen, err, operation: opName)
    }
}

/// `{"items": [...], "failed": [{"codes": [...], "code": -8, "error": "server_error", "http_status": 500,
/// "message": "...", "body": "..." | null, "retry_after_ms": 0}], "batches": N}`
private func batchJSON(_ o: BatchOutcome) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(o.items.reduce(64) { $0 + $1.count + 1 })
    out += Array("{\"items\":[".utf8)
    for (i, item) in o.items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out += item
    }
    out += Array("],\"failed\":[".utf8)
    for (i, f) in o.failed.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        let e = f.error
        var s = "{\"codes\":[" + f.codes.map(Client.jsonString).joined(separator: ",") + "]"
        s += ",\"code\":\(e.code.rawValue),\"error\":\(Client.jsonString(e.code.name))"
        s += ",\"http_status\":\(e.httpStatus),\"message\":\(Client.jsonString(e.message))"
        s += ",\"body\":" + (e.body.map(Client.jsonString) ?? "null")
        s += ",\"retry_after_ms\":\(e.retryAfterMs)}"
        out += Array(s.utf8)
    }
    out += Array("],\"batches\":\(o.batches)}".utf8)
    return out
}
