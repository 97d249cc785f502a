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
            --data-dir are trusted; where there is no deployment (an auditor with only the ZIP), the \
            key the package carries is used: that proves the package is intact, and that the \
            controller made it only if the printed fingerprint matches the one the controller \
            publishes.

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
        let package = URL(fileURLWithPath: file)
        var embedded: Ed25519PublicKey?
        do {
            if keys.isEmpty {
                let deployment = Deployment(directory: data.url)
                if deployment.isInitialised {
                    keys = try await deployment.accessLogReader().storedPublicKeys()
                } else if let key = try ExportVerification.embeddedKey(package) {
                    keys[try AuditSigningKey.identifier(of: key)] = key
                    embedded = key
                } else {
                    throw CommandFailure("\(data.url.path) is not a Tresor data directory and \(file) carries no signing key; give the controller's key with --public-key")
                }
            }
            let manifest = try ExportVerification.verify(package, trustedKeys: keys)
            print("OK: \(file) is the complete, unchanged export of subject \(manifest.subjectID) made \(manifest.createdAt) (\(manifest.purpose)), signed by \(manifest.keyID)")
            if let key = keys[manifest.keyID] { print("Key fingerprint (SHA-256): \(try PackageVerificationGuide.fingerprint(of: key))") }
            if embedded != nil {
                print("Checked with the key inside the package: this proves it is intact, not who made it. It comes from the controller only if the fingerprint above matches the one the controller publishes (VERIFY.txt says where to ask).")
            }
        } catch let failure as ExportVerification.Failure {
            print("FAILED: \(failure)")
            throw ExitCode.failure
        }
    }
}
