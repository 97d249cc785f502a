import Foundation

/// A key for blind indexes of one purpose (for example `customers.email`).
///
/// A blind index lets the store find rows by exact value without decrypting them: it is the
/// HMAC-SHA256 of the normalised value under a key derived from the master key, truncated to
/// ``byteCount`` bytes. Equal values give equal indexes, so an index reveals which rows share a
/// value, but not the value. Truncation length and false-positive rate are in Docs/crypto.md.
public struct BlindIndexKey: Sendable {
    /// Length of an index value in bytes (128 bits).
    public static let byteCount = 16
    /// HKDF salt for every blind-index key.
    static let salt = Array("tresor/blind-index/v1".utf8)

    /// What the index is for; also the HKDF info, so each purpose has an unrelated key.
    public let purpose: String
    private let key: SecureBytes

    /// Derives the key for `purpose` from `masterKey` with HKDF-SHA256
    /// (salt "tresor/blind-index/v1", info = purpose, 32 bytes).
    public init(masterKey: SecureBytes, purpose: String) throws {
        self.purpose = purpose
        key = try HKDF.deriveKey(inputKeyMaterial: masterKey, salt: Self.salt, info: Array(purpose.utf8), outputByteCount: 32)
    }

    /// The index of an already normalised value.
    public func index(ofNormalized value: String) throws -> [UInt8] {
        Array(try HMACSHA256.authenticationCode(for: Array(value.utf8), using: key).prefix(Self.byteCount))
    }

    /// The first `bits` bits (1 to 62) of the index of an already normalised value, as a number:
    /// a truncated blind index, deliberately shared by many values, so that it narrows a search
    /// to candidates without telling which value a row holds (Docs/crypto.md, "Search tokens").
    public func truncatedIndex(ofNormalized value: String, bits: Int) throws -> Int64 {
        precondition((1...62).contains(bits), "a truncated index keeps 1 to 62 bits")
        let code = try HMACSHA256.authenticationCode(for: Array(value.utf8), using: key)
        var leading: UInt64 = 0
        for byte in code.prefix(8) { leading = leading << 8 | UInt64(byte) }
        return Int64(leading >> UInt64(64 - bits))
    }

    /// The index of an email address, after ``BlindIndexKey/normalizeEmail(_:)``.
    public func index(ofEmail email: String) throws -> [UInt8] {
        try index(ofNormalized: Self.normalizeEmail(email))
    }

    /// Email normalisation (version 2), so that every spelling of one address has one index:
    /// trim Unicode white space at both ends; Unicode NFKC (full-width and other compatibility
    /// forms become their plain letters); lower-case (Unicode default case mapping); a quoted
    /// local part whose content needs no quotes loses them (`"nora"@` is `nora@`); the domain in
    /// its IDNA ASCII form (UTS #46 processing, through Foundation's URL host handling:
    /// `bücher.de` is `xn--bcher-kva.de`). Docs/crypto.md.
    public static func normalizeEmail(_ email: String) -> String {
        email.utf8.allSatisfy { $0 < 0x80 } ? normalizeASCIIEmail(email) : normalizeAnyEmail(email)
    }

    /// ``normalizeEmail(_:)`` for text of any script.
    static func normalizeAnyEmail(_ email: String) -> String {
        let trimmed = trimmingWhiteSpace(email)
        // NFKC leaves ASCII as it is; skipping the Unicode tables there keeps look-ups cheap.
        let folded = trimmed.utf8.allSatisfy { $0 < 0x80 } ? trimmed : trimmed.precomposedStringWithCompatibilityMapping
        let text = folded.lowercased()
        guard let at = text.lastIndex(of: "@") else { return text }
        var local = String(text[..<at])
        let domain = String(text[text.index(after: at)...])
        if local.count >= 2, local.hasPrefix("\""), local.hasSuffix("\""), isDotAtom(local.dropFirst().dropLast()) {
            local = String(local.dropFirst().dropLast())
        }
        return local + "@" + asciiDomain(domain)
    }

    /// ``normalizeEmail(_:)`` for ASCII text, where it is the same steps on bytes: NFKC and IDNA
    /// leave ASCII as it is, and ASCII white space is tab to carriage return and space.
    /// Most addresses are ASCII, and a look-up normalises twice.
    static func normalizeASCIIEmail(_ email: String) -> String {
        let bytes = Array(email.utf8)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        let lowered = bytes[first...last].map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
        guard let at = lowered.lastIndex(of: UInt8(ascii: "@")) else { return String(decoding: lowered, as: UTF8.self) }
        var local = String(decoding: lowered[..<at], as: UTF8.self)
        if local.utf8.count >= 2, local.hasPrefix("\""), local.hasSuffix("\""), isDotAtom(local.dropFirst().dropLast()) {
            local = String(local.dropFirst().dropLast())
        }
        return local + String(decoding: lowered[at...], as: UTF8.self)
    }

    /// Version 1, lower-case and NFC only: what indexes were computed with before version 2, kept
    /// to recognise them while they are rebuilt.
    public static func normalizeEmailVersion1(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().precomposedStringWithCanonicalMapping
    }

    /// `text` without the characters of Foundation's `whitespacesAndNewlines` at either end,
    /// compared scalar by scalar: Foundation's own trimming goes through `NSString` on Linux,
    /// which was the larger part of a look-up. (The set is Foundation's, not Unicode's
    /// White_Space property: on Linux it also holds U+200B, and stored indexes depend on it.)
    private static func trimmingWhiteSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !whiteSpace.contains($0) }),
              let last = scalars.lastIndex(where: { !whiteSpace.contains($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    private static let whiteSpace = CharacterSet.whitespacesAndNewlines

    /// RFC 5322 dot-atom text: atext characters separated by single dots.
    private static func isDotAtom(_ text: Substring) -> Bool {
        let atext = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !text.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { atext.contains($0) || !$0.isASCII } }
    }

    /// The IDNA ASCII form of a domain, or the domain as it is when it has none (not a host name).
    private static func asciiDomain(_ domain: String) -> String {
        guard !domain.isEmpty, !domain.allSatisfy(\.isASCII) else { return domain }
        var components = URLComponents()
        components.host = domain
        // A domain IDNA cannot convert comes back percent-encoded: keep it as it is then.
        guard let ascii = components.encodedHost, !ascii.contains("%") else { return domain }
        return ascii.lowercased()
    }
}

extension MasterKeyring {
    /// The blind-index key for `purpose`, derived from master-key `version`.
    ///
    /// Indexes must stay stable across master-key rotation, so a deployment derives them from
    /// the version that was current when it was initialised and records that version; see
    /// Docs/crypto.md, "Rotation".
    public func blindIndexKey(purpose: String, version: UInt32) throws -> BlindIndexKey {
        try BlindIndexKey(masterKey: key(version: version), purpose: purpose)
    }
}

extension MasterKeyring {
    /// A 32-byte key for `purpose` (e.g. `idempotency.responses`), derived from master-key
    /// `version` with HKDF-SHA256 (salt "tresor/derived-key/v1", info = purpose).
    public func derivedKey(purpose: String, version: UInt32) throws -> SecureBytes {
        try HKDF.deriveKey(inputKeyMaterial: key(version: version), salt: Array("tresor/derived-key/v1".utf8),
                           info: Array(purpose.utf8), outputByteCount: 32)
    }
}
