import Foundation
import TresorCrypto
import TresorModel

/// `backup.json`: what a backup holds, when it was taken, up to which erasure-ledger entry, and
/// the SHA-256 of every file, so a restore refuses a backup that is incomplete or altered.
package struct BackupManifest: Sendable, Equatable {
    package static let fileName = "backup.json"
    package static let format = "tresor-backup/1"

    package struct File: Sendable, Equatable {
        package var name: String
        package var sha256: String
        package var bytes: Int

        package init(name: String, sha256: String, bytes: Int) {
            self.name = name
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    /// ISO 8601, UTC.
    package var createdAt: String
    package var tresorVersion: String
    package var withKeys: Bool
    /// The last erasure-ledger entry the data file had applied.
    package var ledgerSequence: Int64
    package var files: [File]

    package init(createdAt: String, tresorVersion: String, withKeys: Bool, ledgerSequence: Int64, files: [File]) {
        self.createdAt = createdAt
        self.tresorVersion = tresorVersion
        self.withKeys = withKeys
        self.ledgerSequence = ledgerSequence
        self.files = files
    }

    package func json() -> Data {
        JSONWriter.data([
            "format": Self.format, "created_at": createdAt, "tresor_version": tresorVersion, "with_keys": withKeys,
            "ledger_sequence": Int(ledgerSequence),
            "files": files.map { ["name": $0.name, "sha256": $0.sha256, "bytes": $0.bytes] as [String: Any] },
        ])
    }

}

extension BackupManifest {
    package init(json data: Data) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["format"] as? String == Self.format,
              let createdAt = object["created_at"] as? String, let version = object["tresor_version"] as? String,
              let withKeys = object["with_keys"] as? Bool, let sequence = (object["ledger_sequence"] as? NSNumber)?.int64Value,
              let files = object["files"] as? [[String: Any]]
        else { throw StoreError.invalidBackup("\(Self.fileName) is missing or not a Tresor backup manifest") }
        self.createdAt = createdAt
        tresorVersion = version
        self.withKeys = withKeys
        ledgerSequence = sequence
        self.files = try files.map { file in
            guard let name = file["name"] as? String, let sha256 = file["sha256"] as? String, let bytes = file["bytes"] as? Int,
                  !name.contains("/"), !name.hasPrefix(".") else { throw StoreError.invalidBackup("\(Self.fileName) lists a malformed file") }
            return File(name: name, sha256: sha256, bytes: bytes)
        }
    }

    /// The manifest's entry for a file just written in `directory`.
    package static func describe(_ name: String, in directory: URL) throws -> File {
        try digest(of: name, in: directory)
    }

    /// Checks every listed file against its size and hash; throws naming the first that differs.
    package func check(in directory: URL) throws {
        for file in files {
            guard let found = try? Self.digest(of: file.name, in: directory) else {
                throw StoreError.invalidBackup("\(file.name) is missing")
            }
            guard found == file else {
                throw StoreError.invalidBackup("\(file.name) does not match its SHA-256 in \(Self.fileName)")
            }
        }
    }

    /// Size and SHA-256 of a file, read in 1 MiB pieces: a data file can be far larger than memory.
    private static func digest(of name: String, in directory: URL) throws -> File {
        let handle = try FileHandle(forReadingFrom: directory.appendingPathComponent(name))
        defer { try? handle.close() }
        let hasher = try SHA256Stream()
        var bytes = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try hasher.update(chunk)
            bytes += chunk.count
        }
        return File(name: name, sha256: try hasher.finalize().hexString, bytes: bytes)
    }
}
