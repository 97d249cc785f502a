import ArgumentParser
import Foundation
import TresorDeployment
import TresorStore

/// `tresor audit public-key`: the key an auditor verifies checkpoints with.
struct AuditPublicKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-key",
        abstract: "Print the audit signing key's public half (PEM). Needs no master key.",
        discussion: """
            Hand this to auditors once, out of band; `tresor audit verify --public-key FILE` then proves \
            the log against it.

            Example:
              tresor audit public-key > tresor-audit.pem
            """
    )

    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let keys = try await Deployment(directory: data.url).accessLogReader().storedPublicKeys()
        guard !keys.isEmpty else { throw CommandFailure("no audit signing key yet; it is created when the store is first opened with the master key") }
        for id in keys.keys.sorted() {
            if keys.count > 1 { print("# \(id)") }
            print(keys[id]!.pemRepresentation, terminator: "")
        }
    }
}
