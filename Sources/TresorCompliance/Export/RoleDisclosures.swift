import TresorModel

/// Which customer fields each role of our own staff and systems saw of one subject, and how much
/// of each: gathered from the subject's access-log entries (`phone` plain, `phone:masked`) for the
/// statement's account of who saw what (Art. 15(1)(c)). Withheld fields were not seen and are
/// left out; a field seen plain once counts as seen plain.
struct RoleDisclosures {
    /// Role → field → whether it was ever seen plain (else only masked).
    private(set) var byRole: [String: [String: Bool]] = [:]

    mutating func record(_ record: AccessRecord) {
        guard record.outcome == .ok, !record.actor.role.isEmpty else { return }
        for entry in record.fields {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            guard let name = parts.first, CustomerField(apiName: name) != nil else { continue }
            let suffix = parts.count > 1 ? parts[1] : nil
            guard suffix != "withheld" else { continue }
            byRole[record.actor.role, default: [:]][name] = (byRole[record.actor.role]?[name] ?? false) || suffix == nil
        }
    }

    /// One row per role: its name for people and the fields it saw, masked ones with their mask.
    func rows(_ wording: StatementWording) -> [[String: Any]] {
        byRole.keys.sorted().map { role in
            let fields = byRole[role]!.keys.sorted().map { name -> String in
                guard byRole[role]![name] == false, let mask = CustomerField(apiName: name)?.mask else { return wording.field(name) }
                return "\(wording.field(name)) (\(wording.mask(mask)))"
            }
            return ["role": role.replacingOccurrences(of: "-", with: " "), "fields": fields.joined(separator: ", ")]
        }
    }
}
