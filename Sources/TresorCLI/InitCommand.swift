import ArgumentParser
import Foundation
import TresorDeployment

/// `tresor init`: creates a deployment.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a data directory with its databases, master key and first admin API key.",
        discussion: """
            The admin key is printed once and cannot be shown again (only its hash is stored).

            Examples:
              tresor init
              TRESOR_MASTER_KEY=$(openssl rand -base64 32) tresor init --data-dir /srv/tresor
            """
    )

    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let deployment = Deployment(directory: data.url)
        let result = try await deployment.initialise()
        print("Initialised \(deployment.directory.path)")
        print("Admin API key (\(result.keyID)), shown only now:")
        print("  \(result.secret)")
        for warning in result.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
    }
}
