import Foundation
import Testing

/// Runs the real `tresor` executable built next to the test bundle.
public enum TresorProcess {
    /// The `tresor` binary in the same build folder as the running tests.
    public static var executablePath: String {
        get throws {
            let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tresor").path
            try #require(FileManager.default.isExecutableFile(atPath: candidate), "no tresor binary at \(candidate)")
            return candidate
        }
    }

    /// Runs `tresor arguments…` to completion with `environment` added to a minimal one.
    public static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> ChildProcess.Result {
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        base.merge(environment) { _, new in new }
        return try ChildProcess.run(executablePath, arguments, environment: base, directory: directory)
    }

    /// `tresor init` of a new data directory; returns the admin API key it printed once.
    public static func initialise(_ dataDirectory: String) throws -> String {
        let result = try run(["init", "--data-dir", dataDirectory])
        try #require(result.exitCode == 0, "\(result.standardError)")
        return try #require(result.standardOutput.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces))
    }

    /// `tresor serve` on a port the system chooses (`listeningPort`), ready once it says it is
    /// listening. Webhook receivers of the tests run on loopback, so the development flag is on
    /// unless `loopbackWebhooks` is false.
    public static func serve(_ dataDirectory: String, loopbackWebhooks: Bool = true, arguments: [String] = []) throws -> ServerProcess {
        try ServerProcess(try executablePath, ["serve", "--data-dir", dataDirectory, "--port", "0"] + (loopbackWebhooks ? ["--allow-loopback-webhooks"] : []) + arguments,
                          environment: ["PATH": "/usr/bin:/bin"], readyLine: "listening")
    }

    /// The test webhook receiver (`Tests/interop/webhook_receiver.py`) on a port the system
    /// chooses (`listeningPort`): it verifies each delivery with the secret in `secretFile` (read
    /// at each delivery, so it can be written once the endpoint is registered) and appends it to
    /// `file`. A test that registers the URL while the receiver is down passes the `port` it
    /// reserved (`TestPorts.free()`).
    public static func webhookReceiver(secretFile: URL, file: URL, port: Int = 0) throws -> ServerProcess {
        try ServerProcess(try PythonTools.python, [ChildProcess.testsFile("interop/webhook_receiver.py"), "\(port)", "@" + secretFile.path, file.path],
                          environment: ProcessInfo.processInfo.environment, readyLine: "receiver listening")
    }

    /// The JSON lines of a file a test receiver wrote (none when it does not exist yet).
    public static func records(_ file: URL) throws -> [[String: Any]] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Polls `condition` until it holds; records an issue and throws after `timeout` seconds.
    public static func waitUntil(_ what: String, timeout: Double = 10, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }
}
