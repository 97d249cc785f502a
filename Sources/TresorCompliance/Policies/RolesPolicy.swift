import Foundation
import TresorModel
import Yams

/// `policies/roles.yaml`: the roles API keys can have, each a set of permission scopes.
public struct RolesPolicy: Sendable {
    public static let fileName = "roles.yaml"
    public let roles: [String: Role]

    public init(text: String, file: String = fileName) throws {
        let document = try PolicyDocument(text: text, file: file)
        let top = try document.mapping(document.root, field: "")
        try document.rejectUnknownKeys(top, allowed: ["roles"], field: "")
        let rolesMapping = try document.mapping(top["roles"], field: "roles")
        var roles: [String: Role] = [:]
        for (nameNode, body) in rolesMapping {
            let name = try document.string(nameNode, field: "roles")
            let field = "roles.\(name)"
            let mapping = try document.mapping(body, field: field)
            try document.rejectUnknownKeys(mapping, allowed: ["scopes", "purpose", "purposes", "assigned_customers_only", "fields", "rows"], field: field)
            var scopes = Set<Scope>()
            for (index, (text, node)) in try document.strings(mapping["scopes"], field: "\(field).scopes").enumerated() {
                guard let scope = Scope(rawValue: text) else {
                    throw document.error(node, field: "\(field).scopes[\(index)]",
                                         "unknown scope '\(text)'; known scopes: \(Scope.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                scopes.insert(scope)
            }
            var role = Role(name: name, scopes: scopes,
                               defaultPurpose: try document.string(mapping["purpose"], field: "\(field).purpose"),
                               assignedCustomersOnly: try document.bool(mapping["assigned_customers_only"],
                                                                        field: "\(field).assigned_customers_only", default: false),
                               fields: try Self.fieldPolicy(mapping["fields"], field: "\(field).fields", in: document))
            role.rows = try Self.rowFilter(mapping["rows"], field: "\(field).rows", in: document)
            if role.rows != nil, !role.deploymentWideScopes.isEmpty {
                throw document.error(mapping["rows"], field: "\(field).rows", "cannot limit a role that holds "
                                     + role.deploymentWideScopes.map(\.rawValue).joined(separator: ", ") + ", which act on every customer")
            }
            if let purposes = mapping["purposes"] {
                role.allowedPurposes = Set(try document.strings(purposes, field: "\(field).purposes").map(\.0))
            }
            roles[name] = role
        }
        guard !roles.isEmpty else { throw document.error(top["roles"], field: "roles", "must define at least one role") }
        self.roles = roles
    }

    public func role(named name: String) -> Role? { roles[name] }

    /// The shipped `roles.yaml`. A test keeps the built-in text valid, so parsing it cannot fail.
    public static let builtIn: RolesPolicy = {
        do { return try RolesPolicy(text: DefaultPolicies.roles, file: "built-in roles.yaml") } catch {
            preconditionFailure("the built-in roles policy does not parse: \(error)")
        }
    }()
}
