import ArgumentParser
import Foundation
import TresorCompliance
import TresorCrypto
import TresorModel
import TresorService
import TresorStore

/// A deployment's data directory: its master key and its store.
struct Deployment {
    let directory: URL
    let environment: [String: String]

    var masterKeyPath: String { directory.appendingPathComponent("master.key").path }
    var isInitialised: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("tresor.sqlite").path) }

    init(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.directory = directory
        self.environment = environment
    }

    /// Creates the directory, the master key file (unless the key comes from the environment),
    /// the databases, and a first admin API key, whose secret is returned to be printed once.
    func initialise() async throws -> (secret: String, keyID: String, warnings: [String]) {
        guard !isInitialised else { throw CommandFailure("\(directory.path) is already initialised") }
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

    func keyring() throws -> MasterKeyring {
        try MasterKeyFile.load(environment: environment, defaultPath: masterKeyPath)
    }

    func openStore(checkpoints: AccessLog.CheckpointPolicy = AccessLog.CheckpointPolicy()) async throws -> SQLiteCustomerStore {
        try await SQLiteCustomerStore.open(directory: directory, keyring: keyring(), checkpoints: checkpoints)
    }

    /// Runs `body` with the deployment's service and an operator request naming `command`; a
    /// refusal (a field, a state, a missing record) becomes the command's one-line failure.
    func withService<Value>(command: String, purpose: String? = nil, roles: RolesPolicy = .builtIn,
                            _ body: (TresorService, RequestInfo) async throws -> Value) async throws -> Value {
        let store = try await openExistingStore()
        defer { try? store.close() }
        do {
            return try await body(TresorService(store: store, roles: roles), .operator(command: command, purpose: purpose))
        } catch let error as FieldError {
            throw CommandFailure(error.description)
        } catch let error as ServiceError {
            throw CommandFailure(error.description)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }

    /// Opens the store of an initialised deployment, or says how to initialise one.
    func openExistingStore() async throws -> SQLiteCustomerStore {
        guard isInitialised else { throw CommandFailure("\(directory.path) is not a Tresor data directory; run `tresor init` first") }
        return try await openStore()
    }
}

/// A command failure with a one-line reason, printed by ArgumentParser with exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
