import ArgumentParser
import Foundation
import TresorService

/// `--customer ID` or `--email ADDRESS`: the data subject a compliance command is about.
struct SubjectOptions: ParsableArguments {
    @Option(help: "The subject's customer id.") var customer: String?
    @Option(help: "The subject's email address (found through the blind index).") var email: String?

    func validate() throws {
        guard (customer == nil) != (email == nil) else { throw ValidationError("give exactly one of --customer and --email") }
        if let customer, UUID(uuidString: customer) == nil { throw ValidationError("--customer must be a customer id (UUID)") }
    }

    var reference: SubjectReference {
        customer.flatMap(UUID.init(uuidString:)).map { .customer($0) } ?? .email(email ?? "")
    }
}
