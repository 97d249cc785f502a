import Foundation
import TresorCrypto
import TresorModel
import TresorStore
import TresorStoreSQLite

/// A deployment's storage: where its data lives and where its master key comes from. The one
/// place that chooses a storage backend; everything above it works with ``CustomerStore``.
///
/// Today the backend is SQLite in a data directory (`tresor.sqlite`, `keys.sqlite`,
/// `erasure-ledger.jsonl`). The master key comes from `TRESOR_MASTER_KEY`,
/// `TRESOR_MASTER_KEY_FILE`, or `master.key` in the directory (Docs/crypto.md).
public struct Deployment: Sendable {
    public let directory: URL
    public let environment: [String: String]
    /// The clock every part of the deployment reads.
    public let clock: WallClock

    public var masterKeyPath: String { directory.appendingPathComponent("master.key").path }
    public var isInitialised: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("tresor.sqlite").path) }

    public init(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment, clock: WallClock = .system) {
        self.directory = directory
        self.environment = environment
        self.clock = clock
    }

    /// Creates the directory, the master key file (unless the key comes from the environment),
    /// the databases, and a first admin API key, whose secret is returned to be shown once.
    public func initialise() async throws -> (secret: String, keyID: String, warnings: [String]) {
        guard !isInitialised else { throw DeploymentError("\(directory.path) is already initialised") }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var warnings: [String] = []
        if MasterKeyFile.usesDefaultFile(environment: environment) {
            if !FileManager.default.fileExists(atPath: masterKeyPath) {
                try MasterKeyFile.save(try MasterKeyring.generate(), to: masterKeyPath)
            }
            warnings.append("""
                The master key was written to \(masterKeyPath) (mode 0600), next to the data it protects: \
                anyone who copies the whole directory can read everything. For production, supply the key \
                from outside with TRESOR_MASTER_KEY (e.g. from a secret manager) or TRESOR_MASTER_KEY_FILE \
                on another volume, and remove this file.
                """)
        }
        let store = try await openStore()
        defer { try? store.close() }
        let (record, secret) = try await store.apiKeys.create(name: "initial admin", roleName: "admin", reach: .all)
        return (secret, record.id, warnings)
    }

    /// The master keyring, from the environment or the directory's `master.key`.
    public func keyring() throws -> MasterKeyring {
        try MasterKeyFile.load(environment: environment, defaultPath: masterKeyPath)
    }

    /// Opens (creating if needed) the store, finishing whatever a crash interrupted.
    public func openStore(checkpoints: AccessLogCheckpointPolicy = AccessLogCheckpointPolicy(), keyring: MasterKeyring? = nil) async throws -> any CustomerStore {
        try await openSQLiteStore(checkpoints: checkpoints, keyring: keyring)
    }

    private func openSQLiteStore(checkpoints: AccessLogCheckpointPolicy = AccessLogCheckpointPolicy(), keyring: MasterKeyring? = nil) async throws -> SQLiteCustomerStore {
        let clock = self.clock
        return try await SQLiteCustomerStore.open(directory: directory, keyring: keyring ?? self.keyring(), clock: { clock.seconds },
                                                  checkpoints: checkpoints, logClock: { clock.milliseconds })
    }

    /// Opens the store of an initialised deployment, or says how to initialise one.
    public func openExistingStore(checkpoints: AccessLogCheckpointPolicy = AccessLogCheckpointPolicy()) async throws -> any CustomerStore {
        guard isInitialised else { throw DeploymentError("\(directory.path) is not a Tresor data directory; run `tresor init` first") }
        return try await openStore(checkpoints: checkpoints)
    }

    /// The access log for reading only: needs no master key (what an auditor runs).
    public func accessLogReader() throws -> any AccessLogReader {
        try SQLiteAccessLogReader.open(directory: directory)
    }

    // MARK: Backups

    /// Takes a consistent online backup into the new directory `out` (Docs/operations.md).
    public func backup(to out: URL, withKeys: Bool, tresorVersion: String) async throws -> BackupSummary {
        guard isInitialised else { throw DeploymentError("\(directory.path) is not a Tresor data directory; run `tresor init` first") }
        let store = try await openSQLiteStore()
        defer { try? store.close() }
        return try await store.backup(to: out, withKeys: withKeys, tresorVersion: tresorVersion)
    }

    /// Restores `backup` into this (new, empty) deployment and replays every erasure of `ledger`
    /// made since it was taken, logging the replay with `record`.
    public func restore(backup: URL, ledger: URL, recording record: AccessRecord) async throws -> RestoreSummary {
        try await SQLiteCustomerStore.restore(backup: backup, into: directory, ledger: ledger, keyring: keyring(), recording: record)
    }

    // MARK: Scratch stores for `tresor bench`

    /// A store in a scratch directory, with its own keyring: what `tresor bench` measures.
    /// Without `recordingAccess` its writes skip their access-log entry: the baseline the log's
    /// cost is measured against, never a way to open real data.
    public static func scratchStore(in directory: URL, keyring: MasterKeyring, recordingAccess: Bool = true) async throws -> any CustomerStore {
        recordingAccess ? try await SQLiteCustomerStore.open(directory: directory, keyring: keyring)
                        : try await SQLiteCustomerStore.openUnloggedForBenchmark(directory: directory, keyring: keyring)
    }

    /// The floors under a scratch store's reads: its SELECTs through prepared statements on one
    /// connection and one thread (point reads and look-ups per second), and the same point reads
    /// with every sealed field opened under keys unwrapped beforehand.
    public static func scratchReadFloor(in directory: URL, keyring: MasterKeyring, ids: [UUID], seconds: Double) throws
        -> (pointReads: Double, emailLookups: Double, pointReadsOpeningFields: Double) {
        let floor = SQLiteReadFloor(directory: directory)
        return (try floor.pointReads(ids: ids, seconds: seconds), try floor.emailLookups(sampleSize: ids.count, seconds: seconds),
                try floor.pointReadsOpeningFields(ids: ids, keyring: keyring, seconds: seconds))
    }

    /// The same backend's schema and statements without any cryptography, in a scratch directory.
    public static func scratchBaseline(in directory: URL) throws -> any StoreBaseline {
        try UnencryptedBaseline(directory: directory)
    }
}

/// A deployment that cannot be opened as asked, with a one-line reason.
public struct DeploymentError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
