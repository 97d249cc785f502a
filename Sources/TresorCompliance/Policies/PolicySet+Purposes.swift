import TresorModel

/// A purpose the access log can name that `processing.yaml` does not declare.
public struct UndeclaredPurpose: Sendable, Equatable, CustomStringConvertible {
    public let purpose: String
    /// Who records it: "Tresor" (its own work) or "role NAME of roles.yaml".
    public let usedBy: String

    public var description: String { "purpose '\(purpose)', recorded by \(usedBy), is not declared in processing.yaml" }
}

extension PolicySet {
    /// The purposes Tresor's own work (``SystemPurpose``) and the roles record that
    /// `processing.yaml` does not declare: a subject's statement could not explain them.
    public var undeclaredPurposes: [UndeclaredPurpose] {
        let declared = Set(processing.purposes.map(\.id))
        var missing: [UndeclaredPurpose] = []
        for purpose in SystemPurpose.allCases where !declared.contains(purpose.rawValue) {
            missing.append(UndeclaredPurpose(purpose: purpose.rawValue, usedBy: "Tresor"))
        }
        for name in roles.roles.keys.sorted() {
            guard let role = roles.roles[name] else { continue }
            for purpose in [role.defaultPurpose] + (role.allowedPurposes ?? []).sorted() where !declared.contains(purpose) {
                missing.append(UndeclaredPurpose(purpose: purpose, usedBy: "role \(name) of roles.yaml"))
            }
        }
        return missing
    }

    /// Throws naming the first undeclared purpose (`tresor policy check`).
    public func checkPurposesDeclared() throws {
        guard let first = undeclaredPurposes.first else { return }
        throw PolicyError(file: ProcessingPolicy.fileName, line: nil, field: "purposes",
                          reason: "\(first.description); add it with its legal basis, categories and retention")
    }
}
