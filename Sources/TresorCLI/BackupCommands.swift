import ArgumentParser
import Foundation
import TresorModel
import TresorDeployment
import TresorService
import TresorStore

/// `tresor backup`: a consistent online snapshot of a deployment, beside a running server.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Take a consistent online snapshot of the customer data (and, with --with-keys, the sealed key store).",
        discussion: """
            Writes into a new directory: tresor.sqlite (ciphertext only), erasure-ledger.jsonl, \
            backup.json (SHA-256 of every file) and, with --with-keys, keys.sqlite.sealed (the key \
            store sealed under the master key). Keep backups with keys no longer than the erasure \
            deadline (one month): an erased customer's key lives on in them (Docs/operations.md).

            Examples:
              tresor backup --out /backups/tresor-2026-11-30
              tresor backup --out /backups/tresor-keys-2026-11-30 --with-keys
            """)
    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "The new directory to write the backup into.") var out: String
    @Flag(name: .customLong("with-keys"), help: "Include the key store, sealed under the master key.") var withKeys = false

    func run() async throws {
        let summary = try await Deployment(directory: data.url).backup(to: URL(fileURLWithPath: out), withKeys: withKeys, tresorVersion: TresorVersion.current)
        print("Backed up to \(summary.directory.path): \(summary.bytes) bytes, \(summary.withKeys ? "with" : "without") keys, "
              + "erasure ledger at entry \(summary.ledgerSequence).")
    }
}

/// `tresor restore`: a backup into a new data directory, with the erasure ledger replayed.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new data directory, replaying every erasure made since it was taken.",
        discussion: """
            The erasure ledger replayed is the deployment's current erasure-ledger.jsonl (from the \
            live data directory or its off-host copy): put it into DIR before restoring, or name it \
            with --ledger. Every erasure it records after the backup is made again before the store \
            opens, so no erased customer comes back; without a ledger the restore refuses. A data \
            directory whose data file lags its ledger refuses to open until restored this way. The \
            master key comes from TRESOR_MASTER_KEY, TRESOR_MASTER_KEY_FILE or DIR/master.key, as \
            for every command.

            Examples:
              cp ./tresor-data/erasure-ledger.jsonl ./tresor-restored/
              tresor restore /backups/tresor-2026-11-30 --data-dir ./tresor-restored
              tresor restore /backups/tresor-2026-11-30 --data-dir ./tresor-restored --ledger /ledger-copies/erasure-ledger.jsonl
            """)
    @Argument(help: "The backup directory.") var backup: String
    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "The deployment's current erasure-ledger.jsonl (default: the one in --data-dir).") var ledger: String?

    func run() async throws {
        let deployment = Deployment(directory: data.url)
        let placed = deployment.directory.appendingPathComponent("erasure-ledger.jsonl")
        let ledgerURL = ledger.map { URL(fileURLWithPath: $0) } ?? placed
        guard FileManager.default.fileExists(atPath: ledgerURL.path) else {
            throw CommandFailure("""
                no erasure ledger at \(ledgerURL.path): put the deployment's current erasure-ledger.jsonl there or name it with --ledger FILE \
                (a restore without it would bring back everyone erased since the backup)
                """)
        }
        do {
            let summary = try await deployment.restore(
                backup: URL(fileURLWithPath: backup), ledger: ledgerURL,
                recording: RequestInfo.operator(command: "restore", purpose: SystemPurpose.erasureRequest.rawValue).accessRecord(action: "erasure.replay"))
            print("Restored into \(deployment.directory.path): \(summary.replayed) erasure(s) replayed from the ledger, now at entry \(summary.ledgerSequence).")
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}
