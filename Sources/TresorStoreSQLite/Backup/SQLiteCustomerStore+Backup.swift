import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// Backups that never bring an erased person back (Docs/erasure.md, Docs/operations.md).
extension SQLiteCustomerStore {
    /// Takes a consistent online snapshot into the new directory `out`: the data file (`VACUUM
    /// INTO`: one read transaction, no free pages, no write-ahead log), its erasure ledger, and,
    /// with `withKeys`, the key store sealed under the master key; then `backup.json` with the
    /// SHA-256 of each. The data is snapshotted before the keys: a customer erased in between is
    /// in the ledger a restore replays.
    public func backup(to out: URL, withKeys: Bool, tresorVersion: String) async throws -> BackupSummary {
        let manager = FileManager.default
        if manager.fileExists(atPath: out.path), !(try manager.contentsOfDirectory(atPath: out.path)).isEmpty {
            throw StoreError.invalidBackup("\(out.path) exists and is not empty; back up into a new directory")
        }
        try manager.createDirectory(at: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let dataFile = out.appendingPathComponent(DatabaseFiles.dataFileName)
        try await DatabaseFiles.snapshot(data, to: dataFile)
        let snapshot = try DatabaseQueue(path: dataFile.path)
        let entries = try await snapshot.read { db in try ErasureLedger.entries(after: 0, in: db) }
        try snapshot.close()
        try ErasureLedgerFile.replace(at: out.appendingPathComponent(ErasureLedgerFile.fileName), with: entries)
        var names = [DatabaseFiles.dataFileName, ErasureLedgerFile.fileName]
        if withKeys {
            let plainKeys = manager.temporaryDirectory.appendingPathComponent("tresor-keys-\(UUID().lowercaseText).sqlite")
            defer { try? manager.removeItem(at: plainKeys) }
            try await keys.snapshot(to: plainKeys)
            var plaintext = Array(try Data(contentsOf: plainKeys))
            defer { plaintext.withUnsafeMutableBytes { SecureBytes.cleanse($0) } }
            try Data(try SealedKeysFile.seal(plaintext, keyring: keys.keyring)).write(to: out.appendingPathComponent(SealedKeysFile.fileName))
            names.append(SealedKeysFile.fileName)
        }
        let files = try names.map { try BackupManifest.describe($0, in: out) }
        let manifest = BackupManifest(createdAt: AccessLogJSON.timestamp(clock() * 1000), tresorVersion: tresorVersion, withKeys: withKeys,
                                      ledgerSequence: entries.last?.sequence ?? 0, files: files)
        try manifest.json().write(to: out.appendingPathComponent(BackupManifest.fileName))
        for name in names + [BackupManifest.fileName] {
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: out.appendingPathComponent(name).path)
        }
        return BackupSummary(directory: out, withKeys: withKeys, ledgerSequence: manifest.ledgerSequence, bytes: files.map(\.bytes).reduce(0, +))
    }

    /// Restores the backup in `backup` into `directory` and replays into it every entry of
    /// `ledger` (the deployment's current `erasure-ledger.jsonl`) that is newer than the backup,
    /// before the store is used. A backup without keys needs the deployment's `keys.sqlite`
    /// already in `directory`. Refuses a directory that holds data, a backup that fails its
    /// manifest, and a ledger that is not a continuation of the backup's.
    public static func restore(backup: URL, into directory: URL, ledger ledgerURL: URL, keyring: MasterKeyring,
                               recording record: AccessRecord) async throws -> RestoreSummary {
        let manager = FileManager.default
        let manifest = try BackupManifest(json: (try? Data(contentsOf: backup.appendingPathComponent(BackupManifest.fileName))) ?? Data())
        try manifest.check(in: backup)
        let dataFile = directory.appendingPathComponent(DatabaseFiles.dataFileName)
        let keysFile = directory.appendingPathComponent(DatabaseFiles.keysFileName)
        guard !manager.fileExists(atPath: dataFile.path) else {
            throw StoreError.invalidBackup("\(directory.path) already holds a data file; restore into a new directory")
        }
        guard manifest.withKeys || manager.fileExists(atPath: keysFile.path) else {
            throw StoreError.invalidBackup("this backup was taken without keys: put the deployment's keys.sqlite into \(directory.path) first, or restore a backup taken with --with-keys")
        }
        let current = try ErasureLedgerFile.readAll(ledgerURL)
        let backupLedger = try ErasureLedgerFile.readAll(backup.appendingPathComponent(ErasureLedgerFile.fileName))
        guard current.count >= backupLedger.count else {
            throw StoreError.invalidBackup("the ledger given has \(current.count) entries, fewer than the backup's \(backupLedger.count): give the deployment's current erasure-ledger.jsonl")
        }
        if let last = backupLedger.last, current[Int(last.sequence) - 1].hash != last.hash {
            throw StoreError.ledgerMismatch(sequence: last.sequence)
        }
        try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try manager.copyItem(at: backup.appendingPathComponent(DatabaseFiles.dataFileName), to: dataFile)
        if manifest.withKeys {
            var plaintext = try SealedKeysFile.open(Array(try Data(contentsOf: backup.appendingPathComponent(SealedKeysFile.fileName))), keyring: keyring)
            defer { plaintext.withUnsafeMutableBytes { SecureBytes.cleanse($0) } }
            try Data(plaintext).write(to: keysFile)
        }
        for file in [dataFile, keysFile] { try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path) }
        try ErasureLedgerFile.replace(at: directory.appendingPathComponent(ErasureLedgerFile.fileName), with: current)
        let store = try await open(directory: directory, keyring: keyring, replaying: current, recording: record)
        defer { try? store.close() }
        let sequence = try await store.data.read { db in try ErasureLedger.head(db).sequence }
        return RestoreSummary(replayed: current.count - backupLedger.count, ledgerSequence: sequence)
    }
}
