import Foundation
import Testing
import TresorCrypto
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Store: lookups, lists, teammates and maintenance")
struct MaintenanceTests {
    @Test("an address names its customer; lists and teammates are found, listed, emptied and deleted", arguments: StoreBackend.allCases)
    func lookups(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let customer = try await fixture.store.createCustomer(ConformanceFixture.draft("L"))
        #expect(try await fixture.store.customerID(ofAddress: customer.billingAddresses[0].id) == customer.id)
        await #expect(throws: StoreError.self) { try await fixture.store.customerID(ofAddress: UUID()) }

        let list = try await fixture.store.createMailingList(name: "News")
        #expect(try await fixture.store.mailingList(id: list.id) == list)
        #expect(try await fixture.store.mailingLists() == [list])
        #expect(try await fixture.store.addToMailingList(listID: list.id, customerIDs: [customer.id]).map(\.status) == [.done])
        #expect(try await fixture.store.customer(id: customer.id).mailingListIDs == [list.id])
        #expect(try await fixture.store.removeFromMailingList(listID: list.id, customerIDs: [customer.id, UUID()]).map(\.status) == [.done, .notFound])
        #expect(try await fixture.store.customer(id: customer.id).mailingListIDs.isEmpty)
        try await fixture.store.deleteMailingList(id: list.id)
        #expect(try await fixture.store.mailingLists().isEmpty)

        let teammate = try await fixture.store.createTeammate(name: "Tina", email: "tina@example.de")
        #expect(try await fixture.store.teammate(id: teammate.id) == teammate)
        #expect(try await fixture.store.teammates() == [teammate])
        let record = AccessRecord(actor: AccessActor(kind: .system, id: "t", name: "t"), action: "teammate.update", purpose: "administration", requestID: "r")
        let updated = try await fixture.store.updateTeammate(id: teammate.id, with: TeammateDraft(lastName: "Team", role: "marketing", country: "AT"),
                                                             recording: record)
        #expect(updated.name == "Tina" && updated.lastName == "Team" && updated.role == "marketing" && updated.country == CountryCode("AT"))
        #expect(try await fixture.store.teammate(id: teammate.id) == updated, "the update is stored")
        await #expect(throws: StoreError.self) { try await fixture.store.updateTeammate(id: UUID(), with: TeammateDraft(name: "X"), recording: record) }
    }

    @Test("rotation re-wraps every data key under the new master-key version; the data still opens after a restart", arguments: StoreBackend.allCases)
    func rewrapAndReopen(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let customer = try await fixture.store.createCustomer(ConformanceFixture.draft("Q"))
        _ = try await fixture.store.createTeammate(name: "Tina", email: "tina@example.de")
        #expect(try await fixture.store.emailIndexConflicts().isEmpty)
        #expect(try await fixture.store.rewrapDataKeys() == 0, "every key is already under the current version")
        try await fixture.reopen()
        #expect(try await fixture.store.customer(id: customer.id) == customer)
    }
}
