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
        let retention = try await prepareRetention(for: holds, now: now)
        // 1. In one transaction: the intent beside the rows, the log entry, `customer-removed`, the
        //    retained copies, the ledger entries and the certificates. From here on the erasure
        //    completes, if need be at the next open.
        let existing = try await data.write { db -> Set<String> in
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
            return found
        }
        keys.confirm(retention.holdKeys.keys.map(LegalHold.keyID(of:)))
        try await ledger.syncFile()
        // 2. Destroy the keys, 3. delete the rows and the intent.
        try await finishErasures(Array(existing), kind: .customer)
        return subjectIDs.enumerated().map { index, subjectID in
            BulkItemOutcome(customerID: ids[index], status: existing.contains(subjectID) ? .done : .notFound)
        }
    }

    /// The keys a retained copy needs: the customers' own, and one per hold. A hold whose key
    /// already exists (an attempt that crashed before its transaction, or one running beside this
    /// one) keeps that key, so whichever attempt commits seals with the key that stays.
    func prepareRetention(for holds: [LegalHold], now: Int64) async throws -> (holdKeys: [UUID: DataKey], customerKeys: [String: DataKey]) {
        guard !holds.isEmpty else { return ([:], [:]) }
        let existing = try await keys.keys(for: holds.map { LegalHold.keyID(of: $0.id) })
        var holdKeys: [UUID: DataKey] = [:]
        var toStore: [(subjectID: String, key: DataKey, wrapped: WrappedDataKey)] = []
        for hold in holds {
            let keyID = LegalHold.keyID(of: hold.id)
            if let key = existing[keyID] {
                holdKeys[hold.id] = key
                continue
            }
            let made = try keys.makeKey(for: keyID)
            holdKeys[hold.id] = made.key
            toStore.append((keyID, made.key, made.wrapped))
        }
        if !toStore.isEmpty { try await keys.store(toStore, now: now) }
        let customerKeys = try await keys.keys(for: Array(Set(holds.map { $0.customerID.lowercaseText })))
        return (holdKeys, customerKeys)
    }

    /// Destroys the keys of erased subjects, then deletes their rows and the intent, then empties
    /// both write-ahead logs.
    func finishErasures(_ subjectIDs: [String], kind: PendingErasure.Kind) async throws {
        guard !subjectIDs.isEmpty else { return }
        try await keys.destroy(subjectIDs)
        try await data.write { db in
            switch kind {
            case .customer: try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM customers WHERE id IN \($0)" }
            case .teammate: try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM teammates WHERE id IN \($0)" }
            case .hold: break
            }
            try SQLiteIdempotencyStore.forget(subjectIDs, in: db)
            try PendingErasure.clear(subjectIDs, in: db)
        }
        // secure_delete zeroed the freed pages in the database files; the write-ahead logs still
        // hold the pages as they were until a checkpoint copies them back and truncates the logs.
        try await DatabaseFiles.checkpointAndTruncate(data)
        try await keys.checkpointAndTruncate()
    }

    /// The day in the deployment's time zone, by the store's clock.
    func today() -> CalendarDay {
        CalendarDay(Date(timeIntervalSince1970: TimeInterval(clock())), in: .current)
    }

    // MARK: Recovery

    /// Finishes deletions and creates that a crash interrupted.
    func recover() async throws {
        let pendingErasures = try await data.read { db in try PendingErasure.all(in: db) }
        for kind in PendingErasure.Kind.allCases {
            try await finishErasures(pendingErasures[kind] ?? [], kind: kind)
        }
        let pendingKeys = try await keys.pendingSubjects(olderThan: clock() - Self.pendingKeyGracePeriod)
        guard !pendingKeys.isEmpty else { return }
        let withRows = try await data.read { db in
            let holds = try db.fetchRows(forEachChunkOf: pendingKeys) {
                "SELECT 'hold:' || id AS id FROM legal_holds WHERE status = 'retained' AND 'hold:' || id IN \($0)"
            }
            return try db.existingIDs(pendingKeys, in: "customers").union(db.existingIDs(pendingKeys, in: "teammates"))
                .union(holds.map { $0["id"] as String })
        }
        try await keys.clearPending(pendingKeys.filter { withRows.contains($0) })
        try await keys.destroy(pendingKeys.filter { !withRows.contains($0) })
    }
}
