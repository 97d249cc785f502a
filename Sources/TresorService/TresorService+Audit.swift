import Foundation
import TresorModel
import TresorStore

extension TresorService {
    /// Up to `limit` access-log entries matching `query` after its cursor, and whether more follow.
    /// Reading the log is itself logged (`audit.read`, naming the customer filtered on).
    public func auditEntries(_ query: AccessLogQuery, limit: Int, request: RequestInfo) async throws -> (entries: [AccessLogEntry], hasMore: Bool) {
        try await perform("audit.read", scope: .auditRead, request: request, subjects: query.subject.map { [$0] } ?? []) {
            var entries: [AccessLogEntry] = []
            var hasMore = false
            try await store.forEachAccessLogEntry(query) { entry in
                guard entries.count < limit else {
                    hasMore = true
                    return false
                }
                entries.append(entry)
                return true
            }
            return ((entries, hasMore), query.subject.map { [$0] } ?? [])
        }
    }

    /// Streams every entry matching `query` to `body` (for `tresor audit query`); logged as one
    /// `audit.read` once the stream has been read.
    public func streamAuditEntries(_ query: AccessLogQuery, request: RequestInfo, _ body: (AccessLogEntry) throws -> Void) async throws -> Int {
        try await perform("audit.read", scope: .auditRead, request: request, subjects: query.subject.map { [$0] } ?? []) {
            var count = 0
            try await store.forEachAccessLogEntry(query) { entry in
                try body(entry)
                count += 1
                return true
            }
            return (count, query.subject.map { [$0] } ?? [])
        }
    }
}
