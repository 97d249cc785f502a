import Foundation
import Testing
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Store: erasure requests, legal holds and certificates")
struct ErasureStoreTests {
    static let record = AccessRecord(actor: AccessActor(kind: .system, id: "t", name: "t"), action: "test", purpose: "testing", requestID: "r")

    @Test("erasure requests: recorded for a customer, listed by status, moved only from the status expected", arguments: StoreBackend.allCases)
    func requests(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let customer = try await fixture.store.createCustomer(ConformanceFixture.draft("R"))
        let requests = fixture.store.erasureRequests
        let request = try await requests.create(customerID: customer.id, receivedOn: CalendarDay("2026-05-01")!, channel: "email", note: "by phone too")
        #expect(try await requests.request(id: request.id) == request)
        #expect(try await requests.requests(status: .received) == [request])
        var approved = request
        approved.status = .approved
        approved.identityVerification = "account login"
        try await requests.update(approved, expecting: .received)
        #expect(try await requests.request(id: request.id).status == .approved)
        await #expect(throws: StoreError.self) { try await requests.update(approved, expecting: .received) }
        #expect(try await requests.requests(status: nil).count == 1)
        await #expect(throws: StoreError.self) {
            try await requests.create(customerID: UUID(), receivedOn: CalendarDay("2026-05-01")!, channel: "email", note: nil)
        }
    }

    @Test("erasure with a hold in force keeps the held category under the hold, certifies both, and ending the hold erases it",
          arguments: StoreBackend.allCases)
    func holdsAndCertificates(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let customer = try await fixture.store.createCustomer(ConformanceFixture.draft("H"))
        let kept = try await fixture.store.createCustomer(ConformanceFixture.draft("K"))
        let hold = try await fixture.store.legalHolds.create(LegalHold(customerID: customer.id, category: .billingAddresses, legalBasis: "AO §147",
                                                                       purpose: "invoicing", until: CalendarDay("2099-12-31")!, createdAt: fixture.clock.now))
        let expiring = try await fixture.store.legalHolds.create(LegalHold(customerID: kept.id, category: .contact, legalBasis: "HGB §257",
                                                                           purpose: "accounting", until: CalendarDay("2026-06-30")!, createdAt: fixture.clock.now))
        #expect(try await fixture.store.legalHolds.hold(id: hold.id) == hold)
        #expect(try await fixture.store.legalHolds.holds(customerID: customer.id, status: nil) == [hold])
        #expect(try await fixture.store.legalHolds.holds(customerID: nil, status: .active).count == 2)

        try await fixture.store.deleteCustomer(id: customer.id)
        await #expect(throws: StoreError.self) { try await fixture.store.customer(id: customer.id) }
        #expect(try await fixture.store.legalHolds.hold(id: hold.id).status == .retained)
        let retained = try JSONSerialization.jsonObject(with: try await fixture.store.legalHolds.retainedData(holdID: hold.id)) as? [String: Any]
        #expect((retained?["billing_addresses"] as? [[String: Any]])?.first?["name"] as? String == "BillH")
        #expect(retained?["name"] == nil)

        let certificate = try await fixture.store.erasureCertificates.certificate(id: customer.id)
        #expect(certificate.customerID == customer.id.lowercaseText)
        #expect(certificate.retained.map(\.holdID) == [hold.id.lowercaseText])
        #expect(try await fixture.store.erasureCertificates.check(certificate).isEmpty)
        #expect(try await fixture.store.erasureCertificates.publicKeys()[certificate.keyID] != nil)

        // The retention job's day after the second hold's last day: it ends, nothing was retained.
        let ended = try await fixture.store.endExpiredHolds(on: CalendarDay("2026-07-01")!, recording: Self.record)
        #expect(ended.map(\.id) == [expiring.id])
        #expect(try await fixture.store.customer(id: kept.id).id == kept.id, "ending a hold erases nothing of a live customer")
        let released = try await fixture.store.endHold(id: hold.id, recording: Self.record)
        #expect(released.status == .retained)
        #expect(try await fixture.store.legalHolds.hold(id: hold.id).status == .ended)
        await #expect(throws: StoreError.self) { try await fixture.store.legalHolds.retainedData(holdID: hold.id) }
        await #expect(throws: StoreError.self) { try await fixture.store.endHold(id: hold.id, recording: Self.record) }
    }
}
