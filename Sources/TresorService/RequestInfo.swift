import Foundation
import TresorModel

/// Who asks, and why: passed to every operation.
public struct RequestInfo: Sendable {
    public var principal: Principal
    /// The caller as the access log names them.
    public var actor: AccessActor
    /// Echoed in the `request-id` header and recorded with the access.
    public var requestID: String
    /// The purpose the caller gave (`tresor-purpose` header), else the role's default.
    public var purpose: String
    /// Whether the caller stated the purpose (rather than falling back on its role's).
    public var statedPurpose: Bool

    /// A request by an API key.
    public init(principal: Principal, requestID: String, purpose: String? = nil) {
        var teammate = ""
        if case let .assignedTo(teammateID) = principal.reach { teammate = teammateID }
        self.init(principal: principal,
                  actor: AccessActor(kind: .apiKey, id: principal.id, name: principal.name, role: principal.role.name, teammate: teammate),
                  requestID: requestID, purpose: purpose)
    }

    private init(principal: Principal, actor: AccessActor, requestID: String, purpose: String?) {
        self.principal = principal
        self.actor = actor
        self.requestID = requestID
        self.purpose = purpose ?? principal.role.defaultPurpose
        statedPurpose = purpose != nil
    }

    /// Someone running `command` at the command line: they hold the master key, so every scope is
    /// theirs; the access log names their login and the command.
    public static func `operator`(command: String, purpose: String? = nil,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) -> RequestInfo {
        let login = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LOGNAME"] ?? "unknown"
        let role = Role(name: "operator", scopes: Set(Scope.allCases), defaultPurpose: SystemPurpose.administration.rawValue)
        let principal = Principal(id: "operator", name: login, role: role, reach: .all)
        return RequestInfo(principal: principal, actor: AccessActor(kind: .operator, id: login, name: "tresor \(command)", role: role.name),
                           requestID: "cli_" + UUID().uuidString.lowercased().prefix(12), purpose: purpose)
    }

    /// Tresor itself running `job` (the retention job): every scope, and the access log names the job.
    public static func system(job: String, purpose: String) -> RequestInfo {
        let role = Role(name: "system", scopes: Set(Scope.allCases), defaultPurpose: purpose)
        let principal = Principal(id: "system", name: job, role: role, reach: .all)
        return RequestInfo(principal: principal, actor: AccessActor(kind: .system, id: job, name: job, role: role.name),
                           requestID: "job_" + UUID().uuidString.lowercased().prefix(12), purpose: purpose)
    }

    /// How much of each customer field this caller's answers show: its role's `fields:`, with the
    /// fields that require a purpose withheld when the request stated none.
    public var fieldPolicy: FieldPolicy {
        statedPurpose ? principal.role.fields : principal.role.fields.withoutStatedPurpose()
    }

    /// The access-log record of `action` by this caller. Customer fields the caller's answers do
    /// not show plain are recorded as such (`phone:masked`, `phone:withheld`).
    public func accessRecord(action: String, fields: [String] = [], subjects: [UUID] = []) -> AccessRecord {
        AccessRecord(actor: actor, action: action, subjects: subjects, fields: fields.map(fieldPolicy.disclosedName),
                     purpose: purpose, requestID: requestID)
    }
}
