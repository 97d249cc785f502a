import ArgumentParser
import Foundation
import TresorCompliance
import TresorModel
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
                """
        )

        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var policies: PolicyOptions
        @Option(help: "Role from roles.yaml.") var role: String
        @Option(help: "A name to tell the key apart (not secret).") var name: String?
        @Option(help: "Narrow the key to these customers (comma-separated ids).") var customers: String?
        @Option(name: .customLong("assigned-to"), help: "Narrow the key to customers assigned to this teammate.") var assignedTo: String?

        func run() async throws {
            let policySet = try PolicySet.load(directory: PolicySet.directory(option: policies.directory, environment: ProcessInfo.processInfo.environment))
            guard let roleDefinition = policySet.roles.role(named: role) else {
                throw ValidationError("--role must be one of \(policySet.roles.roles.keys.sorted().joined(separator: ", "))")
            }
            let reach = try reachOption(role: roleDefinition)
            do {
                try roleDefinition.checkNarrowing(reach)
            } catch {
                throw ValidationError(error.description)
            }
            let store = try await Deployment(directory: data.url).openExistingStore()
            defer { try? store.close() }
            let (record, secret) = try await store.apiKeys.create(name: name ?? role, roleName: role, reach: reach)
            print("Created \(record.id) (role \(role)). Its secret, shown only now:")
            print("  \(secret)")
        }

        private func reachOption(role: Role) throws -> CustomerReach {
            if customers != nil && assignedTo != nil { throw ValidationError("use either --customers or --assigned-to, not both") }
            if let customers {
                var ids = Set<String>()
                for text in customers.split(separator: ",") {
                    guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                        throw ValidationError("--customers: '\(text)' is not a customer id (UUID)")
                    }
                    ids.insert(id.uuidString.lowercased())
                }
                return .customers(ids)
            }
            if let assignedTo {
                guard let id = UUID(uuidString: assignedTo) else { throw ValidationError("--assigned-to must be a teammate id (UUID)") }
                return .assignedTo(teammateID: id.uuidString.lowercased())
            }
            if role.assignedCustomersOnly {
                throw ValidationError("role \(role.name) sees only assigned customers: give --assigned-to TEAMMATE_ID (or --customers)")
            }
            return .all
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
                                                 "state": state, "created_at": key.createdAt]
                    print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self))
                } else {
                    print("\(key.id)\t\(key.visiblePrefix)…\t\(key.roleName)\t\(state)\t\(key.name)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key; requests with it are refused from now on.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The key id (key_…).") var id: String

        func run() async throws {
            let store = try await Deployment(directory: data.url).openExistingStore()
            defer { try? store.close() }
            try await store.apiKeys.revoke(id: id)
            print("Revoked \(id)")
        }
    }
}
