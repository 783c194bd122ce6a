import ElkoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `elko_iter_next_batch`: several elements of a stream in one call, as the text of a JSON array
// (include/elko.h, section "Iterators"). One boundary crossing and one host parse (json_decode,
// json.loads) per batch instead of per element: in PHP FFI and ctypes the per-call cost, not the
// parse, dominated the per-element iterator (FFI-NOTES.md: ctypes ~0.5 µs, PHP FFI ~0.1 µs a call,
// plus the host's wrapper objects for each out-parameter).

/// A malloc'd buffer that grows by doubling; handed to the caller (who frees it with
/// `elko_string_free`) or freed here on failure. Every size check is explicit: nothing traps.
private struct BatchBuffer {
    var base: UnsafeMutablePointer<UInt8>?
    var count = 0
    var capacity = 0

    /// Room for `extra` more bytes (plus the final NUL); false when out of memory or on overflow.
    mutating func reserve(_ extra: Int) -> Bool {
        let (needed, o1) = count.addingReportingOverflow(extra)
        guard !o1 else { return false }
        let (withNul, o2) = needed.addingReportingOverflow(1)
        guard !o2 else { return false }
        if withNul <= capacity, base != nil { return true }
        var grown = max(capacity, 4096)
        while grown < withNul { grown = grown > Int.max / 2 ? withNul : grown * 2 }
        guard let p = realloc(base, grown) else { return false }
        base = p.assumingMemoryBound(to: UInt8.self)
        capacity = grown
        return true
    }

    mutating func append(_ byte: UInt8) {
        base?[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let dst = base, let src = bytes.baseAddress, bytes.count > 0 else { return }
        memcpy(dst + count, src, bytes.count)
        count += bytes.count
    }

    mutating func release() {
        free(base)
        base = nil
        count = 0
        capacity = 0
    }
}

@c(elko_iter_next_batch)
public func elko_iter_next_batch(
    _ it: OpaquePointer?, _ maxItems: Int, _ maxBytes: Int,
    _ text: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ textLen: UnsafeMutablePointer<Int>?,
    _ itemCount: UnsafeMutablePointer<Int>?, _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    err?.pointee = nil
    text?.pointee = nil
    textLen?.pointee = 0
    itemCount?.pointee = 0
    guard let it else { return invalid("elko_iter_next_batch: it is NULL", err) }
    let s = Unmanaged<ElementStream>.fromOpaque(UnsafeRawPointer(it)).takeUnretainedValue()
    guard let text else { return invalid("elko_iter_next_batch: text is NULL", err, operation: s.operation) }
    guard let textLen else { return invalid("elko_iter_next_batch: text_len is NULL", err, operation: s.operation) }
    guard let itemCount else { return invalid("elko_iter_next_batch: count is NULL", err, operation: s.operation) }
    // size_t values above Int.max arrive negative: treat them as "no limit", like 0.
    let itemLimit = maxItems <= 0 ? Int.max : maxItems
    let byteLimit = maxBytes <= 0 ? Int.max : maxBytes
    guard maxItems > 0 || maxBytes > 0 else {
        return invalid("elko_iter_next_batch: max_items and max_bytes are both 0: a batch would hold the whole answer",
                       err, operation: s.operation)
    }
    var buffer = BatchBuffer()
    var n = 0
    var pending: ElkoError?
    while n < itemLimit, buffer.count < byteLimit {
        switch s.nextUnsafe() {
        case .failure(let e):
            pending = e
        case .success(nil):
            break
        case .success(let bytes?):
            // '[' or ',' before the element, and room for the closing ']'.
            guard buffer.reserve(bytes.count + 2) else {
                buffer.release()
                return report(ElkoError(.internal, "out of memory building a batch of \(n + 1) elements",
                                        operation: s.operation), err)
            }
            buffer.append(n == 0 ? UInt8(ascii: "[") : UInt8(ascii: ","))
            buffer.append(bytes)
            n += 1
            continue
        }
        break
    }
    if n == 0 {
        buffer.release()
        if let pending { return report(pending, err) }
        return 0
    }
    // Elements that arrived before a failure are handed out first; the stream repeats the error on the
    // next call.
    buffer.append(UInt8(ascii: "]"))
    buffer.base?[buffer.count] = 0
    guard let base = buffer.base else {
        return report(ElkoError(.internal, "an empty batch buffer", operation: s.operation), err)
    }
    text.pointee = UnsafeMutableRawPointer(base).assumingMemoryBound(to: CChar.self)
    textLen.pointee = buffer.count
    itemCount.pointee = n
    return 1
}
