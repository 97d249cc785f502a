import ArgumentParser

/// `tresor export`: a data subject's export package, and its verification.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a data subject's package (GDPR Art. 15 access, Art. 20 portability), or verify one.",
        subcommands: [ExportCreateCommand.self, ExportVerifyCommand.self],
        defaultSubcommand: ExportCreateCommand.self
    )
}
