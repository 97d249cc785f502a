import Foundation
import TresorCrypto
import ZIPFoundation

/// Checks an export package: every file listed in the manifest is there with its SHA-256 and
/// size, no file is there that is not listed, and the manifest's signature verifies with a
/// trusted audit key.
public enum ExportVerification {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notAnArchive
        case missingManifest
        case malformedManifest
        case missingFile(String)
        case unlistedFile(String)
        case changedFile(String)
        case untrustedKey(String)
        case badSignature

        public var description: String {
            switch self {
            case .notAnArchive: return "not a ZIP archive"
            case .missingManifest: return "manifest.json is missing"
            case .malformedManifest: return "manifest.json is not a Tresor export manifest"
            case let .missingFile(name): return "\(name) is listed in the manifest but missing"
            case let .unlistedFile(name): return "\(name) is in the package but not in the manifest"
            case let .changedFile(name): return "\(name) was changed: its SHA-256 or size differs from the manifest"
            case let .untrustedKey(id): return "the manifest is signed with key \(id), which is not a trusted audit key"
            case .badSignature: return "the manifest's signature does not verify: manifest.json was changed or not signed by this key"
            }
        }
    }

    /// The public key the package carries (`signing-key.pem`), nil when it has none. Trusting it
    /// proves that nothing changed since the package was signed with it, not who signed it: that
    /// needs its fingerprint compared with the one the controller publishes.
    public static func embeddedKey(_ url: URL) throws -> Ed25519PublicKey? {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw Failure.notAnArchive }
        guard let entry = archive[PackageVerificationGuide.keyFileName] else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry, consumer: { data.append($0) })
            return try Ed25519PublicKey(pemRepresentation: String(decoding: data, as: UTF8.self))
        } catch {
            throw Failure.changedFile(PackageVerificationGuide.keyFileName)
        }
    }

    /// Verifies the package at `url` against `trustedKeys` (audit public keys by key id);
    /// returns the manifest.
    @discardableResult
    public static func verify(_ url: URL, trustedKeys: [String: Ed25519PublicKey]) throws -> ExportManifest {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw Failure.notAnArchive }
        guard let manifestEntry = archive[ExportManifest.fileName] else { throw Failure.missingManifest }
        var manifestData = Data()
        do {
            _ = try archive.extract(manifestEntry, consumer: { manifestData.append($0) })
        } catch {
            throw Failure.malformedManifest
        }
        let manifest = try ExportManifest(json: manifestData)
        // The manifest first: only a signed list of digests makes the files' digests mean anything.
        guard let key = trustedKeys[manifest.keyID] else { throw Failure.untrustedKey(manifest.keyID) }
        guard key.isValidSignature(manifest.signature, for: Array(manifest.signedText.utf8)) else { throw Failure.badSignature }
        let listed = Set(manifest.files.map(\.name))
        for entry in archive where entry.path != ExportManifest.fileName && !listed.contains(entry.path) {
            throw Failure.unlistedFile(entry.path)
        }
        for file in manifest.files {
            guard let entry = archive[file.name] else { throw Failure.missingFile(file.name) }
            let hasher = try SHA256Stream()
            var size: Int64 = 0
            do {
                _ = try archive.extract(entry, consumer: { chunk in
                    size += Int64(chunk.count)
                    try hasher.update(chunk)
                })
            } catch {
                throw Failure.changedFile(file.name)
            }
            guard try hasher.finalize().hexString == file.sha256, size == file.bytes else { throw Failure.changedFile(file.name) }
        }
        return manifest
    }
}
