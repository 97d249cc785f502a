import Foundation
import TresorCrypto
import TresorModel
import TresorStore

/// `manifest.json` of an export package: what is in it, about whom, when, and an Ed25519
/// signature by the deployment's audit key over all of that (Docs/export.md gives the exact
/// signed text, so any Ed25519 library can check it).
public struct ExportManifest: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var name: String
        public var sha256: String
        public var bytes: Int64
    }

    public static let format = "tresor-subject-export/1"
    public static let fileName = "manifest.json"

    public var subjectID: String
    public var purpose: String
    /// ISO 8601, UTC.
    public var createdAt: String
    public var tresorVersion: String
    public var files: [File]
    public var keyID: String
    public var signature: [UInt8]

    /// The exact bytes that are signed: one line each, `\n`-terminated.
    public var signedText: String {
        var lines = ["tresor/export/v1", "subject \(subjectID)", "purpose \(purpose)", "created \(createdAt)", "version \(tresorVersion)"]
        lines += files.map { "file \($0.sha256) \($0.bytes) \($0.name)" }
        return lines.joined(separator: "\n") + "\n"
    }

    mutating func sign(with key: AuditSigningKey) throws {
        keyID = key.id
        signature = try key.privateKey.signature(for: Array(signedText.utf8))
    }

    func json() -> Data {
        JSONWriter.data([
            "format": Self.format, "subject_id": subjectID, "purpose": purpose, "created_at": createdAt, "tresor_version": tresorVersion,
            "files": files.map { ["name": $0.name, "sha256": $0.sha256, "bytes": Int($0.bytes)] as [String: Any] },
            "signature": ["algorithm": "Ed25519", "key_id": keyID, "value": Data(signature).base64EncodedString()],
        ])
    }

    /// Parses `manifest.json`; throws ``ExportVerification/Failure`` naming what is wrong.
    init(json data: Data) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["format"] as? String == Self.format,
              let subjectID = object["subject_id"] as? String, let purpose = object["purpose"] as? String,
              let createdAt = object["created_at"] as? String, let version = object["tresor_version"] as? String,
              let files = object["files"] as? [[String: Any]], let signature = object["signature"] as? [String: Any],
              signature["algorithm"] as? String == "Ed25519", let keyID = signature["key_id"] as? String,
              let value = (signature["value"] as? String).flatMap({ Data(base64Encoded: $0) })
        else { throw ExportVerification.Failure.malformedManifest }
        self.subjectID = subjectID
        self.purpose = purpose
        self.createdAt = createdAt
        tresorVersion = version
        self.keyID = keyID
        self.signature = Array(value)
        self.files = try files.map { file in
            guard let name = file["name"] as? String, let sha256 = file["sha256"] as? String, let bytes = file["bytes"] as? Int else {
                throw ExportVerification.Failure.malformedManifest
            }
            return File(name: name, sha256: sha256, bytes: Int64(bytes))
        }
    }

    init(subjectID: String, purpose: String, createdAt: String, tresorVersion: String, files: [File]) {
        self.subjectID = subjectID
        self.purpose = purpose
        self.createdAt = createdAt
        self.tresorVersion = tresorVersion
        self.files = files
        keyID = ""
        signature = []
    }
}
