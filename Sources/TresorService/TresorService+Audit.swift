import Foundation
import TresorModel
import TresorStore

extension TresorService {
    /// Up to `limit` access-log entries matching `query` after its cursor, and whether more follow.
    /// Reading the log is itself logged (`audit.read`, naming the customer filtered on).
    public func auditEntries(_ query: AccessLogQuery, limit: Int, request: RequestInfo) async throws -> (entries: [AccessLogEntry], hasMore: Bool) {
        try await perform("audit.read", scope: .auditRead, request: request, subjects: query.subject.map { [$0] } ?? []) {
            let narrowing = try await auditNarrowing(query, request)
            var entries: [AccessLogEntry] = []
            var hasMore = false
            try await store.forEachAccessLogEntry(query) { entry in
                guard entries.count < limit else {
                    hasMore = true
                    return false
                }
                entries.append(narrowing(entry))
                return true
            }
            return ((entries, hasMore), query.subject.map { [$0] } ?? [])
        }
    }

    /// Streams every entry matching `query` to `body` (for `tresor audit query`); logged as one
    /// `audit.read` once the stream has been read.
    public func streamAuditEntries(_ query: AccessLogQuery, request: RequestInfo, _ body: (AccessLogEntry) throws -> Void) async throws -> Int {
        try await perform("audit.read", scope: .auditRead, request: request, subjects: query.subject.map { [$0] } ?? []) {
            let narrowing = try await auditNarrowing(query, request)
            var count = 0
            try await store.forEachAccessLogEntry(query) { entry in
                try body(narrowing(entry))
                count += 1
                return true
            }
            return (count, query.subject.map { [$0] } ?? [])
        }
    }

    /// A narrowed caller reads the log of one customer it reaches at a time, and sees no other
    /// subject an entry names (a list or bulk operation names many): it must give `customer`, an
    /// unreachable one is not found, and each entry's subjects are cut to that one.
    private func auditNarrowing(_ query: AccessLogQuery, _ request: RequestInfo) async throws -> @Sendable (AccessLogEntry) -> AccessLogEntry {
        guard request.principal.isNarrowed else { return { $0 } }
        guard let subject = query.subject else {
            throw FieldError(field: "customer", reason: "is required for a key narrowed to some customers: the log is read one customer at a time")
        }
        try await requireReach(subject: subject, orNotFound: "customer", id: subject.lowercaseText, request)
        return { entry in
            var entry = entry
            entry.record.subjects = entry.record.subjects.filter { $0 == subject }
            return entry
        }
    }
}
