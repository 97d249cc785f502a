import Foundation
import TresorCrypto

/// `keys.sqlite.sealed` in a backup taken `--with-keys`: the snapshot of `keys.sqlite`, sealed
/// whole with AES-256-GCM under a key derived from the master key (purpose `backup.keys`), so a
/// backup never holds the wrapped keys in a form readable without the master key.
///
/// Layout: `TRESORKB`, format byte 1, the master-key version (4 bytes, big-endian), then nonce,
/// ciphertext and tag; the 13 header bytes are the associated data.
package enum SealedKeysFile {
    package static let fileName = "keys.sqlite.sealed"
    package static let purpose = "backup.keys"
    package static let magic = Array("TRESORKB".utf8)

    package static func seal(_ plaintext: [UInt8], keyring: MasterKeyring) throws -> [UInt8] {
        let version = keyring.currentVersion
        let header = magic + [1] + withUnsafeBytes(of: version.bigEndian, Array.init)
        let cipher = try AES256GCM(key: keyring.derivedKey(purpose: purpose, version: version))
        return header + (try cipher.seal(plaintext, authenticating: header).combined)
    }

    package static func open(_ sealed: [UInt8], keyring: MasterKeyring) throws -> [UInt8] {
        guard sealed.count > 13 + AES256GCM.nonceByteCount + AES256GCM.tagByteCount, Array(sealed[0..<8]) == magic, sealed[8] == 1 else {
            throw StoreError.invalidBackup("\(fileName) is not a sealed key store")
        }
        let header = Array(sealed[0..<13])
        let version = sealed[9..<13].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let cipher = try AES256GCM(key: keyring.derivedKey(purpose: purpose, version: version))
        do {
            return try cipher.open(AES256GCM.SealedBox(combined: Array(sealed[13...])), authenticating: header)
        } catch CryptoError.authenticationFailure {
            throw StoreError.invalidBackup("\(fileName) does not open with this master key (version \(version)), or was altered")
        }
    }
}
