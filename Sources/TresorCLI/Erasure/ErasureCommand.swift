import ArgumentParser
import Foundation
import TresorCompliance
import TresorDeployment
import TresorModel
import TresorService
import TresorStore

/// `tresor erasure`: erasure requests (GDPR Art. 17) at the command line, through the same
/// operations as `/v2/compliance/erasure-requests`.
struct ErasureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erasure",
        abstract: "Erasure requests (GDPR Art. 17): record, list, decide and execute them.",
        discussion: """
            Deadlines follow Art. 12(3): one calendar month after receipt, clamped to the month's end, \
            extendable once by up to two months within the first month (Docs/erasure.md).

            Examples:
              tresor erasure request --email anna@example.de --channel email
              tresor erasure list --due-within 7
              tresor erasure approve ID --identity-verification "reply from the address on file"
              tresor erasure reject ID --reason art17_3_b
              tresor erasure extend ID --months 2 --reason "twelve linked accounts"
              tresor erasure execute ID
              tresor erasure certificate ID --verify
              tresor erasure certificate ID --html certificate.html
            """,
        subcommands: [Request.self, List.self, Show.self, Approve.self, Reject.self, Extend.self, Execute.self, Certificate.self]
    )

    /// Runs `body` with the deployment's service and an operator request naming `command`.
    static func withService<Value>(_ data: DataDirectoryOptions, command: String,
                                   _ body: (TresorService, RequestInfo) async throws -> Value) async throws -> Value {
        try await Deployment(directory: data.url).withService(command: "erasure \(command)", body)
    }

    static func requestID(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw ValidationError("the request id must be a UUID") }
        return id
    }

    /// One line per request; overdue and due-soon ones marked (in colour on a terminal).
    static func lines(_ requests: [ErasureRequest], today: CalendarDay = TresorService.today()) -> [String] {
        let colour = isatty(STDOUT_FILENO) == 1
        return requests.map { request in
            var flag = ""
            if request.isOpen && request.deadline.isOverdue(on: today) {
                flag = colour ? "\u{1B}[1;31mOVERDUE\u{1B}[0m" : "OVERDUE"
            } else if request.isOpen && request.deadline.isDue(within: 7, of: today) {
                flag = colour ? "\u{1B}[33mdue soon\u{1B}[0m" : "due soon"
            }
            let columns = [request.id.uuidString.lowercased(), request.customerID.uuidString.lowercased(), "received \(request.receivedOn)",
                           "due \(request.deadline.due)", request.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), flag]
            return columns.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
