import ArgumentParser
import Foundation
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorHTTP
import TresorModel
import TresorStore

/// `tresor audit verify`: walks the chain and the checkpoints with public keys only.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the access log's hash chain and signed checkpoints (no master key needed).",
        discussion: """
            Exit code 0 when the log verifies, 1 when it does not: the first bad entry is named with the \
            reason (changed, missing, reordered, bad_signature, checkpoint_mismatch, index_mismatch). \
            Entries after the last checkpoint are reported as not yet covered.

            Without --public-key, the public keys stored in the database are trusted, which proves only \
            that the log is consistent: an auditor should bring the key printed by `tresor audit public-key`.

            Examples:
              tresor audit verify --public-key tresor-audit.pem
              tresor audit verify --data-dir /srv/tresor --public-key old.pem --public-key new.pem --json
            """
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(name: .customLong("public-key"), help: "A trusted Ed25519 public key (PEM); repeat for several.")
    var publicKeys: [String] = []
    @Flag(help: "Print the result as one JSON object.") var json = false

    func run() async throws {
        let reader = try Deployment(directory: data.url).accessLogReader()
        var keys: [Ed25519PublicKey] = []
        for path in publicKeys {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw CommandFailure("--public-key \(path) cannot be read") }
            do { keys.append(try Ed25519PublicKey(pemRepresentation: text)) } catch { throw CommandFailure("--public-key \(path): \(error)") }
        }
        let trustsDatabase = keys.isEmpty
        if trustsDatabase { keys = Array(try await reader.storedPublicKeys().values) }
        let result = try AccessLogVerifier(trustedKeys: keys).verify(reader)
        if json {
            print(String(decoding: JSONWriter.data(Self.json(result, trustsDatabase: trustsDatabase)), as: UTF8.self))
        } else {
            for line in Self.lines(result, trustsDatabase: trustsDatabase) { print(line) }
        }
        if !result.isValid { throw ExitCode.failure }
    }

    static func lines(_ result: AccessLogVerification, trustsDatabase: Bool) -> [String] {
        var lines: [String] = []
        if let failure = result.failure {
            lines.append("FAILED: \(failure)")
            lines.append("\(result.entries) entries verified before the failure.")
            return lines
        }
        let range = result.firstSequence.map { " (\($0) to \(result.lastSequence ?? $0))" } ?? ""
        lines.append("OK: \(result.entries) entries\(range), \(result.checkpointsVerified) checkpoints verified.")
        if let checkpoint = result.lastCheckpoint {
            lines.append("Last checkpoint: entry \(checkpoint.sequence) at \(AccessLogJSON.timestamp(checkpoint.time)), signed by \(checkpoint.keyID).")
        }
        if let anchor = result.anchor {
            lines.append("Entries up to \(anchor.sequence) were pruned; the rest chain from the signed checkpoint at \(anchor.sequence).")
        }
        if result.uncoveredEntries > 0 {
            lines.append("\(result.uncoveredEntries) entries after the last checkpoint are not yet covered by a signature.")
        }
        if trustsDatabase {
            lines.append("note: no --public-key given; the keys stored in the database were trusted.")
        }
        return lines
    }

    static func json(_ result: AccessLogVerification, trustsDatabase: Bool) -> [String: Any] {
        var object: [String: Any] = [
            "ok": result.isValid, "entries": result.entries, "checkpoints_verified": result.checkpointsVerified,
            "uncovered_entries": result.uncoveredEntries, "trusted_database_keys": trustsDatabase,
        ]
        if let first = result.firstSequence { object["first_sequence"] = Int(first) }
        if let last = result.lastSequence { object["last_sequence"] = Int(last) }
        if let checkpoint = result.lastCheckpoint {
            object["last_checkpoint"] = ["sequence": Int(checkpoint.sequence), "time": AccessLogJSON.timestamp(checkpoint.time), "key_id": checkpoint.keyID]
        }
        if let anchor = result.anchor { object["pruned_through"] = Int(anchor.sequence) }
        if let failure = result.failure {
            var detail: [String: Any] = ["kind": failure.kind.rawValue, "reason": failure.reason]
            detail["sequence"] = failure.sequence.map { Int($0) } ?? NSNull()
            object["failure"] = detail
        }
        return object
    }
}
