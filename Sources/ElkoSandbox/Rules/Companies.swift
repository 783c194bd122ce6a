import Glibc

/// A partner company: its credentials, its IP allow-list and its one active token.
struct CompanyState: Sendable {
    var config: SandboxConfiguration.Company
    var allowList: IPAllowList
    /// Serial of the token that works now; 0 = none issued. Claims carry `<accountNo>@<serial>`.
    var activeSerial = 0
    var issuedSerials = 0

    init(_ config: SandboxConfiguration.Company) throws {
        self.config = config
        self.allowList = try IPAllowList(config.allowList)
    }

    var accountNo: String { config.accountNo }
}

/// Issues and checks tokens the way ELKO's are made: HS256 JWTs with ELKO's claims; one active token
/// per company, a new one deactivating the old.
struct TokenAuthority: Sendable {
    static let nameClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"
    static let roleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"

    let secret: [UInt8]

    init(secret: String) {
        if !secret.isEmpty {
            self.secret = Array(secret.utf8)
        } else {
            self.secret = Self.randomBytes(32)
        }
    }

    /// Makes the token for `serial`. `exp` is far in the future: ELKO's tokens live until deactivated.
    func token(accountNo: String, serial: Int, clientIP: String?) -> String {
        var claims: [(String, JSON)] = [
            (Self.nameClaim, .string("\(accountNo)@\(serial)")),
            (Self.roleClaim, .string("Api")),
        ]
        if let clientIP { claims.append(("locality", .string(clientIP))) }
        claims += [
            ("exp", .int(4_102_444_800)),
            ("iss", .string("https://kiev.elkogroup.com")),
            ("aud", .string("uaapi.elko.cloud")),
        ]
        return JWT.signHS256(claims: .object(claims), secret: secret)
    }

    /// The `(accountNo, serial)` a token claims, if its signature is ours. Accepts `Bearer ` or not.
    func identify(_ header: String) -> (accountNo: String, serial: Int)? {
        var raw = Substring(header)
        while raw.first == " " { raw = raw.dropFirst() }
        if raw.count >= 7, raw.prefix(7).lowercased() == "bearer " { raw = raw.dropFirst(7) }
        while raw.first == " " { raw = raw.dropFirst() }
        while raw.last == " " { raw = raw.dropLast() }
        guard !raw.isEmpty, let claims = JWT.verifyHS256(String(raw), secret: secret),
            let name = claims[Self.nameClaim]?.stringValue,
            let at = name.lastIndex(of: "@"), let serial = Int(name[name.index(after: at)...])
        else { return nil }
        return (String(name[..<at]), serial)
    }

    static func randomBytes(_ n: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        var got = 0
        if let f = fopen("/dev/urandom", "rb") {
            got = out.withUnsafeMutableBytes { fread($0.baseAddress, 1, n, f) }
            fclose(f)
        }
        if got != n {
            var g = SystemRandomNumberGenerator()
            for i in 0..<n { out[i] = UInt8.random(in: 0...255, using: &g) }
        }
        return out
    }
}

extension IPAddress {
    /// 127.0.0.0/8 or ::1: who may use the admin API.
    var isLoopback: Bool {
        if let v4 = ipv4Value { return v4 >> 24 == 127 }
        return high == 0 && low == 1
    }
}
