import ArgumentParser
import Foundation
import TresorCompliance
import TresorModel

/// `tresor policy check`: validates the policy files.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Policy files.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check roles.yaml, residency.yaml, retention.yaml and processing.yaml; print the first problem with file, line and field.",
            discussion: """
                Besides each file's own rules: processing.yaml must declare every purpose the access log can \
                name, Tresor's own (\(SystemPurpose.allCases.map(\.rawValue).joined(separator: ", "))) and each role's.

                Example:
                  tresor policy check --policies ./policies
                """
        )
        @OptionGroup var policies: PolicyOptions

        func run() throws {
            let set = try PolicySet.load(directory: PolicySet.directory(option: policies.directory, environment: ProcessInfo.processInfo.environment))
            try set.residency.checkStorageRegion()
            try set.checkPurposesDeclared()
            print("OK: \(set.roles.roles.count) roles; storage region \(set.residency.storageRegion) (\(set.residency.storageCountry?.code ?? "?")); access log kept \(set.retention.accessLogKeepDays) days; \(set.processing.purposes.count) processing purposes, \(set.processing.recipients.count) recipients; policies from \(set.source)")
        }
    }
}
