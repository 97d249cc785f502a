import ArgumentParser
import Foundation

/// `--data-dir`, shared by every command that works on a deployment.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The deployment's data directory (default: $TRESOR_DATA_DIR or ./tresor-data).")
    var dataDirectory: String?

    var url: URL {
        let environment = ProcessInfo.processInfo.environment
        let path = dataDirectory ?? environment["TRESOR_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "tresor-data"
        return URL(fileURLWithPath: path).standardizedFileURL
    }
}

/// `--policies`, for commands that read the policy files.
struct PolicyOptions: ParsableArguments {
    @Option(name: .customLong("policies"), help: "Directory with roles.yaml and residency.yaml (default: $TRESOR_POLICIES or ./policies, else built-in defaults).")
    var directory: String?
}
