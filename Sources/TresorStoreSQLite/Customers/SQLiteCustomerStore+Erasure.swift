import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// Erasing customers (Docs/erasure.md): what `DELETE /v2/customers/{id}`, the bulk remove and
/// delete endpoints and executed erasure requests all do.
extension SQLiteCustomerStore {
    public func deleteCustomer(id: UUID, recording record: AccessRecord) async throws {
        let outcome = try await deleteCustomers(ids: [id], recording: record)
        if outcome.first?.status == .notFound { throw StoreError.notFound(resource: "customer", id: id.lowercasedString) }
    }

    public func deleteCustomers(ids: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome] {
        let subjectIDs = ids.map(\.lowercasedString)
        let now = clock()
        // 0. Data under a legal hold in force gets a key of its own, written before anything else
        //    (pending, like a new customer's key), so the retained copy never exists without it.
        let holds = try await legalHolds.holdsInForce(customerIDs: subjectIDs, on: today())
        let retention = try await StoreRules.prepareRetention(for: holds, now: now, keys: keys)
        // 1. In one transaction: the intent beside the rows, the log entry, `customer-removed`, the
        //    retained copies, the ledger entries and the certificates. From here on the erasure
        //    completes, if need be at the next open. 2. The ledger file; keys, then rows (StoreRules).
        let erased = try await StoreRules.erase(retention: retention, keys: keys, rows: erasedRows, recordIntent: {
            try await data.write { db -> [ErasureKind: [String]] in
                let found = try db.existingIDs(subjectIDs, in: "customers")
                let erased = subjectIDs.filter { found.contains($0) }
                try PendingErasure.record(erased, kind: .customer, in: db)
                let removed = ids.filter { found.contains($0.lowercasedString) }
                try self.accessLog.append(record.with(subjects: removed), in: db)
                try self.outbox.enqueueRemovals(removed, in: db)
                let retained = holds.filter { found.contains($0.customerID.lowercaseText) }
                try self.legalHolds.retain(retained, customerKeys: retention.customerKeys, holdKeys: retention.holdKeys, now: now, in: db)
                let entries = try self.ledger.append(.customer, subjects: erased.map { ($0, nil) }, time: now * 1000, in: db)
                try self.erasureCertificates.issue(for: entries, retaining: retained, in: db)
                try self.emails.cancelQueued(for: erased, in: db)
                return [.customer: erased]
            }
        }, afterCommit: { try await ledger.syncFile() })
        let existing = Set(erased[.customer] ?? [])
        return subjectIDs.enumerated().map { index, subjectID in
            BulkItemOutcome(customerID: ids[index], status: existing.contains(subjectID) ? .done : .notFound)
        }
    }

    /// Finishes erasures whose intent is recorded, in the order ``StoreRules`` keeps for every
    /// backend: keys, then rows and intents, then what both files keep of them.
    func finishErasures(_ subjectIDs: [String], kind: ErasureKind) async throws {
        try await StoreRules.finishErasures(subjectIDs, kind: kind, keys: keys, rows: erasedRows)
    }

    /// The day in the deployment's time zone, by the store's clock.
    func today() -> CalendarDay {
        CalendarDay(Date(timeIntervalSince1970: TimeInterval(clock())), in: .current)
    }

    // MARK: Recovery

    /// Finishes deletions and creates that a crash interrupted (``StoreRules/recover(now:keys:rows:)``).
    func recover() async throws {
        try await StoreRules.recover(now: clock(), keys: keys, rows: erasedRows)
    }
}
