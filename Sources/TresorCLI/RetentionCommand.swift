import ArgumentParser
import Foundation
import TresorCompliance
import TresorService

/// `tresor retention run`: the retention job once, as `tresor serve` runs it every hour.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Legal-hold retention: end the holds whose last day has passed, or one hold early.",
        subcommands: [Run.self, End.self]
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
            let ended = try await Deployment(directory: data.url).withService(command: "retention run", purpose: "legal-obligation") { service, request in
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
            let hold = try await Deployment(directory: data.url).withService(command: "retention end", purpose: "legal-obligation") { service, request in
                try await service.endLegalHold(id: holdID, request: request)
            }
            print("Ended hold \(hold.id.lowercaseText)\(hold.status == .retained ? "; the \(hold.category.rawValue) it retained are erased" : "").")
        }
    }
}
