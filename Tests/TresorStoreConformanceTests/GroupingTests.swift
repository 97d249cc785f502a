import Foundation
import Testing
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Customer store: addresses, mailing lists and teammates")
struct GroupingTests {
    @Test("addresses can be added, replaced and removed", arguments: StoreBackend.allCases)
    func addresses(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let customer = try await fixture.store.createCustomer(CustomerDraft(name: "A", email: "a@example.de", country: "DE"))
        let added = try await fixture.store.addAddress(to: customer.id, kind: .billing,
                                                       draft: AddressDraft(name: "A", address: "Main 1", city: "Berlin", country: "DE"))
        #expect(added.billingAddresses.count == 1)
        let addressID = added.billingAddresses[0].id
        let updated = try await fixture.store.updateAddress(id: addressID, draft: AddressDraft(name: "A", address: "Main 2", city: "Bonn", country: "de"))
        #expect(updated.billingAddresses[0].address == "Main 2")
        #expect(updated.billingAddresses[0].id == addressID)
        let removed = try await fixture.store.deleteAddress(id: addressID)
        #expect(removed.billingAddresses.isEmpty)
        await #expect(throws: StoreError.notFound(resource: "address", id: addressID.uuidString.lowercased())) {
            try await fixture.store.deleteAddress(id: addressID)
        }
        let error = await #expect(throws: StoreError.self) {
            try await fixture.store.addAddress(to: customer.id, kind: .billing, draft: AddressDraft(name: "A", country: "DE"))
        }
        #expect(error == .invalidField(FieldError(field: "address", reason: "is required and must not be empty")))
    }

    @Test("bulk add to a list reports each customer: added, already there, not found", arguments: StoreBackend.allCases)
    func mailingLists(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let a = try await fixture.store.createCustomer(CustomerDraft(name: "A", email: "a@example.de", country: "DE"))
        let b = try await fixture.store.createCustomer(CustomerDraft(name: "B", email: "b@example.de", country: "DE"))
        let list = try await fixture.store.createMailingList(name: "Newsletter")
        #expect(try await fixture.store.addToMailingList(listID: list.id, customerIDs: [a.id]).map(\.status) == [.done])
        let missing = UUID()
        let outcomes = try await fixture.store.addToMailingList(listID: list.id, customerIDs: [a.id, b.id, missing])
        #expect(outcomes.map(\.status) == [.unchanged, .done, .notFound])
        var query = CustomerQuery()
        query.mailingListID = list.id
        #expect(try await fixture.store.listCustomers(query).totalResults == 2)
        #expect(try await fixture.store.customer(id: a.id).mailingListIDs == [list.id])
        #expect(try await fixture.store.removeFromMailingList(listID: list.id, customerIDs: [a.id, a.id]).map(\.status) == [.done, .unchanged])
        await #expect(throws: StoreError.notFound(resource: "mailing list", id: missing.uuidString.lowercased())) {
            try await fixture.store.addToMailingList(listID: missing, customerIDs: [a.id])
        }
        try await fixture.store.deleteMailingList(id: list.id)
        #expect(try await fixture.store.customer(id: b.id).mailingListIDs.isEmpty)
    }

    @Test("teammates are sealed subjects; assignment is bulk; deleting a teammate unassigns their customers", arguments: StoreBackend.allCases)
    func teammates(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let teammate = try await fixture.store.createTeammate(name: "Tina Team", email: "tina@example.de")
        #expect(try await fixture.store.teammate(id: teammate.id) == teammate)
        let a = try await fixture.store.createCustomer(CustomerDraft(name: "A", email: "a@example.de", country: "DE"))
        let outcomes = try await fixture.store.assignTeammate(teammate.id, customerIDs: [a.id, UUID()])
        #expect(outcomes.map(\.status) == [.done, .notFound])
        #expect(try await fixture.store.assignTeammate(teammate.id, customerIDs: [a.id]).map(\.status) == [.unchanged])
        var query = CustomerQuery()
        query.teammateID = teammate.id
        #expect(try await fixture.store.listCustomers(query).customers.map(\.id) == [a.id])
        await #expect(throws: StoreError.self) { try await fixture.store.assignTeammate(UUID(), customerIDs: [a.id]) }
        await #expect(throws: StoreError.self) {
            try await fixture.store.createCustomer(CustomerDraft(name: "B", email: "b@example.de", country: "DE", teammateID: UUID()))
        }
        try await fixture.store.deleteTeammate(id: teammate.id)
        #expect(try await fixture.store.customer(id: a.id).teammateID == nil)
        await #expect(throws: StoreError.self) { try await fixture.store.teammate(id: teammate.id) }
    }

    @Test("attribute changes: only customers of the category, per-item outcomes, one log entry naming the changed, an event each",
          arguments: StoreBackend.allCases)
    func attributeChanges(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        _ = try await fixture.store.webhookEndpoints.create(url: "https://hooks.example.de/a", events: [.customerUpdated],
                                                            country: CountryCode("DE")!, transferBasis: nil, payload: .full)
        let lead = try await fixture.store.createCustomer(CustomerDraft(name: "L", email: "l@example.de", country: "DE", category: "lead",
                                                                        leadStatus: "new_lead"))
        let other = try await fixture.store.createCustomer(CustomerDraft(name: "M", email: "m@example.de", country: "DE", category: "lead"))
        let customer = try await fixture.store.createCustomer(CustomerDraft(name: "C", email: "c@example.de", country: "DE"))
        let missing = UUID()

        let statusChange = try CustomerAttributeChange.leadStatus("qualified")
        let outcomes = try await fixture.store.changeAttributes(statusChange, customerIDs: [lead.id, customer.id, missing], inCategory: .lead)
        #expect(outcomes.map(\.status) == [.done, .notFound, .notFound], "a customer is not a lead; an unknown id is not found")
        #expect(try await fixture.store.customer(id: lead.id).leadStatus == "qualified")
        #expect(try await fixture.store.customer(id: customer.id).leadStatus == nil)
        #expect(try await fixture.store.changeAttributes(statusChange, customerIDs: [lead.id], inCategory: .lead).map(\.status) == [.unchanged])

        let priority = try await fixture.store.changeAttributes(CustomerAttributeChange(priority: .high), customerIDs: [lead.id, other.id],
                                                                inCategory: .lead)
        #expect(priority.map(\.status) == [.done, .done])

        let upgraded = try await fixture.store.changeAttributes(.upgradeToCustomer, customerIDs: [lead.id], inCategory: .lead)
        #expect(upgraded.map(\.status) == [.done])
        let after = try await fixture.store.customer(id: lead.id)
        #expect(after.category == .customer && after.leadStatus == nil && after.priority == .high)
        #expect(after.name == "L" && after.email == "l@example.de", "the upgraded customer keeps its data (and so its key)")
        #expect(try await fixture.store.changeAttributes(.upgradeToCustomer, customerIDs: [lead.id], inCategory: .lead).map(\.status) == [.notFound])

        await #expect(throws: StoreError.notFound(resource: "teammate", id: missing.uuidString.lowercased())) {
            try await fixture.store.changeAttributes(CustomerAttributeChange(teammateID: .some(missing)), customerIDs: [other.id], inCategory: nil)
        }

        var events: [UUID: [[String]]] = [:]
        while let due = try await fixture.store.outbox.dueDeliveries(limit: 20).first {
            events[due.delivery.customerID, default: []].append(due.changedFields)
            try await fixture.store.outbox.record(.delivered(statusCode: 204), for: due.delivery, durationMilliseconds: 1,
                                                  access: AccessRecord(actor: AccessActor(kind: .system, id: "w", name: "w"), action: "webhook.deliver",
                                                                       subjects: [due.delivery.customerID], purpose: "testing", requestID: "r"))
        }
        #expect(events[lead.id] == [["lead_status"], ["priority"], ["category", "lead_status"]], "an event per change, in order")
        #expect(events[other.id] == [["priority"]])
        #expect(events[customer.id] == nil)
        var entries: [AccessLogEntry] = []
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery()) { entries.append($0); return true }
        let changes = entries.filter { $0.record.action == "test.write" }.suffix(5)
        #expect(changes.map(\.record.subjects) == [[lead.id], [], [lead.id, other.id], [lead.id], []],
                "each change is logged, naming the customers it changed (none when nothing changed)")
    }

    @Test("bulk create: one transaction, per-item errors, the rest created", arguments: StoreBackend.allCases)
    func bulkCreate(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        _ = try await fixture.store.createCustomer(CustomerDraft(name: "Old", email: "old@example.de", country: "DE"))
        let outcomes = try await fixture.store.createCustomers([
            CustomerDraft(name: "A", email: "a@example.de", country: "DE"),
            CustomerDraft(name: "B", email: "bad", country: "DE"),
            CustomerDraft(name: "C", email: "old@example.de", country: "DE"),
            CustomerDraft(name: "D", email: "A@example.de", country: "DE"),
            CustomerDraft(name: "E", email: "e@example.de", country: "FR"),
        ])
        #expect(outcomes.count == 5)
        guard case .created = outcomes[0], case .failed(.invalidField) = outcomes[1], case .failed(.emailAlreadyExists) = outcomes[2],
              case .failed(.emailAlreadyExists) = outcomes[3], case .created = outcomes[4] else {
            Issue.record("unexpected outcomes \(outcomes)")
            return
        }
        #expect(try await fixture.store.listCustomers(CustomerQuery()).totalResults == 3)
    }

    @Test("bulk delete reports unknown ids per item", arguments: StoreBackend.allCases)
    func bulkDelete(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let a = try await fixture.store.createCustomer(CustomerDraft(name: "A", email: "a@example.de", country: "DE"))
        let missing = UUID()
        let outcomes = try await fixture.store.deleteCustomers(ids: [a.id, missing])
        #expect(outcomes.map(\.status) == [.done, .notFound])
        #expect(try await fixture.store.listCustomers(CustomerQuery()).totalResults == 0)
    }
}
