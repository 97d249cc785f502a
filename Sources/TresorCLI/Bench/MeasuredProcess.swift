import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A command run in a process of its own, with its wall time and its own peak memory: what an
/// operator who runs the command sees, measured without the benchmark's own memory in it.
enum MeasuredProcess {
    struct Outcome {
        /// Exit status (or 128 + signal).
        var status: Int32
        var seconds: Double
        /// The child's peak resident set size: `VmHWM` of its own image, read every few
        /// milliseconds while it runs. (`wait4`'s `ru_maxrss` would not do: Linux counts the parent's
        /// memory at the time of `exec` into it.)
        var peakMegabytes: Double
    }

    /// This program's executable, resolved, so the child runs the same build.
    static func currentExecutable() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    /// Runs `executable` with `arguments`, its output discarded and the master-key variables of
    /// this process removed (the child reads the deployment's key file), and waits for it.
    static func run(_ executable: String, arguments: [String]) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["TRESOR_MASTER_KEY"] = nil
        environment["TRESOR_MASTER_KEY_FILE"] = nil
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let clock = ContinuousClock()
        let started = clock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CommandFailure("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var peakKilobytes = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            guard reaped == 0 || errno == EINTR else {
                throw CommandFailure("waiting for \(executable) failed: \(String(cString: strerror(errno)))")
            }
            peakKilobytes = max(peakKilobytes, highWaterMarkKilobytes(of: pid))
            usleep(2_000)
        }
        let elapsed = started.duration(to: clock.now)
        let exited = status & 0x7f == 0
        return Outcome(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                       seconds: elapsed.seconds,
                       peakMegabytes: Double(peakKilobytes) / 1024)
    }

    /// `VmHWM` of a running process, in KiB (0 once it has exited or before it has an image).
    private static func highWaterMarkKilobytes(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
