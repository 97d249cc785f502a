import Foundation
import GRDB
import TresorModel
import TresorStore

/// Ending legal holds: when a hold's last day has passed (the retention job) or the app releases
/// it, its retained copy is erased like a customer: intent, ledger entry and log entry in one
/// transaction, then the hold's key is destroyed and the write-ahead logs emptied.
extension SQLiteCustomerStore {
    /// Ends every hold whose last day is before `day`; returns them as they were.
    public func endExpiredHolds(on day: CalendarDay, recording record: AccessRecord) async throws -> [LegalHold] {
        let expired = try await legalHolds.holdsExpired(before: day)
        try await end(expired, recording: record)
        return expired
    }

    /// Ends one hold before its last day (the obligation behind it ended); returns it as it was.
    public func endHold(id: UUID, recording record: AccessRecord) async throws -> LegalHold {
        let hold = try await legalHolds.hold(id: id)
        guard hold.status != .ended else { throw StoreError.notFound(resource: "legal hold in force", id: id.lowercaseText) }
        try await end([hold], recording: record)
        return hold
    }

    private func end(_ holds: [LegalHold], recording record: AccessRecord) async throws {
        guard !holds.isEmpty else { return }
        let now = clock()
        try await StoreRules.erase(retention: .none, keys: keys, rows: erasedRows, recordIntent: {
            try await data.write { db -> [ErasureKind: [String]] in
                let ended = try self.legalHolds.end(holds.map { $0.id.lowercaseText }, now: now, in: db)
                let retained = ended.filter { $0.status == .retained }
                try self.ledger.append(.retained, subjects: retained.map { ($0.customerID.lowercaseText, $0.id.lowercaseText) }, time: now * 1000, in: db)
                var entry = record.with(subjects: ended.map(\.customerID))
                entry.fields = Array(Set(retained.flatMap(\.category.fields))).sorted()
                try self.accessLog.append(entry, in: db)
                return [.hold: retained.map { LegalHold.keyID(of: $0.id) }]
            }
        }, afterCommit: { try await ledger.syncFile() })
    }
}
