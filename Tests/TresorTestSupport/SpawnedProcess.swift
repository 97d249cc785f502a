import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its standard output (and optionally standard
/// error) on pipes.
///
/// Not Foundation's `Process`: in swift-corelibs-foundation of Swift 6.3, `Process.run()` copies
/// whole `dirent` records while it lists `/proc/self/fd` and now and then reads past the end of
/// glibc's buffer, which crashed the test process (swiftlang/swift-corelibs-foundation#5472).
/// The pipes are close-on-exec and made under one lock with every spawn, so no child inherits
/// another child's pipe; the child gets an empty signal mask and default signal handlers, so
/// SIGTERM reaches it.
final class SpawnedProcess: @unchecked Sendable {
    let pid: pid_t
    /// The read end of the child's standard output.
    let standardOutput: Int32
    /// The read end of the child's standard error, when captured.
    let standardError: Int32?
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Pipes are made and children spawned one at a time (see the type's documentation).
    private static let spawning = NSLock()

    /// Starts `executable` in `directory` (through the shell: glibc's `addchdir` is not visible to Swift).
    convenience init(executable: String, arguments: [String], environment: [String: String]?, directory: URL?, captureStandardError: Bool) throws {
        if let directory {
            try self.init(executable: "/bin/sh", arguments: ["-c", "cd \"$0\" && exec \"$@\"", directory.path, executable] + arguments,
                          environment: environment, captureStandardError: captureStandardError)
        } else {
            try self.init(executable: executable, arguments: arguments, environment: environment, captureStandardError: captureStandardError)
        }
    }

    init(executable: String, arguments: [String], environment: [String: String]?, captureStandardError: Bool) throws {
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        let output = try Self.makePipe()
        let errors = captureStandardError ? try Self.makePipe() : nil
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        if let errors {
            posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables = environment.map { $0.map { "\($0.key)=\($0.value)" } } ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let envp = variables.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }

        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(output.write)
        if let errors { close(errors.write) }
        guard code == 0 else {
            close(output.read)
            if let errors { close(errors.read) }
            throw SpawnError(executable: executable, code: code)
        }
        self.pid = pid
        standardOutput = output.read
        standardError = errors?.read
    }

    deinit {
        close(standardOutput)
        if let standardError { close(standardError) }
    }

    /// Waits for the child to end; its exit code, or 128 + the signal that ended it.
    @discardableResult
    func waitForExit() -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
    }

    /// Sends `signal`, unless the child has been waited for (its pid may belong to another process by then).
    func send(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if exitStatus == nil { Glibc.kill(pid, signal) }
    }

    /// Everything `descriptor` delivers until end of file.
    static func readAll(_ descriptor: Int32) -> Data {
        var data = Data()
        while let chunk = readSome(descriptor) { data.append(chunk) }
        return data
    }

    /// The next bytes `descriptor` delivers, or nil at end of file (or on an error).
    static func readSome(_ descriptor: Int32) -> Data? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { return Data(buffer[0..<count]) }
            if count == -1 && errno == EINTR { continue }
            return nil
        }
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw SpawnError(executable: "pipe", code: errno) }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
    }
}

/// `posix_spawn` refused to start a program.
struct SpawnError: Error, CustomStringConvertible {
    var executable: String
    var code: Int32
    var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
}
