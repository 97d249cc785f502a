import ArgumentParser
import Foundation
import TresorCompliance
import TresorDeployment
import TresorModel
import TresorService

/// `tresor retention run`: the retention job once, as `tresor serve` runs it every hour.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Legal holds: declare one, end the holds whose last day has passed, or one hold early.",
        subcommands: [Hold.self, Run.self, End.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End every legal hold whose last day has passed, erasing what it retained.",
            discussion: """
                Each ended hold that retained data of an erased customer has that copy erased: its \
                key is destroyed, the erasure is appended to the erasure ledger and the access log \
                (action retention.run). `tresor serve` runs the same job at start and every hour.
                """)
        @OptionGroup var data: DataDirectoryOptions

        func run() async throws {
            let ended = try await Deployment(directory: data.url).withService(command: "retention run", purpose: SystemPurpose.legalObligation.rawValue) { service, request in
                try await service.runRetention(request: request)
            }
            for hold in ended {
                let what = hold.status == .retained ? "retained \(hold.category.rawValue) erased" : "ended (customer not erased, nothing retained)"
                print("\(hold.id.lowercaseText)  customer \(hold.customerID.lowercaseText)  until \(hold.until)  \(what)")
            }
            print("\(ended.count) hold(s) ended.")
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End one legal hold now (its obligation ended early); data it retains of an erased customer is erased.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The hold's id.") var id: String

        func run() async throws {
            guard let holdID = UUID(uuidString: id) else { throw ValidationError("the hold id must be a UUID") }
            let hold = try await Deployment(directory: data.url).withService(command: "retention end", purpose: SystemPurpose.legalObligation.rawValue) { service, request in
                try await service.endLegalHold(id: holdID, request: request)
            }
            print("Ended hold \(hold.id.lowercaseText)\(hold.status == .retained ? "; the \(hold.category.rawValue) it retained are erased" : "").")
        }
    }

    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare a legal hold on a customer: from a rule of retention.yaml, or given outright.",
            discussion: """
                API keys declare holds from the rules of retention.yaml only. A hold the rules do not \
                cover (a court order, a tax audit) is declared here by an operator; the access log \
                names the operator's login (action hold.create).

                Examples:
                  tresor retention hold CUSTOMER_ID --rule invoices --document-date 2026-03-15
                  tresor retention hold CUSTOMER_ID --category billing_addresses \\
                      --legal-basis "LG Berlin, order 12 O 345/26" --purpose invoicing --until 2028-06-30
                """)
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The customer's id.") var customer: String
        @Option(help: "A legal_holds rule of retention.yaml.") var rule: String?
        @Option(name: .customLong("document-date"), help: "With --rule: the document's date (YYYY-MM-DD), today if left out.") var documentDate: String?
        @Option(help: "Without --rule: identity, contact, billing_addresses, shipping_addresses or relationship.") var category: String?
        @Option(name: .customLong("legal-basis"), help: "Without --rule: the law or order that requires keeping the data.") var legalBasis: String?
        @Option(help: "Without --rule: the purpose the retained data may be read for.") var purpose: String?
        @Option(help: "Without --rule: the hold's last day (YYYY-MM-DD).") var until: String?

        func run() async throws {
            guard let customerID = UUID(uuidString: customer) else { throw ValidationError("the customer id must be a UUID") }
            let draft = LegalHoldDraft(rule: rule, documentDate: try day(documentDate, "--document-date"), category: category,
                                       legalBasis: legalBasis, purpose: purpose, until: try day(until, "--until"))
            let hold = try await Deployment(directory: data.url).withService(command: "retention hold", purpose: SystemPurpose.legalObligation.rawValue) { service, request in
                try await service.createLegalHold(customerID: customerID, draft: draft, request: request)
            }
            print("Declared hold \(hold.id.lowercaseText) on customer \(hold.customerID.lowercaseText): \(hold.category.rawValue) until \(hold.until).")
        }

        private func day(_ text: String?, _ option: String) throws -> CalendarDay? {
            guard let text else { return nil }
            guard let day = CalendarDay(text) else { throw ValidationError("\(option) must be a date (YYYY-MM-DD)") }
            return day
        }
    }
}
