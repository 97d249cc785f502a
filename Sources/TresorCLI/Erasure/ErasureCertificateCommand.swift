import ArgumentParser
import Foundation
import TresorCompliance
import TresorService

extension ErasureCommand {
    struct Certificate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an erasure's signed certificate (JSON), write it as HTML, or verify it.",
            discussion: """
                ID is the certificate's id, or the id of the erasure request or of the erased customer. \
                --verify checks the signature with the deployment's audit key, that the certificate's \
                entry is in the erasure ledger, and that the customer's key and rows are gone; it exits \
                non-zero naming what fails.
                """)
        @OptionGroup var data: DataDirectoryOptions
        @OptionGroup var policies: PolicyOptions
        @Argument(help: "The certificate's, erasure request's or customer's id.") var id: String
        @Flag(help: "Verify the certificate instead of printing it.") var verify = false
        @Option(help: "Also write the certificate as HTML to this file.") var html: String?
        @Option(help: "The HTML page's language: en or de.") var language = "en"

        func validate() throws {
            guard CertificateHTML.languages.contains(language) else { throw ValidationError("--language must be en or de") }
        }

        func run() async throws {
            guard let uuid = UUID(uuidString: id) else { throw ValidationError("the id must be a UUID") }
            let (certificate, failures) = try await ErasureCommand.withService(data, command: "certificate") { service, request in
                let certificate = try await service.erasureCertificate(id: uuid, request: request)
                return (certificate, verify ? try await service.checkErasureCertificate(certificate, request: request) : [])
            }
            if let html {
                let environment = ProcessInfo.processInfo.environment
                let processing = try PolicySet.load(directory: PolicySet.directory(option: policies.directory, environment: environment)).processing
                try CertificateHTML.render(certificate, processing: processing, language: language).write(toFile: html, atomically: true, encoding: .utf8)
            }
            if verify {
                guard failures.isEmpty else { throw CommandFailure("certificate \(certificate.id) does not hold: \(failures.joined(separator: "; "))") }
                print("Certificate \(certificate.id) verifies: signed by \(certificate.keyID), erasure-ledger entry \(certificate.ledgerSequence) matches, "
                      + "the customer's key and rows are gone.")
            } else if html == nil {
                print(String(decoding: certificate.json(), as: UTF8.self))
            }
        }
    }
}
