import Foundation
import GRDB
import TresorModel
import TresorStore

/// Replaying the erasure ledger into a restored data file: every erasure the deployment made after
/// the backup was taken is made again, in ledger order, before the store is used.
extension SQLiteCustomerStore {
    /// Applies the entries of `entries` (a whole ledger, its chain checked) that the data file
    /// lacks; they must continue the data file's own chain.
    func replayLedger(_ entries: [ErasureLedgerEntry], recording record: AccessRecord) async throws {
        let head = try await data.read { db in try ErasureLedger.head(db) }
        guard Int(head.sequence) <= entries.count else { throw StoreError.ledgerMismatch(sequence: head.sequence) }
        if head.sequence > 0, entries[Int(head.sequence) - 1].hash != head.hash { throw StoreError.ledgerMismatch(sequence: head.sequence) }
        for chunk in Array(entries.dropFirst(Int(head.sequence))).chunked(into: 500) {
            try await replay(Array(chunk), recording: record)
        }
    }

    /// One transaction for up to 500 entries: erase the customers and teammates still present,
    /// end the holds, insert the entries as they are; then destroy the keys and delete the rows.
    private func replay(_ entries: [ErasureLedgerEntry], recording record: AccessRecord) async throws {
        let customers = entries.filter { $0.kind == .customer }.map(\.subjectID)
        let teammates = entries.filter { $0.kind == .teammate }.map(\.subjectID)
        let endedHolds = entries.filter { $0.kind == .retained }.compactMap(\.holdID)
        let now = clock()
        let holds = try await legalHolds.holdsInForce(customerIDs: customers, on: today())
        let retention = try await StoreRules.prepareRetention(for: holds, now: now, keys: keys)
        try await StoreRules.erase(retention: retention, keys: keys, rows: erasedRows, recordIntent: {
            try await data.write { db -> [ErasureKind: [String]] in
                let existingCustomers = try db.existingIDs(customers, in: "customers")
                let foundCustomers = customers.filter { existingCustomers.contains($0) }
                let existingTeammates = try db.existingIDs(teammates, in: "teammates")
                let foundTeammates = teammates.filter { existingTeammates.contains($0) }
                try PendingErasure.record(foundCustomers, kind: .customer, in: db)
                try PendingErasure.record(foundTeammates, kind: .teammate, in: db)
                try self.legalHolds.retain(holds.filter { existingCustomers.contains($0.customerID.lowercaseText) }, customerKeys: retention.customerKeys,
                                           holdKeys: retention.holdKeys, now: now, in: db)
                let holdKeys = try self.legalHolds.end(endedHolds, now: now, in: db).filter { $0.status == .retained }.map { LegalHold.keyID(of: $0.id) }
                for entry in entries { try ErasureLedger.insertReplayed(entry, into: db) }
                try self.emails.cancelQueued(for: foundCustomers, in: db)
                try self.accessLog.append(record.with(subjects: (foundCustomers + foundTeammates).compactMap(UUID.init(uuidString:))), in: db)
                // Keys of subjects the backup did not hold may still be in a key store restored with
                // it: they are erased with the others (a key without rows).
                return [.customer: customers, .teammate: teammates, .hold: holdKeys]
            }
        }, afterCommit: {})
    }
}
