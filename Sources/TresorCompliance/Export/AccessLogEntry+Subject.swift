import Foundation
import TresorModel

extension AccessLogEntry {
    /// The entry as a data subject's export shows it: among the subjects only the subject's own
    /// id (a list or bulk operation names other customers too), and the staff who acted named by
    /// the role they acted in, never by login, API key name or teammate id. Background jobs keep
    /// their names; they are Tresor, not people.
    func shown(to subject: UUID) -> AccessLogEntry {
        var shown = self
        shown.record.subjects = [subject]
        let actor = record.actor
        switch actor.kind {
        case .apiKey:
            shown.record.actor = AccessActor(kind: .apiKey, id: "", name: "API key with the role \(actor.role)", role: actor.role)
        case .operator:
            shown.record.actor = AccessActor(kind: .operator, id: "", name: "operator at the command line", role: actor.role)
        case .system:
            shown.record.actor = AccessActor(kind: .system, id: actor.id, name: actor.name, role: actor.role)
        }
        return shown
    }
}
