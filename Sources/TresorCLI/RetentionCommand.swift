import ArgumentParser
import Foundation
import TresorCompliance
import TresorService

/// `tresor retention run`: the retention job once, as `tresor serve` runs it every hour.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Legal-hold retention: end the holds whose last day has passed.",
        subcommands: [Run.self]
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
            let store = try await Deployment(directory: data.url).openExistingStore()
            defer { try? store.close() }
            let ended = try await TresorService(store: store).runRetention(request: .operator(command: "retention run", purpose: "legal-obligation"))
            for hold in ended {
                let what = hold.status == .retained ? "retained \(hold.category.rawValue) erased" : "ended (customer not erased, nothing retained)"
                print("\(hold.id.lowercaseText)  customer \(hold.customerID.lowercaseText)  until \(hold.until)  \(what)")
            }
            print("\(ended.count) hold(s) ended.")
        }
    }
}
