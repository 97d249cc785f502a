import Foundation

/// OpenSSL's own AES-256-GCM rate, from `openssl speed -mr`, as the baseline for the crypto core.
enum OpenSSLSpeed {
    enum Failure: Error, CustomStringConvertible {
        case notRunnable(String)
        case unparsable(String)

        var description: String {
            switch self {
            case let .notRunnable(reason): return "cannot run `openssl speed`: \(reason)"
            case let .unparsable(output): return "unexpected `openssl speed` output: \(output.suffix(200))"
            }
        }
    }

    /// Messages per second that `openssl speed -evp aes-256-gcm` encrypts at `bytes` per message.
    /// With `aead`, each message is a full AEAD operation (IV set-up, AAD, encrypt, tag), which is
    /// what a sealed field costs; without it, OpenSSL's default streaming loop.
    static func aes256GCMMessagesPerSecond(bytes: Int, seconds: Int, aead: Bool) throws -> Double {
        var arguments = ["speed"]
        if aead { arguments.append("-aead") }
        arguments += ["-evp", "aes-256-gcm", "-bytes", String(bytes), "-seconds", String(seconds), "-mr"]
        let output = try run(arguments)
        // Machine-readable result line: +F:<n>:<name>:<bytes per second>
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("+F:") }),
              let field = line.split(separator: ":").last, let bytesPerSecond = Double(field) else {
            throw Failure.unparsable(output)
        }
        return bytesPerSecond / Double(bytes)
    }

    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        // `openssl speed` stops each measurement with SIGALRM. The threads Swift concurrency runs
        // on block that signal, and a child starts with its parent thread's mask, so unblock it
        // around the spawn (otherwise the child would never stop).
        var alarm = sigset_t()
        var previous = sigset_t()
        sigemptyset(&alarm)
        sigaddset(&alarm, SIGALRM)
        pthread_sigmask(SIG_UNBLOCK, &alarm, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        do {
            try process.run()
        } catch {
            throw Failure.notRunnable("\(error)")
        }
        // A watchdog: should the child never stop (see BenchCommand), end it rather than hang.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationStatus == 0 else {
            throw Failure.notRunnable("exit code \(process.terminationStatus); is the openssl command installed (apt: openssl)?")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
