import Foundation

/// A long-running child process (`tresor serve`) that tests start, wait for, and kill.
public final class ServerProcess: @unchecked Sendable {
    private let process: SpawnedProcess
    /// What the process printed; shared with the reader thread (which must not hold `self`, or
    /// the process would outlive a failed test).
    private let printed = PrintedText()
    /// What it wrote to standard error, kept to explain a start that failed.
    private let complaints = PrintedText()
    /// The port it said it listens on ("… listening on http://127.0.0.1:41234 …" or "… listening
    /// on 41234"): servers in tests are started on port 0 and take the port the system gives them.
    public let port: Int?

    /// Starts `executable` and returns once a line of its standard output contains `readyLine`
    /// (or throws after `timeout` seconds, or if it exits first).
    public init(_ executable: String, _ arguments: [String], environment: [String: String], readyLine: String,
                timeout: TimeInterval = 30) throws {
        let process = try SpawnedProcess(executable: executable, arguments: arguments, environment: environment, directory: nil,
                                         captureStandardError: true)
        self.process = process
        let printed = self.printed
        let reader = Thread {
            while true {
                let data = SpawnedProcess.readSome(process.standardOutput)
                printed.append(data.map { String(decoding: $0, as: UTF8.self) } ?? "\u{0}")
                if data == nil { return }
            }
        }
        reader.start()
        let complaints = self.complaints
        let errorReader = Thread {
            while let data = SpawnedProcess.readSome(process.standardError!) { complaints.append(String(decoding: data, as: UTF8.self)) }
        }
        errorReader.start()
        do {
            try printed.wait(for: readyLine, until: Date().addingTimeInterval(timeout))
        } catch ServerProcessError.exited(let output) {
            // It ended before it was ready: say how, and what it said last.
            let status = process.waitForExit()
            let lastLines = complaints.current.split(separator: "\n").suffix(20).joined(separator: "\n")
            throw ServerProcessError.exited("\(URL(fileURLWithPath: executable).lastPathComponent) \(arguments.first ?? "") exited with status \(status) "
                                            + "before it was ready; standard output:\n\(output.replacingOccurrences(of: "\u{0}", with: ""))\n"
                                            + "last lines of standard error:\n\(lastLines)")
        } catch {
            process.send(SIGKILL)
            process.waitForExit()
            throw error
        }
        port = Self.listeningPort(in: printed.current)
    }

    /// The number after "listening on " (and after the host, when a URL follows).
    static func listeningPort(in output: String) -> Int? {
        guard let marker = output.range(of: "listening on ") else { return nil }
        var rest = output[marker.upperBound...].prefix { !$0.isWhitespace }
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let colon = rest.lastIndex(of: ":") { rest = rest[rest.index(after: colon)...] }
        return Int(rest.prefix { $0.isNumber })
    }

    /// The port the process listens on; fails the test when it did not say.
    public var listeningPort: Int {
        get throws {
            guard let port else { throw ServerProcessError.exited("no \"listening on\" line in: \(standardOutput)") }
            return port
        }
    }

    /// What the process has printed so far.
    public var standardOutput: String { printed.current }

    /// Sends `signal` (SIGKILL: no chance to clean up) and waits for the process to end.
    public func kill(_ signal: Int32) {
        process.send(signal)
        process.waitForExit()
    }

    deinit {
        kill(SIGKILL)
    }
}

/// Text a reader thread appends to and a waiter watches.
private final class PrintedText: @unchecked Sendable {
    private let condition = NSCondition()
    private var text = ""

    func append(_ more: String) {
        condition.lock()
        text += more
        condition.broadcast()
        condition.unlock()
    }

    var current: String {
        condition.lock()
        defer { condition.unlock() }
        return text
    }

    /// Returns once the text contains `line`; throws when the process ended first (a NUL marks
    /// the end) or at `deadline`.
    func wait(for line: String, until deadline: Date) throws {
        condition.lock()
        defer { condition.unlock() }
        while !text.contains(line) {
            guard !text.contains("\u{0}") else { throw ServerProcessError.exited(text) }
            guard condition.wait(until: deadline) else { throw ServerProcessError.timedOut(text) }
        }
    }
}

public enum ServerProcessError: Error {
    case exited(String)
    case timedOut(String)
}
