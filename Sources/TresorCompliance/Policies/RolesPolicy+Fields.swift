import TresorModel
import Yams

extension RolesPolicy {
    /// A role's `fields:` mapping: each customer field (``CustomerField``) to `plain`, `masked`,
    /// `redacted` or `hidden`, or to `{show: …, purpose_required: true}` for a field the role sees
    /// only when a request states its purpose. Either every field is named or `default:` gives the
    /// rest, so a field added to the customer can never fall through unnoticed. `masked` only for
    /// fields that have a mask. No `fields:` at all means every field plain.
    static func fieldPolicy(_ node: Node?, field: String, in document: PolicyDocument) throws -> FieldPolicy {
        guard let node else { return .plain }
        let mapping = try document.mapping(node, field: field)
        var disclosures: [CustomerField: Disclosure] = [:]
        var purposeRequired: Set<CustomerField> = []
        var fallback: Disclosure?
        for (keyNode, entryNode) in mapping {
            let name = try document.string(keyNode, field: field)
            let path = "\(field).\(name)"
            var valueNode = entryNode
            var needsPurpose = false
            if let entry = entryNode.mapping {
                try document.rejectUnknownKeys(entry, allowed: ["show", "purpose_required"], field: path)
                guard let show = entry["show"] else { throw document.error(entryNode, field: "\(path).show", "is required: plain, masked, redacted or hidden") }
                valueNode = show
                needsPurpose = try document.bool(entry["purpose_required"], field: "\(path).purpose_required", default: false)
            }
            let text = try document.string(valueNode, field: path)
            guard let disclosure = Disclosure(rawValue: text) else {
                throw document.error(valueNode, field: path, "must be one of \(Disclosure.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if name == "default" {
                guard disclosure != .masked else {
                    throw document.error(valueNode, field: path, "cannot be masked: masks are per field; name the fields to mask")
                }
                fallback = disclosure
                continue
            }
            guard let customerField = CustomerField(rawValue: name) else {
                throw document.error(keyNode, field: path, "unknown field; the customer fields are default, "
                                     + CustomerField.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if disclosure == .masked && customerField.mask == nil {
                throw document.error(valueNode, field: path, "\(name) has no mask; choose plain, redacted or hidden")
            }
            disclosures[customerField] = disclosure
            if needsPurpose { purposeRequired.insert(customerField) }
        }
        let missing = CustomerField.allCases.filter { disclosures[$0] == nil }
        if let fallback {
            for field in missing { disclosures[field] = fallback }
        } else if !missing.isEmpty {
            throw document.error(node, field: field, "names no policy for \(missing.map(\.rawValue).joined(separator: ", ")): "
                                 + "name every field, or give default: plain, redacted or hidden")
        }
        return FieldPolicy(disclosures, purposeRequired: purposeRequired)
    }
}
