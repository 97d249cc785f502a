import ArgumentParser

/// `tresor audit`: the access log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Query and verify the access log.",
        discussion: """
            Every read or write of personal data, and every denied attempt, is an entry in a hash-chained \
            log with signed checkpoints (Docs/access-log.md). `verify` needs only the public key.

            Examples:
              tresor audit public-key > tresor-audit.pem
              tresor audit verify --public-key tresor-audit.pem
              tresor audit query --customer 5f0c… --since 2026-11-01 --csv > accesses.csv
            """,
        subcommands: [AuditVerifyCommand.self, AuditQueryCommand.self, AuditPublicKeyCommand.self, AuditCheckpointCommand.self,
                      AuditPruneCommand.self]
    )
}
