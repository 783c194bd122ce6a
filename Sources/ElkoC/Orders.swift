import ElkoAPI
import ElkoCore

// The exactly-once order calls of include/elko.h ("Orders placed exactly once"). The logic is in
// ElkoCore (Client+Orders); these shims check arguments and hand JSON text over.

@c(elko_orders_place)
public func elko_orders_place(
    _ client: OpaquePointer?, _ operation: UnsafePointer<CChar>?, _ params: UnsafePointer<CChar>?, _ len: Int,
    _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ outLen: UnsafeMutablePointer<Int>?,
    _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    operationCall("elko_orders_place", client, operation, params, len, outJSON, outLen, err) { c, name, bytes in
        c.placeOrder(operation: name, paramsJSON: bytes).map { $0.json() }
    }
}

@c(elko_orders_pending)
public func elko_orders_pending(
    _ client: OpaquePointer?, _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ outLen: UnsafeMutablePointer<Int>?, _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    journalCall("elko_orders_pending", client, outJSON, outLen, err) { $0.pendingOrdersJSON() }
}

@c(elko_orders_reconcile)
public func elko_orders_reconcile(
    _ client: OpaquePointer?, _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ outLen: UnsafeMutablePointer<Int>?, _ err: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    journalCall("elko_orders_reconcile", client, outJSON, outLen, err) { $0.reconcileOrdersJSON() }
}

private func journalCall(
    _ function: String, _ client: OpaquePointer?, _ outJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ outLen: UnsafeMutablePointer<Int>?, _ err: UnsafeMutablePointer<OpaquePointer?>?,
    _ work: (Client) -> Result<[UInt8], ElkoError>
) -> Int32 {
    err?.pointee = nil
    outJSON?.pointee = nil
    outLen?.pointee = 0
    guard let c = Handles.client(client) else { return invalid("\(function): client is NULL", err) }
    guard let outJSON else { return invalid("\(function): out_json is NULL", err) }
    guard let outLen else { return invalid("\(function): out_len is NULL", err) }
    switch work(c) {
    case .failure(let e): return report(e, err)
    case .success(let json): return deliver(json, outJSON, outLen, err, operation: nil)
    }
}
