import Foundation
import TresorCompliance
import TresorCrypto
import TresorModel
import TresorStore

/// Every operation the HTTP API and the command line offer, each as authorize → act → record,
/// with the access-log entry written in one place (``perform(_:scope:request:fields:subjects:reading:)``
/// and ``perform(_:scope:request:fields:subjects:writing:)``).
public final class TresorService: Sendable {
    /// Most items one bulk create may hold (Tamio's limit).
    public static let maximumBulkCreate = 500
    /// Most ids one other bulk operation may name.
    public static let maximumBulkIDs = 1_000

    public let store: any CustomerStore
    /// Where data may go: checked when a webhook endpoint is registered.
    public let residency: ResidencyPolicy
    /// The sender and relay for `send-email`; nil when the server has no relay.
    public let email: EmailSettings?
    /// Builds subject export packages; nil when the deployment cannot sign them.
    public let exporter: SubjectExporter?
    /// The legal-hold rules (and access-log retention).
    public let retention: RetentionPolicy
    /// Which addresses webhook endpoints may point to.
    public let webhookDestinations: WebhookDestinationCheck
    /// The roles API keys can be given.
    public let roles: RolesPolicy
    /// The deployment's clock: record times, deadlines, "today".
    public let clock: WallClock
    /// Whether the store can take requests (`/readyz`).
    public let readiness: StoreReadiness

    public init(store: any CustomerStore, residency: ResidencyPolicy = .builtIn, retention: RetentionPolicy = .builtIn,
                email: EmailSettings? = nil, exporter: SubjectExporter? = nil,
                webhookDestinations: WebhookDestinationCheck = .production, roles: RolesPolicy = .builtIn, clock: WallClock = .system) {
        self.store = store
        self.readiness = StoreReadiness(store: store)
        self.clock = clock
        self.roles = roles
        self.residency = residency
        self.webhookDestinations = webhookDestinations
        self.retention = retention
        self.email = email
        self.exporter = exporter
    }

    /// Runs an operation that reads (or changes nothing personal): checks `scope`, runs `body`,
    /// then appends the entry naming the subjects `body` returned. The value is handed out only
    /// once its entry is committed (fail closed).
    func perform<Value: Sendable>(
        _ action: String, scope: Scope, request: RequestInfo, fields: [String] = [], subjects: [UUID] = [],
        reading body: () async throws -> (value: Value, subjects: [UUID])
    ) async throws -> Value {
        let record = request.accessRecord(action: action, fields: fields, subjects: subjects)
        try await authorize(scope, record, request)
        let result = try await recordingFailures(of: record) { try await body() }
        try await store.recordAccess(record.with(subjects: result.subjects))
        return result.value
    }

    /// Runs an operation that writes personal data: checks `scope` and runs `body`, which passes
    /// the record to the store so the entry commits in the same transaction as the change.
    func perform<Value: Sendable>(
        _ action: String, scope: Scope, request: RequestInfo, fields: [String] = [], subjects: [UUID] = [],
        writing body: (AccessRecord) async throws -> Value
    ) async throws -> Value {
        let record = request.accessRecord(action: action, fields: fields, subjects: subjects)
        try await authorize(scope, record, request)
        return try await recordingFailures(of: record) { try await body(record) }
    }

    private func authorize(_ scope: Scope, _ record: AccessRecord, _ request: RequestInfo) async throws {
        guard request.principal.has(scope) else {
            try await store.recordAccess(record.summarisingSubjects(outcome: .denied))
            if request.principal.role.scopes.contains(scope) { throw ServiceError.narrowedKeyScope(scope) }
            throw ServiceError.missingScope(scope)
        }
    }

    /// Runs `body`; if it fails, appends the failure (`not_found` or `error`) and rethrows.
    private func recordingFailures<Value>(of record: AccessRecord, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch {
            let outcome: AccessRecord.Outcome
            var failed = record
            switch error {
            case StoreError.notFound, ServiceError.noSubjectFound: outcome = .notFound
            case let StoreError.unreadableValue(table, column, _):
                // Where the stored data is damaged, so that the log says why nothing was done.
                outcome = .error
                failed.fields.append("unreadable:\(table).\(column)")
            case let fault as StorageFault:
                // Usually this entry cannot be written either (a full disk); when it can (a busy
                // database), the log says why the operation failed.
                outcome = .error
                failed.fields.append("storage:\(fault.kind.rawValue)")
            default: outcome = .error
            }
            // A failure names the one subject asked for (evidence in its log); a bulk request's ids
            // are summarised, so that no caller can write entries into many subjects' logs.
            try await store.recordAccess(failed.subjects.count > 1 ? failed.summarisingSubjects(outcome: outcome)
                                                                   : failed.with(subjects: failed.subjects, outcome: outcome))
            throw error
        }
    }

    static func checkCount(_ count: Int, field: String, limit: Int) throws {
        guard count <= limit else { throw ServiceError.tooManyItems(field: field, limit: limit) }
    }
}

extension AccessRecord {
    /// This record as a refusal: it names no subjects (a refused request touched nobody's data,
    /// and naming the ids a caller sent would let any key write into any subject's log and Art. 15
    /// export); its fields end with `ids:N` and `ids-sha256:HEX`, the count of ids the request
    /// named and a SHA-256 over them (Docs/access-log.md).
    func summarisingSubjects(outcome: Outcome) -> AccessRecord {
        var record = with(subjects: [], outcome: outcome)
        guard !subjects.isEmpty else { return record }
        let text = subjects.map(\.lowercaseText).sorted().joined(separator: "\n")
        let digest = (try? SHA256.hash(Array(text.utf8)))?.hexString ?? ""
        record.fields += ["ids:\(subjects.count)", "ids-sha256:\(digest)"]
        return record
    }
}
