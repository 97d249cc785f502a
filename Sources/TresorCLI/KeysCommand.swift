import ArgumentParser
import Foundation
import TresorCompliance
import TresorDeployment
import TresorModel
import TresorService
import TresorStore

/// `tresor keys`: API keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys; rotate the master key.",
        subcommands: [Create.self, List.self, Revoke.self, RotateMaster.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key; its secret is printed once.",
            discussion: """
                Examples:
                  tresor keys create --role integration --name "Shop backend"
                  tresor keys create --role support-agent --assigned-to 7d0c4c52-1b2f-4f0e-9a51-0d7a5f3f1e22
                  tresor keys create --role marketing --customers ID1,ID2
                  tresor keys create --role integration --name "Old Tamio sync" --compat tamio

                --compat tamio gives the key Tamio's answers, for integrations
                moving from Tamio: errors as HTTP 400 with {status, error,
                error_code}, and bulk requests that name an unknown id refused
                whole (400, error_code 1002). See Docs/api.md.
                """
        )

        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var policies: PolicyOptions
        @Option(help: "Role from roles.yaml.") var role: String
        @Option(help: "A name to tell the key apart (not secret).") var name: String?
        @Option(help: "Narrow the key to these customers (comma-separated ids).") var customers: String?
        @Option(name: .customLong("assigned-to"), help: "Narrow the key to customers assigned to this teammate.") var assignedTo: String?
        @Option(name: .customLong("compat"), help: "How the key's answers are shaped: standard (Tresor's) or tamio (Tamio's errors and bulk answers).")
        var compatibility: APICompatibility = .standard

        func run() async throws {
            let policySet = try PolicySet.load(directory: PolicySet.directory(option: policies.directory, environment: ProcessInfo.processInfo.environment))
            guard let roleDefinition = policySet.roles.role(named: role) else {
                throw ValidationError("--role must be one of \(policySet.roles.roles.keys.sorted().joined(separator: ", "))")
            }
            if roleDefinition.assignedCustomersOnly && customers == nil && assignedTo == nil {
                throw ValidationError("role \(role) sees only assigned customers: give --assigned-to TEAMMATE_ID (or --customers)")
            }
            var draft = APIKeyDraft(name: name, role: role, customers: try customerIDs(), assignedTo: try teammateID())
            draft.compatibility = compatibility
            // Through the service, so that the key's creation is in the access log like any other change.
            let (record, secret) = try await Deployment(directory: data.url).withService(command: "keys create", roles: policySet.roles) {
                service, request in try await service.createAPIKey(draft, request: request)
            }
            let mode = compatibility == .standard ? "" : ", Tamio compatibility mode"
            print("Created \(record.id) (role \(role)\(mode)). Its secret, shown only now:")
            print("  \(secret)")
        }

        private func customerIDs() throws -> [UUID]? {
            if customers != nil && assignedTo != nil { throw ValidationError("use either --customers or --assigned-to, not both") }
            guard let customers else { return nil }
            return try customers.split(separator: ",").map { text in
                guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--customers: '\(text)' is not a customer id (UUID)")
                }
                return id
            }
        }

        private func teammateID() throws -> UUID? {
            guard let assignedTo else { return nil }
            guard let id = UUID(uuidString: assignedTo) else { throw ValidationError("--assigned-to must be a teammate id (UUID)") }
            return id
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (never their secrets).")
        @OptionGroup var data: DataDirectoryOptions
        @Flag(help: "Print JSON lines.") var json = false

        func run() async throws {
            let store = try await Deployment(directory: data.url).openExistingStore()
            defer { try? store.close() }
            for key in try await store.apiKeys.list() {
                let state = key.revokedAt == nil ? "active" : "revoked"
                if json {
                    let object: [String: Any] = ["id": key.id, "prefix": key.visiblePrefix, "name": key.name, "role": key.roleName,
                                                 "state": state, "compat": key.compatibility.rawValue, "created_at": key.createdAt]
                    print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self))
                } else {
                    let mode = key.compatibility == .standard ? "" : "\t(\(key.compatibility.rawValue))"
                    print("\(key.id)\t\(key.visiblePrefix)…\t\(key.roleName)\t\(state)\t\(key.name)\(mode)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key; requests with it are refused from now on.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The key id (key_…).") var id: String

        func run() async throws {
            _ = try await Deployment(directory: data.url).withService(command: "keys revoke") { service, request in
                try await service.revokeAPIKey(id: id, request: request)
            }
            print("Revoked \(id)")
        }
    }
}

extension APICompatibility: ExpressibleByArgument {}
