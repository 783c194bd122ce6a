import ElkoAPI
import ElkoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `elko_iter`: a streamed list operation (include/elko.h, section "Iterators"). The handle is a retained
// `ElementStream`; elements are handed out as pointers into its buffer (no malloc per element).

private func stream(_ p: OpaquePointer?) -> ElementStream? {
    guard let p else { return nil }
    return Unmanaged<ElementStream>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
}

@c(elko_iter_new)
public func elko_iter_new(
    _ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ params: UnsafePointer<CChar>?, _ len: Int,
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    out?.pointee = nil
    guard let c = Handles.client(client) else { return invalid("elko_iter_new: client is NULL", err) }
    guard let operation else { return invalid("elko_iter_new: operation is NULL", err) }
    guard let out else { return invalid("elko_iter_new: out is NULL", err) }
    guard let name = callerString(operation) else {
        return invalid("elko_iter_new: the operation name is not valid UTF-8", err)
    }
    guard let bytes = callerBytes(params, len) else {
        return invalid(params == nil ? "elko_iter_new: params_json is NULL but len is not 0" : "elko_iter_new: len is too large",
                       err, operation: OperationTable.named(name)?.name)
    }
    switch c.stream(operation: name, paramsJSON: bytes) {
    case .failure(let e): return report(e, err)
    case .success(let s):
        out.pointee = OpaquePointer(Unmanaged.passRetained(s).toOpaque())
        return 0
    }
}

@c(elko_iter_next)
public func elko_iter_next(
    _ it: OpaquePointer?, _ item: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ itemLen: UnsafeMutablePointer<Int>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    item?.pointee = nil
    itemLen?.pointee = 0
    guard let s = stream(it) else { return invalid("elko_iter_next: it is NULL", err) }
    guard let item else { return invalid("elko_iter_next: item is NULL", err, operation: s.operation) }
    guard let itemLen else { return invalid("elko_iter_next: item_len is NULL", err, operation: s.operation) }
    switch s.nextUnsafe() {
    case .failure(let e): return report(e, err)
    case .success(nil): return 0
    case .success(let bytes?):
        guard let base = bytes.baseAddress else {
            return report(ElkoError(.internal, "an empty element", operation: s.operation), err)
        }
        item.pointee = base.assumingMemoryBound(to: CChar.self)
        itemLen.pointee = bytes.count
        return 1
    }
}

@c(elko_iter_free)
public func elko_iter_free(_ it: OpaquePointer?) {
    guard let it else { return }
    Unmanaged<ElementStream>.fromOpaque(UnsafeRawPointer(it)).release()
}
