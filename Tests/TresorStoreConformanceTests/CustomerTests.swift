import Foundation
import Testing
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Customer store: create, read, update, find")
struct CustomerTests {
    @Test("a created customer reads back with every field and both addresses", arguments: StoreBackend.allCases)
    func createAndRead(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let created = try await fixture.store.createCustomer(ConformanceFixture.draft("A1"))
        let read = try await fixture.store.customer(id: created.id)
        #expect(read == created)
        #expect(read.name == "NameA1")
        #expect(read.metadata == ["note": "MetaA1"])
        #expect(read.billingAddresses.first?.vat == "DE136695976")
        #expect(read.billingAddresses.first?.state == "StateA1")
        #expect(read.shippingAddresses.first?.message == "NoteA1")
        #expect(read.shippingAddresses.first?.country.code == "AT")
        #expect(read.createdAt == fixture.clock.now)
    }

    @Test("lookup by exact email goes through the blind index", arguments: StoreBackend.allCases)
    func emailLookup(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let anna = try await fixture.store.createCustomer(ConformanceFixture.draft("A", email: "anna@example.de"))
        #expect(try await fixture.store.customer(email: " Anna@EXAMPLE.de")?.id == anna.id)
        #expect(try await fixture.store.customer(email: "nobody@example.de") == nil)
    }

    @Test("invalid input names the field and writes nothing", arguments: StoreBackend.allCases, [
        (CustomerDraft(name: "A", email: "not-an-email", country: "DE"), "email"),
        (CustomerDraft(name: "A", email: "a@example.de", country: "XX"), "country"),
        (CustomerDraft(name: "", email: "a@example.de", country: "DE"), "name"),
        (CustomerDraft(name: "A", email: "a@example.de", country: "DE", timezoneOffset: "+25:00"), "timezone_offset"),
        (CustomerDraft(name: "A", email: "a@example.de", country: "DE", priority: "urgent"), "priority"),
        (CustomerDraft(name: "A", email: "a@example.de", country: "DE", billingAddresses: [AddressDraft(name: "B", address: "S", city: "C", country: "DE", vat: "DE123")]), "billing_addresses[0].vat"),
        (CustomerDraft(name: "A", email: "a@example.de", country: "DE", shippingAddresses: [AddressDraft(country: "Narnia")]), "shipping_addresses[0].country"),
    ])
    func invalidInput(backend: StoreBackend, invalid: (draft: CustomerDraft, field: String)) async throws {
        let (draft, field) = invalid
        let fixture = try await ConformanceFixture(backend)
        let error = await #expect(throws: StoreError.self) { try await fixture.store.createCustomer(draft) }
        guard case let .invalidField(fieldError) = error else {
            Issue.record("expected invalidField, got \(String(describing: error))")
            return
        }
        #expect(fieldError.field == field)
        #expect(try await fixture.store.listCustomers(CustomerQuery()).totalResults == 0)
    }

    @Test("partial update changes only what was given and reports the changed fields", arguments: StoreBackend.allCases)
    func partialUpdate(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let created = try await fixture.store.createCustomer(ConformanceFixture.draft("U"))
        fixture.clock.advance(by: 60)
        let (updated, changed) = try await fixture.store.updateCustomer(id: created.id, with: CustomerPatch(name: "Renamed", country: "fr"))
        #expect(Set(changed) == ["name", "country"])
        #expect(updated.name == "Renamed")
        #expect(updated.country.code == "FR")
        #expect(updated.lastName == created.lastName)
        #expect(updated.updatedAt == created.createdAt + 60)
        #expect(try await fixture.store.customer(id: created.id) == updated)
        let (_, none) = try await fixture.store.updateCustomer(id: created.id, with: CustomerPatch(name: "Renamed"))
        #expect(none.isEmpty)
    }

    @Test("unknown ids are not found, with Tamio's 1002", arguments: StoreBackend.allCases)
    func notFound(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let id = UUID()
        let error = await #expect(throws: StoreError.self) { try await fixture.store.customer(id: id) }
        #expect(error == .notFound(resource: "customer", id: id.uuidString.lowercased()))
        #expect(error?.tamioCode == 1002)
        await #expect(throws: StoreError.self) { try await fixture.store.updateCustomer(id: id, with: CustomerPatch(name: "x")) }
        await #expect(throws: StoreError.self) { try await fixture.store.deleteCustomer(id: id) }
    }
}
