import Foundation
import Testing
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Customer store: lists, filters, paging and sorting")
struct ListingTests {
    /// Five customers created a minute apart, one of them a lead.
    static func populated(_ backend: StoreBackend) async throws -> (ConformanceFixture, [Customer]) {
        let fixture = try await ConformanceFixture(backend)
        var customers: [Customer] = []
        let people: [(String, String, String)] = [("Zoe", "zoe@example.de", "DE"), ("anna", "anna@example.fr", "FR"),
                                                  ("Bert", "bert@example.at", "AT"), ("Carla", "carla@example.de", "DE"),
                                                  ("Dora", "dora@example.it", "IT")]
        for (index, person) in people.enumerated() {
            var draft = CustomerDraft(name: person.0, email: person.1, country: person.2)
            if index == 4 { draft.category = "lead" }
            customers.append(try await fixture.store.createCustomer(draft))
            fixture.clock.advance(by: 60)
        }
        return (fixture, customers)
    }

    @Test("filter: a word or a prefix of name, last name, company or email finds the customer; other words find nothing",
          arguments: StoreBackend.allCases)
    func freeTextFilter(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let anna = try await fixture.store.createCustomer(CustomerDraft(name: "Annegret", lastName: "Schmidt-Müller", email: "a.schmidt@hoffmann.example",
                                                                        company: "Hoffmann Logistik GmbH", country: "DE"))
        let bert = try await fixture.store.createCustomer(CustomerDraft(name: "Bert", lastName: "Schmitz", email: "bert@example.at",
                                                                        company: "Alpen Transporte", country: "AT"))
        let lead = try await fixture.store.createCustomer(CustomerDraft(name: "Lena", lastName: "Schmidt", email: "lena@example.de",
                                                                        country: "DE", category: "lead"))
        func search(_ text: String, leads: Bool = false) async throws -> Set<UUID> {
            var query = CustomerQuery()
            query.filter = text
            query.includeLeads = leads
            return Set(try await fixture.store.listCustomers(query).customers.map(\.id))
        }
        #expect(try await search("Annegret") == [anna.id], "a whole first name")
        #expect(try await search("anne") == [anna.id], "a prefix, any case")
        #expect(try await search("muller") == [anna.id], "a last name's second word, without its diacritics")
        #expect(try await search("Logistik") == [anna.id], "a company word")
        #expect(try await search("hoffmann.example") == [anna.id], "email words")
        #expect(try await search("schm") == [anna.id, bert.id], "a prefix shared by two")
        #expect(try await search("schm", leads: true) == [anna.id, bert.id, lead.id], "the list's other conditions still apply")
        #expect(try await search("schmidt anne") == [anna.id], "every word must begin a word")
        #expect(try await search("schmidt al").isEmpty, "short words are checked on the opened fields too")
        #expect(try await search("Zebra").isEmpty)
        #expect(try await search("nne").isEmpty, "the middle of a word is no prefix")
        await #expect(throws: StoreError.invalidField(FieldError(field: "filter", reason: "needs a word of at least 3 letters or digits"))) {
            try await search("an")
        }

        _ = try await fixture.store.updateCustomer(id: anna.id, with: CustomerPatch(name: "Greta", company: "Nordlicht AG"))
        #expect(try await search("Annegret").isEmpty, "an old name no longer finds the customer")
        #expect(try await search("nordlicht greta") == [anna.id])
        try await fixture.store.deleteCustomer(id: bert.id)
        #expect(try await search("Schmitz").isEmpty)
        var paged = CustomerQuery()
        paged.filter = "schm"
        paged.includeLeads = true
        paged.paging = .pages(page: 1, perPage: 1)
        let page = try await fixture.store.listCustomers(paged)
        #expect(page.totalResults == 2 && page.customers.count == 1, "total and paging count the confirmed matches")
    }

    @Test("leads are left out unless asked for; category, country, time and teammate filters narrow the list", arguments: StoreBackend.allCases)
    func filters(backend: StoreBackend) async throws {
        let (fixture, customers) = try await Self.populated(backend)
        var query = CustomerQuery()
        #expect(try await fixture.store.listCustomers(query).totalResults == 4)
        query.includeLeads = true
        #expect(try await fixture.store.listCustomers(query).totalResults == 5)
        query.category = .lead
        #expect(try await fixture.store.listCustomers(query).customers.map(\.name) == ["Dora"])
        query = CustomerQuery()
        query.countries = [CountryCode("de")!, CountryCode("at")!]
        #expect(Set(try await fixture.store.listCustomers(query).customers.map(\.name)) == ["Zoe", "Bert", "Carla"])
        query = CustomerQuery()
        query.from = customers[1].createdAt
        query.to = customers[2].createdAt
        #expect(Set(try await fixture.store.listCustomers(query).customers.map(\.name)) == ["anna", "Bert"])
        query = CustomerQuery()
        query.email = "CARLA@example.de"
        #expect(try await fixture.store.listCustomers(query).customers.map(\.name) == ["Carla"])
        query = CustomerQuery()
        query.onlyCustomerIDs = [customers[0].id, customers[3].id]
        #expect(Set(try await fixture.store.listCustomers(query).customers.map(\.name)) == ["Zoe", "Carla"])

        let record = AccessRecord(actor: AccessActor(kind: .system, id: "t", name: "t"), action: "test", purpose: "testing", requestID: "r")
        let tina = try await fixture.store.createTeammate(name: "Tina", email: "tina@example.de")
        let tom = try await fixture.store.createTeammate(name: "Tom", email: "tom@example.de")
        _ = try await fixture.store.assignTeammate(tina.id, customerIDs: [customers[0].id], recording: record)
        _ = try await fixture.store.assignTeammate(tom.id, customerIDs: [customers[3].id], recording: record)
        query = CustomerQuery()
        query.teammateIDs = [tina.id, tom.id]
        #expect(Set(try await fixture.store.listCustomers(query).customers.map(\.name)) == ["Zoe", "Carla"])
        query.teammateIDs = [tom.id]
        #expect(try await fixture.store.listCustomers(query).customers.map(\.name) == ["Carla"])
        query.teammateIDs = []
        #expect(try await fixture.store.listCustomers(query).totalResults == 0, "no teammate admitted, no customer")
    }

    @Test("page/per_page gives total_results; the last page says no more", arguments: StoreBackend.allCases)
    func pages(backend: StoreBackend) async throws {
        let (fixture, _) = try await Self.populated(backend)
        var query = CustomerQuery()
        query.order = .ascending
        query.paging = .pages(page: 1, perPage: 3)
        let first = try await fixture.store.listCustomers(query)
        #expect(first.customers.map(\.name) == ["Zoe", "anna", "Bert"])
        #expect(first.totalResults == 4)
        #expect(first.hasMore)
        query.paging = .pages(page: 2, perPage: 3)
        let second = try await fixture.store.listCustomers(query)
        #expect(second.customers.map(\.name) == ["Carla"])
        #expect(!second.hasMore)
    }

    @Test("cursor paging walks every customer exactly once, in both orders and sort fields", arguments: StoreBackend.allCases, [
        (CustomerQuery.SortField.createdAt, CustomerQuery.Order.ascending), (.createdAt, .descending),
        (.country, .ascending), (.country, .descending), (.name, .ascending), (.email, .descending),
    ])
    func cursor(backend: StoreBackend, sorting: (sortBy: CustomerQuery.SortField, order: CustomerQuery.Order)) async throws {
        let (sortBy, order) = sorting
        let (fixture, _) = try await Self.populated(backend)
        var query = CustomerQuery()
        query.includeLeads = true
        query.sortBy = sortBy
        query.order = order
        var seen: [Customer] = []
        var after: UUID?
        repeat {
            query.paging = .cursor(limit: 2, startingAfter: after)
            let page = try await fixture.store.listCustomers(query)
            seen += page.customers
            after = page.hasMore ? page.customers.last?.id : nil
        } while after != nil
        #expect(seen.count == 5)
        #expect(Set(seen.map(\.id)).count == 5)
        let keys: [String] = seen.map {
            switch sortBy {
            case .createdAt: String(format: "%012d", $0.createdAt)
            case .country: $0.country.code + String(format: "%012d", $0.createdAt)
            case .name: $0.name.lowercased()
            case .email: $0.email.lowercased()
            }
        }
        #expect(keys == (order == .ascending ? keys.sorted() : keys.sorted().reversed()))
    }

    @Test("sorting by name decrypts in memory and orders case-insensitively", arguments: StoreBackend.allCases)
    func sortByName(backend: StoreBackend) async throws {
        let (fixture, _) = try await Self.populated(backend)
        var query = CustomerQuery()
        query.sortBy = .name
        query.order = .ascending
        #expect(try await fixture.store.listCustomers(query).customers.map(\.name) == ["anna", "Bert", "Carla", "Zoe"])
    }

    @Test("an unknown starting_after is refused naming the parameter", arguments: StoreBackend.allCases)
    func unknownCursor(backend: StoreBackend) async throws {
        let (fixture, _) = try await Self.populated(backend)
        var query = CustomerQuery()
        query.paging = .cursor(limit: 2, startingAfter: UUID())
        let error = await #expect(throws: StoreError.self) { try await fixture.store.listCustomers(query) }
        guard case let .invalidField(field) = error else { Issue.record("expected invalidField"); return }
        #expect(field.field == "starting_after")
    }
}
