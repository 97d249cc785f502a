import ArgumentParser
import Foundation
import TresorCrypto
import TresorDeployment
import TresorStore

extension KeysCommand {
    /// `tresor keys rotate-master`: a new master-key version, and every data key re-wrapped under it.
    struct RotateMaster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-master",
            abstract: "Add a new master-key version and re-wrap every data key under it (data is not re-encrypted).",
            discussion: """
                The new keyring (all versions, newest current) is written first: to the key file in use \
                (TRESOR_MASTER_KEY_FILE or DATA_DIR/master.key), or, when the key comes from \
                TRESOR_MASTER_KEY, to --out, from where you move it into your secret manager. Then every \
                wrapped data key is re-wrapped; running the command again after an interruption finishes \
                the re-wrap. Restart the server with the new keyring afterwards. Docs/crypto.md, "Rotation".

                Examples:
                  tresor keys rotate-master
                  TRESOR_MASTER_KEY=... tresor keys rotate-master --out /run/secrets/new-keyring
                """)
        @OptionGroup var data: DataDirectoryOptions
        @Option(help: "Where to write the new keyring (required when the key comes from TRESOR_MASTER_KEY).") var out: String?
        @Flag(name: .customLong("rewrap-only"), help: "Only re-wrap under the current version (finish an interrupted rotation).") var rewrapOnly = false

        func run() async throws {
            let deployment = Deployment(directory: data.url)
            guard deployment.isInitialised else { throw CommandFailure("\(deployment.directory.path) is not a Tresor data directory") }
            let environment = deployment.environment
            let current = try deployment.keyring()
            var keyring = current
            if !rewrapOnly {
                let target: String
                if let out {
                    target = out
                } else if let file = environment[MasterKeyFile.fileVariable], !file.isEmpty, (environment[MasterKeyFile.keyVariable] ?? "").isEmpty {
                    target = file
                } else if MasterKeyFile.usesDefaultFile(environment: environment) {
                    target = deployment.masterKeyPath
                } else {
                    throw ValidationError("the master key comes from TRESOR_MASTER_KEY: give --out FILE for the new keyring")
                }
                keyring = try current.addingNewVersion()
                try MasterKeyFile.save(keyring, to: target)
                print("Master key version \(keyring.currentVersion) added; the keyring is in \(target).")
            }
            let store = try await deployment.openStore(keyring: keyring)
            defer { try? store.close() }
            let changed = try await store.rewrapDataKeys()
            print("Re-wrapped \(changed) data keys under master-key version \(keyring.currentVersion).")
        }
    }
}
