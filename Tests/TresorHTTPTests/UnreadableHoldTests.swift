import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import TresorJobs
import TresorHTTP
import TresorModel
import TresorService
import TresorStore
import TresorTestSupport

/// The server's retention job when a legal hold's stored end date does not decode (issue 16):
/// the round erases nothing, the log names the hold, the retained copy stays.
@Suite("unreadable stored data")
struct UnreadableHoldTests {
    @Test("the hourly retention job meets a corrupt hold end date: nothing erased, the hold named in the log and the access log")
    func retentionJobErasesNothing() async throws {
        let fixture = try await HTTPFixture()
        let operatorRequest = RequestInfo.operator(command: "test")
        let customer = try await fixture.service.createCustomer(
            CustomerDraft(name: "Hanna", email: "hanna@example.de", country: "de",
                          billingAddresses: [AddressDraft(name: "Hanna", address: "Weg 1", city: "Kiel", country: "de")]),
            request: operatorRequest)
        let hold = try await fixture.service.createLegalHold(
            customerID: customer.id,
            draft: LegalHoldDraft(category: "billing_addresses", legalBasis: "AO §147", purpose: "invoicing", until: CalendarDay("2099-12-31")),
            request: operatorRequest)
        try await fixture.service.deleteCustomer(id: customer.id, request: operatorRequest)
        let holdID = hold.id.uuidString.lowercased()
        try SQLiteFile.execute(fixture.dataFile, "UPDATE legal_holds SET until_day = '0000-13-45' WHERE id = ?", [.text(holdID)])

        let captured = CapturedLog()
        let job = RetentionJob(service: fixture.service, logger: Logger(label: "test") { _ in captured })
        await job.runOnce()

        let lines = captured.lines
        #expect(lines.count == 1 && lines[0].contains("legal_holds.until_day") && lines[0].contains(holdID), "\(lines)")
        #expect(!lines.joined().contains("0000-13-45"))
        #expect(try await fixture.store.legalHolds.retainedData(holdID: hold.id).count > 0, "the retained copy is still there")
        var entries: [AccessLogEntry] = []
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery(action: "retention.run")) { entries.append($0); return true }
        #expect(entries.last?.record.outcome == .error)
        #expect(entries.last?.record.fields == ["unreadable:legal_holds.until_day"])

        // Every other read of the hold says the same instead of inventing a date.
        await #expect(throws: StoreError.unreadableValue(table: "legal_holds", column: "until_day", row: holdID)) {
            try await fixture.store.legalHolds.hold(id: hold.id)
        }
    }
}

/// A log handler that keeps each message with its metadata as one line.
final class CapturedLog: LogHandler, @unchecked Sendable {
    private let stored = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [String] { stored.withLockedValue { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let details = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        stored.withLockedValue { $0.append("\(event.level) \(event.message) \(details)") }
    }
}
