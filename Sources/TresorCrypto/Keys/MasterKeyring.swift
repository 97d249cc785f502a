import Foundation

/// The versioned master keys (key-encryption keys, KEKs) of a deployment.
///
/// Data keys are wrapped under the newest version; older versions stay in the ring so that keys
/// wrapped under them can still be unwrapped until they are re-wrapped. The text form, used by
/// key files and `TRESOR_MASTER_KEY`, is one `VERSION:BASE64` line per key (`#` starts a
/// comment); a lone base64 line is version 1.
public struct MasterKeyring: Sendable, CustomStringConvertible, CustomReflectable {
    /// Length of every master key in bytes.
    public static let keyByteCount = 32

    private let keys: [UInt32: SecureBytes]
    private let ciphers: [UInt32: AES256GCM]

    /// The version new data keys are wrapped under: the highest in the ring.
    public let currentVersion: UInt32

    /// All versions, oldest first.
    public var versions: [UInt32] { keys.keys.sorted() }

    /// A keyring from explicit keys, each 32 bytes.
    public init(keys: [UInt32: SecureBytes]) throws {
        guard let newest = keys.keys.max() else { throw MasterKeyError.empty(source: "keyring") }
        var ciphers: [UInt32: AES256GCM] = [:]
        for (version, key) in keys {
            guard key.count == Self.keyByteCount else {
                throw MasterKeyError.wrongLength(source: "keyring", version: version, byteCount: key.count)
            }
            ciphers[version] = try AES256GCM(key: key)
        }
        self.keys = keys
        self.ciphers = ciphers
        currentVersion = newest
    }

    /// A keyring with one new random key, version 1.
    public static func generate() throws -> MasterKeyring {
        try MasterKeyring(keys: [1: SecureBytes.random(count: keyByteCount)])
    }

    /// This ring plus a new random key one version above the current one (master-key rotation).
    public func addingNewVersion() throws -> MasterKeyring {
        var keys = self.keys
        keys[currentVersion + 1] = try SecureBytes.random(count: Self.keyByteCount)
        return try MasterKeyring(keys: keys)
    }

    public var description: String { "MasterKeyring(versions: \(versions), current: \(currentVersion))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["versions": versions, "currentVersion": currentVersion], displayStyle: .struct)
    }

    /// The key of `version`.
    public func key(version: UInt32) throws -> SecureBytes {
        guard let key = keys[version] else { throw CryptoError.unknownMasterKeyVersion(version) }
        return key
    }

    func cipher(version: UInt32) throws -> AES256GCM {
        guard let cipher = ciphers[version] else { throw CryptoError.unknownMasterKeyVersion(version) }
        return cipher
    }

    /// Parses the text form. `source` names where the text came from, for error messages.
    public static func parse(_ text: String, source: String) throws -> MasterKeyring {
        var keys: [UInt32: SecureBytes] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let lineNumber = offset + 1
            let version: UInt32
            let encoded: Substring
            if let colon = line.firstIndex(of: ":") {
                guard let parsed = UInt32(line[..<colon]), parsed > 0 else {
                    throw MasterKeyError.malformedLine(source: source, line: lineNumber, reason: "the version must be a whole number from 1")
                }
                version = parsed
                encoded = line[line.index(after: colon)...]
            } else {
                version = 1
                encoded = Substring(line)
            }
            guard var decoded = Data(base64Encoded: String(encoded)) else {
                throw MasterKeyError.malformedLine(source: source, line: lineNumber, reason: "the key is not valid base64")
            }
            defer { decoded.resetBytes(in: 0..<decoded.count) }
            guard decoded.count == keyByteCount else {
                throw MasterKeyError.wrongLength(source: source, version: version, byteCount: decoded.count)
            }
            guard keys[version] == nil else { throw MasterKeyError.duplicateVersion(source: source, version: version) }
            keys[version] = SecureBytes(copying: decoded)
        }
        guard !keys.isEmpty else { throw MasterKeyError.empty(source: source) }
        return try MasterKeyring(keys: keys)
    }

    /// The text form as UTF-8 bytes, for writing a key file. The caller should wipe the array
    /// (`MasterKeyFile` does) once written.
    public func serializedText() -> [UInt8] {
        var text = "# Tresor master keyring: one key-encryption key per line, VERSION:BASE64.\n"
            + "# Keep this file secret (mode 0600), and keep it away from the data it protects.\n"
        for version in versions {
            keys[version]!.withUnsafeBytes { key in
                text += "\(version):\(Data(key).base64EncodedString())\n"
            }
        }
        return Array(text.utf8)
    }
}
