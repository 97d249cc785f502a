import Foundation

/// A long-running child process (`tresor serve`) that tests start, wait for, and kill.
public final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let condition = NSCondition()
    private var printed = ""

    /// Starts `executable` and returns once a line of its standard output contains `readyLine`
    /// (or throws after `timeout` seconds, or if it exits first).
    public init(_ executable: String, _ arguments: [String], environment: [String: String], readyLine: String,
                timeout: TimeInterval = 30) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        let reader = Thread { [self] in
            while true {
                let data = handle.availableData
                condition.lock()
                if data.isEmpty { printed += "\u{0}" } else { printed += String(decoding: data, as: UTF8.self) }
                condition.broadcast()
                condition.unlock()
                if data.isEmpty { return }
            }
        }
        reader.start()
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !printed.contains(readyLine) {
            guard !printed.contains("\u{0}") else { throw ServerProcessError.exited(printed) }
            guard condition.wait(until: deadline) else { throw ServerProcessError.timedOut(printed) }
        }
    }

    /// Sends `signal` (SIGKILL: no chance to clean up) and waits for the process to end.
    public func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill(SIGKILL) }
    }
}

public enum ServerProcessError: Error {
    case exited(String)
    case timedOut(String)
}
