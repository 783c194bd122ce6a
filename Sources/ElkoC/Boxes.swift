import ElkoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Handles and owned memory crossing the C boundary. Nothing here may trap (DESIGN.md: no force
// unwraps or forced tries, no fatal errors or preconditions, no unchecked arithmetic on caller-given
// sizes): a trap here kills the host's PHP worker or Python process.

/// `elko_error`: an owned, immutable copy of an `ElkoError` with its strings as C strings.
final class ErrorBox {
    let code: Int32
    let httpStatus: Int32
    let retryAfterMs: Int64
    let message: UnsafeMutablePointer<CChar>?
    let body: UnsafeMutablePointer<CChar>?
    let operation: UnsafeMutablePointer<CChar>?
    let reference: UnsafeMutablePointer<CChar>?

    init(_ e: ElkoError) {
        code = e.code.rawValue
        httpStatus = Int32(clamping: e.httpStatus)
        retryAfterMs = e.retryAfterMs
        message = strdup(e.message)
        body = e.body.flatMap { strdup($0) }
        operation = e.operation.flatMap { strdup($0) }
        reference = e.reference.flatMap { strdup($0) }
    }

    deinit {
        free(message)
        free(body)
        free(operation)
        free(reference)
    }

    static func from(_ p: OpaquePointer?) -> ErrorBox? {
        guard let p else { return nil }
        return Unmanaged<ErrorBox>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }
}

enum Handles {
    static func client(_ p: OpaquePointer?) -> Client? {
        guard let p else { return nil }
        return Unmanaged<Client>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }

    static func retain(_ c: Client) -> OpaquePointer {
        OpaquePointer(Unmanaged.passRetained(c).toOpaque())
    }
}

/// Stores a new `elko_error` in `*err` (when `err` is not NULL) and returns the status code.
func report(_ e: ElkoError, _ err: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    if let err { err.pointee = OpaquePointer(Unmanaged.passRetained(ErrorBox(e)).toOpaque()) }
    return e.code.rawValue
}

func invalid(_ message: String, _ err: UnsafeMutablePointer<OpaquePointer?>?, operation: String? = nil) -> Int32 {
    report(.invalidArgument(message, operation: operation), err)
}

/// A caller's `(pointer, length)` as bytes; nil if the length is negative (a huge `size_t`).
func callerBytes(_ p: UnsafePointer<CChar>?, _ len: Int) -> UnsafeRawBufferPointer? {
    guard len >= 0 else { return nil }
    guard let p else { return len == 0 ? UnsafeRawBufferPointer(start: nil, count: 0) : nil }
    return UnsafeRawBufferPointer(start: UnsafeRawPointer(p), count: len)
}

/// A caller's NUL-terminated UTF-8 string, or nil if it is not valid UTF-8.
func callerString(_ p: UnsafePointer<CChar>) -> String? {
    String(validatingCString: p)
}

/// Copies bytes into a new malloc'd, NUL-terminated buffer the caller frees with `elko_string_free`.
func mallocCopy(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
    let (size, overflow) = bytes.count.addingReportingOverflow(1)
    guard !overflow, let raw = malloc(size) else { return nil }
    bytes.withUnsafeBytes { src in
        if let base = src.baseAddress { memcpy(raw, base, src.count) }
    }
    raw.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
    return raw.assumingMemoryBound(to: CChar.self)
}

/// A static C string (a `StaticString` literal of several characters lives in the binary for good).
func staticCString(_ s: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)
}
