import ArgumentParser

/// The `tresor` command: the root of every subcommand.
public struct TresorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tresor",
        abstract: "Tresor: an encrypted, GDPR-ready customer store with a Tamio-compatible API.",
        discussion: """
            Personal data is sealed with AES-256-GCM under one key per data subject; those keys are \
            wrapped by a versioned master key. See Docs/ for the architecture and the formats.

            Examples:
              tresor serve                 run the API on http://127.0.0.1:8080 (initialises ./tresor-data)
              tresor keys create --role integration --name "Shop backend"
              tresor audit verify --public-key tresor-audit.pem
                                           verify the access log with the auditor's key
              tresor export --customer ID --out anna.zip
                                           a subject's data, accesses and Art. 15 statement, signed
              tresor erasure list --due-within 7
                                           erasure requests due within a week, overdue ones marked
              tresor policy check          validate the files in policies/
              tresor vat check DE136695976 check an EU VAT number offline
              tresor bench                 throughput beside baselines from the same run
              tresor bench --json          the same figures as JSON
            """,
        version: TresorVersion.current,
        subcommands: [InitCommand.self, ServeCommand.self, KeysCommand.self, AuditCommand.self, ExportCommand.self, ErasureCommand.self,
                      CustomersCommand.self, RetentionCommand.self, BackupCommand.self, RestoreCommand.self, PolicyCommand.self, VATCommand.self, BenchCommand.self]
    )

    public init() {}
}
