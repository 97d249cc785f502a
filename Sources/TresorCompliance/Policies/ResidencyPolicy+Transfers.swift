import TresorModel

extension ResidencyPolicy {
    /// Whether personal data may go to a recipient in `country`, and on what ground (GDPR Art. 44 ff.).
    public enum TransferDecision: Sendable, Equatable {
        /// The recipient is in the EU/EEA: no transfer to a third country.
        case withinEEA
        /// The country has an EU adequacy decision (Art. 45), as listed in the policy.
        case adequacy
        /// The policy records this legal basis for the country (Art. 46, e.g. standard contractual clauses).
        case recordedBasis(String)
        /// None of the above: the data may not go there.
        case refused
    }

    public func transferDecision(to country: CountryCode) -> TransferDecision {
        if country.isEEAMember { return .withinEEA }
        if adequacyCountries.contains(country) { return .adequacy }
        if let basis = transferBases.first(where: { $0.country == country }) { return .recordedBasis(basis.basis) }
        return .refused
    }

    /// The policy file's name, for messages that tell the operator where to record a basis.
    public var sourceFile: String { file }
}

extension ResidencyPolicy {
    /// The shipped `residency.yaml`, for tests and tools that run without a policies directory.
    /// A test keeps the built-in text valid, so parsing it cannot fail.
    public static let builtIn: ResidencyPolicy = {
        do { return try ResidencyPolicy(text: DefaultPolicies.residency, file: "built-in residency.yaml") } catch {
            preconditionFailure("the built-in residency policy does not parse: \(error)")
        }
    }()
}
