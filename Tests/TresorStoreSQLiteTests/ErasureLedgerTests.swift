import Foundation
import Testing
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

/// The erasure ledger's two copies: the data file's and `erasure-ledger.jsonl`, kept in step
/// across crashes, and refusing to open a data file that lags its ledger or belongs elsewhere.
@Suite("erasure ledger")
struct ErasureLedgerTests {
    @Test("every erasure appends a chained line without personal data; a torn or missing file is completed from the data file at open")
    func repairedAtOpen() async throws {
        let fixture = try await StoreFixture()
        var erased: [UUID] = []
        for marker in ["QZLEDGER1", "QZLEDGER2", "QZLEDGER3"] {
            erased.append(try await fixture.store.createCustomer(StoreFixture.draft(marker)).id)
        }
        _ = try await fixture.store.deleteCustomers(ids: Array(erased[0...1]))
        try await fixture.store.deleteCustomer(id: erased[2])
        let ledgerURL = fixture.directory.appendingPathComponent("erasure-ledger.jsonl")
        let entries = try ErasureLedgerFile.readAll(ledgerURL)
        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(entries.map(\.subjectID) == erased.map(\.lowercaseText))
        #expect(try String(contentsOf: ledgerURL, encoding: .utf8).contains("QZLEDGER") == false)

        // A crash in the middle of the last append: half a line. Open cuts it and writes it again.
        let full = try Data(contentsOf: ledgerURL)
        try full.prefix(full.count - 40).write(to: ledgerURL)
        try await fixture.reopen()
        #expect(try Data(contentsOf: ledgerURL) == full)

        // A lost file is written again from the data file's copy.
        try FileManager.default.removeItem(at: ledgerURL)
        try await fixture.reopen()
        #expect(try ErasureLedgerFile.readAll(ledgerURL) == entries)
    }

    @Test("a changed line breaks the chain; a ledger ahead of the data file, or of another deployment, refuses to open")
    func refusals() async throws {
        let fixture = try await StoreFixture()
        let first = try await fixture.store.createCustomer(StoreFixture.draft("QZA"))
        let second = try await fixture.store.createCustomer(StoreFixture.draft("QZB"))
        try await fixture.store.deleteCustomer(id: first.id)
        try fixture.store.close()
        let ledgerURL = fixture.directory.appendingPathComponent("erasure-ledger.jsonl")
        let original = try String(contentsOf: ledgerURL, encoding: .utf8)
        let entries = try ErasureLedgerFile.readAll(ledgerURL)
        func open() async throws { try await SQLiteCustomerStore.open(directory: fixture.directory, keyring: fixture.keyring).close() }

        try original.replacingOccurrences(of: first.id.lowercaseText, with: second.id.lowercaseText).write(to: ledgerURL, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.damagedLedger(line: 1)) { try ErasureLedgerFile.readAll(ledgerURL) }
        await #expect(throws: StoreError.damagedLedger(line: nil)) { try await open() }

        // An erasure this data file never applied (an old copy of the data beside a newer ledger).
        let newer = try ErasureLedgerEntry(sequence: 2, time: 0, kind: .customer, subjectID: second.id.lowercaseText, holdID: nil,
                                           previousHash: entries[0].hash)
        try (original + newer.line + "\n").write(to: ledgerURL, atomically: true, encoding: .utf8)
        await #expect(throws: StoreError.ledgerNotReplayed(dataFile: 1, ledger: 2)) { try await open() }

        // The ledger of another deployment.
        let other = try await StoreFixture()
        try await other.store.deleteCustomer(id: try await other.store.createCustomer(StoreFixture.draft("QZC")).id)
        try other.store.close()
        try Data(contentsOf: other.directory.appendingPathComponent("erasure-ledger.jsonl")).write(to: ledgerURL)
        await #expect(throws: StoreError.ledgerMismatch(sequence: 1)) { try await open() }

        try original.write(to: ledgerURL, atomically: true, encoding: .utf8)
        try await open()
    }
}
