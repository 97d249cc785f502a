import Foundation

/// Runs a program to completion and collects what it printed: how the tests drive the real
/// `tresor` binary and the Python cross-checks.
public enum ChildProcess {
    public struct Result: Sendable {
        public var exitCode: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// Runs `executable` (a path, or a name looked up through `/usr/bin/env`) with `arguments`.
    /// `environment` replaces the inherited one when given.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil
    ) throws -> Result {
        let path = executable.contains("/") ? executable : "/usr/bin/env"
        let process = try SpawnedProcess(executable: path, arguments: executable.contains("/") ? arguments : [executable] + arguments,
                                         environment: environment, directory: directory, captureStandardError: true)
        // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
        let errorData = ThreadSafeData()
        let errorReader = Thread { errorData.set(SpawnedProcess.readAll(process.standardError!)) }
        errorReader.start()
        let outputData = SpawnedProcess.readAll(process.standardOutput)
        let exitCode = process.waitForExit()
        return Result(exitCode: exitCode,
                      standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData.waitForValue(), as: UTF8.self))
    }

    /// The path of a file under `Tests/`, from any test file's `#filePath`.
    public static func testsFile(_ relativePath: String, from filePath: String = #filePath) -> String {
        var url = URL(fileURLWithPath: filePath)
        while url.lastPathComponent != "Tests", url.path != "/" { url.deleteLastPathComponent() }
        return url.appendingPathComponent(relativePath).path
    }
}

/// Data handed from the stderr reader thread to the caller.
private final class ThreadSafeData: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Data?

    func set(_ data: Data) {
        condition.lock()
        value = data
        condition.signal()
        condition.unlock()
    }

    func waitForValue() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
