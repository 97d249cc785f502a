import Foundation
import Testing
import TresorTestSupport

/// Runs the real `tresor` executable built next to the test bundle.
enum TresorProcess {
    /// The `tresor` binary in the same build folder as the running tests.
    static var executablePath: String {
        get throws {
            let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tresor").path
            try #require(FileManager.default.isExecutableFile(atPath: candidate), "no tresor binary at \(candidate)")
            return candidate
        }
    }

    /// Runs `tresor arguments…` to completion with `environment` added to a minimal one.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> ChildProcess.Result {
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        base.merge(environment) { _, new in new }
        return try ChildProcess.run(executablePath, arguments, environment: base, directory: directory)
    }
}
