import ArgumentParser
import Foundation
import TresorCompliance
import TresorDeployment
import TresorService

/// `tresor export --customer ID --out FILE.zip`.
struct ExportCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Write a subject's export package: their data, the data they provided, every access, and the Art. 15 statement, signed.",
        discussion: """
            Finds the subject by customer id or by email (through the blind index). The package is \
            logged as customer.export with the purpose art15 (default) or art20. The file is the \
            subject's data in clear: hand it over securely and delete it afterwards.

            Examples:
              tresor export --customer 0b5e7c1e-5d1c-4a8e-9f1e-2f7a3c9d1b22 --out anna.zip
              tresor export --email anna@example.de --purpose art20 --out anna.zip
              tresor export verify anna.zip
            """
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var policies: PolicyOptions

    @OptionGroup var subject: SubjectOptions
    @Option(help: "Where to write the package (a new .zip file).") var out: String
    @Option(help: "art15 (right of access) or art20 (data portability).") var purpose: String = "art15"
    @Option(help: "Statement language: en or de (default: the customer's locale, else en).") var language: String?

    func validate() throws {
        guard SubjectExporter.Purpose(rawValue: purpose) != nil else { throw ValidationError("--purpose must be art15 or art20") }
        if let language, !["en", "de"].contains(language) { throw ValidationError("--language must be en or de") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let policySet = try PolicySet.load(directory: PolicySet.directory(option: policies.directory, environment: environment))
        let output = URL(fileURLWithPath: out)
        guard !FileManager.default.fileExists(atPath: output.path) else { throw CommandFailure("\(out) exists; choose a new file name") }
        let store = try await Deployment(directory: data.url).openExistingStore()
        defer { try? store.close() }
        guard let signingKey = store.accessLog.signingKey else { throw CommandFailure("the deployment has no audit signing key") }
        let exporter = SubjectExporter(store: store, policies: policySet, signingKey: signingKey, tresorVersion: TresorVersion.current)
        let service = TresorService(store: store, residency: policySet.residency, exporter: exporter)
        let started = ContinuousClock.now
        let summary = try await service.exportSubject(subject.reference, purpose: SubjectExporter.Purpose(rawValue: purpose)!,
                                                      request: .operator(command: "export")) { exporter, id in
            try await exporter.export(customerID: id, purpose: SubjectExporter.Purpose(rawValue: purpose)!, language: language, to: output)
        }
        let elapsed = started.duration(to: .now)
        print("Wrote \(out): subject \(summary.manifest.subjectID), \(summary.manifest.files.count + 1) files, \(summary.accessLogEntries) access-log entries, signed by \(summary.manifest.keyID) (\(elapsed.formatted(.units(allowed: [.seconds, .milliseconds]))))")
    }
}
