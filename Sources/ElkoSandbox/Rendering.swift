import ElkoAPI
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A reply written out: status, headers and the body bytes.
struct Rendered: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    func response() -> Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}

/// The format a client asked for. ELKO answers JSON by default and for `Accept: text/plain`
/// (JSON text under a text/plain request, as the real API does); XML for `application/xml`.
enum WireFormat {
    case json, xml

    init(accept: String) {
        let a = accept.lowercased()
        self = (a.contains("/xml") && !a.contains("json")) ? .xml : .json
    }
}

extension Sandbox {
    func render(_ reply: Reply, accept: String, operation: Operation?) -> Response {
        rendered(reply, accept: accept, operation: operation).response()
    }

    func rendered(_ reply: Reply, accept: String, operation: Operation?) -> Rendered {
        var headers = reply.headers
        let format = WireFormat(accept: accept)
        var body = ByteBuffer()
        switch reply.payload {
        case .empty:
            break
        case .text(let text):
            headers[.contentType] = "text/plain; charset=utf-8"
            body = ByteBuffer(string: text)
        case .json(let value, let root):
            switch format {
            case .json:
                headers[.contentType] = "application/json; charset=utf-8"
                var bytes: [UInt8] = []
                value.write(into: &bytes)
                body = ByteBuffer(bytes: bytes)
            case .xml:
                headers[.contentType] = "application/xml; charset=utf-8"
                body = ByteBuffer(string: XMLRenderer.render(value, root: root))
            }
        case .prepared(var key):
            key.xml = format == .xml
            headers[.contentType] = key.xml ? "application/xml; charset=utf-8" : "application/json; charset=utf-8"
            body = bodies.get(key, state: state)
        }
        return Rendered(status: reply.status, headers: headers, body: body)
    }
}

/// Full-catalog bodies made once and served as they are until stock moves: a 200,000-product
/// catalog is ~200 MB of JSON, and the sandbox must not be what a benchmark measures.
final class PreparedBodies: Sendable {
    struct Key: Hashable, Sendable {
        var operation: String
        var dialect: Dialect
        var xml: Bool
    }

    private struct Entry: Sendable {
        let version: Int
        let body: ByteBuffer
    }

    private let cache = Mutex<[Key: Entry]>([:])
    /// One builder at a time: concurrent first requests wait for the body instead of each making it.
    private let building = Mutex<Void>(())

    func get(_ key: Key, state: SandboxState) -> ByteBuffer {
        let now = state.clock.now()
        let version = state.data.withLock { d in
            d.expireReservations(now: now, catalog: state.catalog)
            return d.stockVersion
        }
        if let hit = cache.withLock({ $0[key] }), hit.version == version { return hit.body }
        return building.withLock { _ in
            let now = state.clock.now()
            let (version, stock, reserved) = state.data.withLock { d in
                let reserved = d.reservedByCode(now: now, catalog: state.catalog)
                return (d.stockVersion, d.stock, reserved)
            }
            if let hit = cache.withLock({ $0[key] }), hit.version == version { return hit.body }
            let catalog = state.catalog
            let products = key.operation == "catalog.esd" ? catalog.esdProducts : catalog.products
            let body: ByteBuffer
            if key.xml {
                let items = products.map {
                    catalog.productJSON($0, dialect: key.dialect, stock: stock[$0.elkoCode] ?? $0.initialStock,
                                        reserved: reserved[$0.elkoCode] ?? 0)
                }
                body = ByteBuffer(string: XMLRenderer.render(.array(items), root: "ArrayOfProduct"))
            } else {
                // Written product by product: no tree of the whole catalog is ever held.
                var bytes: [UInt8] = []
                bytes.reserveCapacity(products.count * 1100 + 2)
                bytes.append(UInt8(ascii: "["))
                for (i, p) in products.enumerated() {
                    if i > 0 { bytes.append(UInt8(ascii: ",")) }
                    catalog.productJSON(p, dialect: key.dialect, stock: stock[p.elkoCode] ?? p.initialStock,
                                        reserved: reserved[p.elkoCode] ?? 0).write(into: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
                body = ByteBuffer(bytes: bytes)
            }
            cache.withLock { $0[key] = Entry(version: version, body: body) }
            return body
        }
    }
}

/// The query string, with ASP.NET's binding rules: names case-insensitive, a name may repeat.
struct QueryString: Sendable {
    let pairs: [(String, String)]

    init(_ raw: String) {
        var pairs: [(String, String)] = []
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decode(kv[0], plusAsSpace: true) ?? String(kv[0])
            let value = kv.count > 1 ? (PercentEncoding.decode(kv[1], plusAsSpace: true) ?? String(kv[1])) : ""
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// Every value of `name`, comma lists split: `?elkoCode=1,2&elkoCode=3` → ["1", "2", "3"].
    func list(_ name: String) -> [String]? {
        let lower = name.lowercased()
        let values = pairs.filter { $0.0.lowercased() == lower }.map(\.1)
        guard !values.isEmpty else { return nil }
        return values.flatMap { $0.split(separator: ",").map { String($0.trimmed) } }.filter { !$0.isEmpty }
    }

    func value(_ name: String) -> String? {
        let lower = name.lowercased()
        return pairs.first { $0.0.lowercased() == lower }?.1
    }
}
