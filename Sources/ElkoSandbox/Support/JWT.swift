// HS256 JSON Web Tokens (RFC 7519), the kind ELKO issues. Only what the sandbox needs: sign, and verify
// the signature and shape. Expiry and other claims are the caller's policy, not checked here.

public enum JWT {
    /// `base64url(header).base64url(claims).base64url(HMAC-SHA256(secret, header.claims))` with the header
    /// `{"alg":"HS256","typ":"JWT"}`. `claims` is written compactly in its stored key order.
    public static func signHS256(claims: JSON, secret: [UInt8]) -> String {
        let header = JSON.object([("alg", .string("HS256")), ("typ", .string("JWT"))])
        let signingInput = Base64URL.encode(Array(header.serialized().utf8)) + "."
            + Base64URL.encode(Array(claims.serialized().utf8))
        let signature = HMACSHA256.mac(key: secret, message: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// The claims object of `token` if it is a well-formed HS256 JWT signed with `secret`; nil for anything
    /// else (wrong part count, bad base64url, a header that is not a JSON object with exactly one `"alg"`
    /// member whose value is `"HS256"`, a wrong signature, or a payload that is not a JSON object).
    /// The signature is compared in constant time. `exp`, `nbf` and the like are not checked.
    public static func verifyHS256(_ token: String, secret: [UInt8]) -> JSON? {
        // JWS compact serialization uses base64url without padding (RFC 7515 §2): refusing `=` keeps each
        // token's spelling unique.
        guard !token.utf8.contains(UInt8(ascii: "=")) else { return nil }
        let parts = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let headerText = String(decoding: parts[0], as: UTF8.self)
        let payloadText = String(decoding: parts[1], as: UTF8.self)
        let signatureText = String(decoding: parts[2], as: UTF8.self)

        guard let headerBytes = Base64URL.decode(headerText),
            let header = try? JSON.parse(headerBytes),
            case .object(let headerMembers) = header,
            headerMembers.filter({ $0.0 == "alg" }).count == 1,
            headerMembers.contains(where: { $0.0 == "alg" && $0.1 == .string("HS256") })
        else { return nil }

        guard let signature = Base64URL.decode(signatureText) else { return nil }
        let signingInput = Array(parts[0]) + [UInt8(ascii: ".")] + Array(parts[1])
        let expected = HMACSHA256.mac(key: secret, message: signingInput)
        guard HMACSHA256.constantTimeEqual(signature, expected) else { return nil }

        guard let payloadBytes = Base64URL.decode(payloadText),
            let claims = try? JSON.parse(payloadBytes),
            case .object = claims
        else { return nil }
        return claims
    }
}
