import ArgumentParser
import Foundation
import TresorModel
import TresorService

extension ErasureCommand {
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an erasure request for a customer.")
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var subject: SubjectOptions
        @Option(help: "How it came in: email, letter, phone, web_form, in_person.") var channel: String
        @Option(help: "The day it was received (YYYY-MM-DD; default today).") var received: String?
        @Option(help: "A note (sealed under the customer's key).") var note: String?

        func validate() throws {
            if let received, CalendarDay(received) == nil { throw ValidationError("--received must be a date, YYYY-MM-DD") }
        }

        func run() async throws {
            let created = try await ErasureCommand.withService(data, command: "request") { service, request in
                try await service.createErasureRequest(for: subject.reference, receivedOn: received.flatMap(CalendarDay.init), channel: channel, note: note,
                                                       request: request)
            }
            print("Recorded \(created.id.uuidString.lowercased()): due \(created.deadline.due)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List erasure requests; overdue and due-soon ones are marked.")
        @OptionGroup var data: DataDirectoryOptions
        @Option(help: "Only this status: received, approved, rejected, executed.") var status: String?
        @Option(name: .customLong("due-within"), help: "Only open requests due within this many days (overdue included).") var dueWithin: Int?

        func run() async throws {
            var wanted: ErasureRequest.Status?
            if let status {
                guard let value = ErasureRequest.Status(rawValue: status) else { throw ValidationError("--status must be received, approved, rejected or executed") }
                wanted = value
            }
            let requests = try await ErasureCommand.withService(data, command: "list") { service, request in
                try await service.erasureRequests(status: wanted, dueWithin: dueWithin, request: request)
            }
            if requests.isEmpty { print("No erasure requests.") }
            for line in ErasureCommand.lines(requests) { print(line) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one erasure request.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The request's id.") var id: String

        func run() async throws {
            let found = try await ErasureCommand.withService(data, command: "show") { service, request in
                try await service.erasureRequest(id: try ErasureCommand.requestID(id), request: request)
            }
            for line in ErasureCommand.lines([found]) { print(line) }
            print("channel: \(found.channel)")
            if let by = found.identityVerifiedBy { print("identity verified by \(by): \(found.identityVerification ?? "")") }
            if found.extensionMonths > 0 { print("extended by \(found.extensionMonths) months: \(found.extensionReason ?? "")") }
            if let rejection = found.rejection { print("rejected: \(rejection.rawValue)") }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a received request; you are recorded as the identity verifier.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The request's id.") var id: String
        @Option(name: .customLong("identity-verification"), help: "How the requester's identity was verified.") var verification: String

        func run() async throws {
            let found = try await ErasureCommand.withService(data, command: "approve") { service, request in
                try await service.approveErasureRequest(id: try ErasureCommand.requestID(id), verification: verification, request: request)
            }
            print("Approved \(found.id.uuidString.lowercased()); execute it with `tresor erasure execute`.")
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a request on a ground: \(ErasureRejection.allCases.map(\.rawValue).joined(separator: ", ")).")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The request's id.") var id: String
        @Option(help: "The ground (Art. 17(3)(a)-(e), 12(5), 12(6)).") var reason: String

        func run() async throws {
            let found = try await ErasureCommand.withService(data, command: "reject") { service, request in
                try await service.rejectErasureRequest(id: try ErasureCommand.requestID(id), reason: reason, request: request)
            }
            print("Rejected \(found.id.uuidString.lowercased()) (\(found.rejection?.rawValue ?? reason)).")
        }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend the deadline once by 1 or 2 months, within the first month.")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The request's id.") var id: String
        @Option(help: "1 or 2.") var months: Int
        @Option(help: "Why: the requester must be told.") var reason: String

        func run() async throws {
            let found = try await ErasureCommand.withService(data, command: "extend") { service, request in
                try await service.extendErasureRequest(id: try ErasureCommand.requestID(id), months: months, reason: reason, request: request)
            }
            print("Extended \(found.id.uuidString.lowercased()): now due \(found.deadline.due).")
        }
    }

    struct Execute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Erase the customer of an approved request (destroys their key).")
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The request's id.") var id: String

        func run() async throws {
            let (found, certificate) = try await ErasureCommand.withService(data, command: "execute") { service, request in
                let found = try await service.executeErasureRequest(id: try ErasureCommand.requestID(id), request: request)
                return (found, try await service.erasureCertificate(id: found.id, request: request))
            }
            print("Executed \(found.id.uuidString.lowercased()): customer \(found.customerID.uuidString.lowercased()) erased.")
            print("Certificate \(certificate.id): tresor erasure certificate \(certificate.id) [--verify] [--html FILE]")
        }
    }
}
