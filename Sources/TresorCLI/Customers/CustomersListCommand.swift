import ArgumentParser
import Foundation
import TresorDeployment
import TresorModel
import TresorService
import TresorStore

extension CustomersCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List customers with the API's list filters, as a table or JSON lines.",
            discussion: """
                Every listing is an access-log entry (customer.list) naming the customers shown.

                Examples:
                  tresor customers list --country de --country at
                  tresor customers list --email anna@example.de --json
                  tresor customers list --include-leads --sort-by name --order asc --per-page 100 --page 2
                """)
        @OptionGroup var data: DataDirectoryOptions
        @Flag(name: .customLong("include-leads"), help: "Include leads (left out by default, as in Tamio).") var includeLeads = false
        @Option(help: "Only this category: customer or lead.") var category: String?
        @Option(help: "Only customers in this country (ISO 3166-1 alpha-2; repeatable).") var country: [String] = []
        @Option(help: "Only customers assigned to this teammate id.") var teammate: String?
        @Option(name: .customLong("mailing-list"), help: "Only customers on this mailing list id.") var mailingList: String?
        @Option(help: "Only the customer with this email (exact, through the blind index).") var email: String?
        @Option(name: .customLong("sort-by"), help: "created_at, name, email or country.") var sortBy = "created_at"
        @Option(help: "asc or desc.") var order = "desc"
        @Option(help: "Page, from 1.") var page = 1
        @Option(name: .customLong("per-page"), help: "Customers per page (1 to 500).") var perPage = 50
        @Flag(help: "Print each customer as a JSON line in Tamio's shape.") var json = false

        func run() async throws {
            let query = try makeQuery()
            let result = try await Deployment(directory: data.url).withService(command: "customers list") { service, request in
                try await service.listCustomers(query, request: request)
            }
            if json {
                for customer in result.customers { print(String(decoding: JSONWriter.data(TamioCustomerJSON.customer(customer)), as: UTF8.self)) }
                return
            }
            let rows = result.customers.map { customer in
                [customer.id.lowercaseText, [customer.name, customer.lastName].compactMap { $0 }.joined(separator: " "), customer.email,
                 customer.country.code, customer.category.rawValue,
                 String(AccessLogJSON.timestamp(customer.createdAt * 1000).prefix(10))]
            }
            print(Self.table(header: ["id", "name", "email", "country", "category", "created"], rows: rows))
            print("\(result.customers.count) shown\(result.totalResults.map { " of \($0)" } ?? "") (page \(page))")
        }

        func makeQuery() throws -> CustomerQuery {
            var query = CustomerQuery()
            query.includeLeads = includeLeads
            if let category {
                guard let value = CustomerCategory(rawValue: category) else { throw ValidationError("--category must be customer or lead") }
                query.category = value
            }
            query.countries = try country.map { code in
                guard let value = CountryCode(code) else { throw ValidationError("--country \(code) is not an ISO 3166-1 alpha-2 code") }
                return value
            }
            if let teammate {
                guard let id = UUID(uuidString: teammate) else { throw ValidationError("--teammate must be a UUID") }
                query.teammateID = id
            }
            if let mailingList {
                guard let id = UUID(uuidString: mailingList) else { throw ValidationError("--mailing-list must be a UUID") }
                query.mailingListID = id
            }
            query.email = email
            guard let sort = CustomerQuery.SortField(rawValue: sortBy) else { throw ValidationError("--sort-by must be created_at, name, email or country") }
            query.sortBy = sort
            guard let direction = CustomerQuery.Order(rawValue: order) else { throw ValidationError("--order must be asc or desc") }
            query.order = direction
            guard page >= 1, (1...500).contains(perPage) else { throw ValidationError("--page must be at least 1 and --per-page 1 to 500") }
            query.paging = .pages(page: page, perPage: perPage)
            return query
        }

        /// Columns padded to their widest cell.
        static func table(header: [String], rows: [[String]]) -> String {
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            return ([header] + rows).map { row in
                row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n")
        }
    }
}
