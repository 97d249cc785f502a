import ArgumentParser
import Foundation
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorStore

/// `tresor export verify FILE.zip`.
struct ExportVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an export package: every file's SHA-256 against the signed manifest.",
        discussion: """
            Exit code 0 when the package verifies, 1 when it does not, naming the file that was \
            changed, added or removed. Without --public-key, the audit keys of the deployment in \
            --data-dir are trusted.

            Examples:
              tresor export verify anna.zip
              tresor export verify anna.zip --public-key tresor-audit.pem
            """
    )

    @Argument(help: "The package (.zip).") var file: String
    @OptionGroup var data: DataDirectoryOptions
    @Option(name: .customLong("public-key"), help: "A trusted Ed25519 public key (PEM); repeat for several.")
    var publicKeys: [String] = []

    func run() async throws {
        var keys: [String: Ed25519PublicKey] = [:]
        for path in publicKeys {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CommandFailure("--public-key \(path) cannot be read") }
            do {
                let key = try Ed25519PublicKey(pemRepresentation: text)
                keys[try AuditSigningKey.identifier(of: key)] = key
            } catch {
                throw CommandFailure("--public-key \(path): \(error)")
            }
        }
        if keys.isEmpty { keys = try await Deployment(directory: data.url).accessLogReader().storedPublicKeys() }
        do {
            let manifest = try ExportVerification.verify(URL(fileURLWithPath: file), trustedKeys: keys)
            print("OK: \(file) is the complete, unchanged export of subject \(manifest.subjectID) made \(manifest.createdAt) (\(manifest.purpose)), signed by \(manifest.keyID)")
        } catch let failure as ExportVerification.Failure {
            print("FAILED: \(failure)")
            throw ExitCode.failure
        }
    }
}
