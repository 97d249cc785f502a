import Foundation

/// A small file system mounted for one test, to fill up or turn read-only under a running
/// server: a tmpfs, or an ext4 image on a loop device. Mounting needs root (CI runs as root);
/// ``isAvailable`` says whether this machine allows it.
public final class ScratchFilesystem: @unchecked Sendable {
    public let directory: URL
    /// The ext4 image's loop device (`loop3`), nil for a tmpfs.
    private let loopDevice: String?
    private let image: URL?

    /// Mounts a tmpfs of `kilobytes` at a new temporary directory.
    public init(kilobytes: Int) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-fs-\(UUID().uuidString)")
        loopDevice = nil
        image = nil
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", directory.path])
    }

    /// Mounts a new ext4 image of `megabytes` through a loop device, with `errors=remount-ro`.
    public init(ext4Megabytes megabytes: Int) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-fs-\(UUID().uuidString)")
        let image = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-fs-\(UUID().uuidString).img")
        self.image = image
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.runRoot("/usr/bin/truncate", ["-s", "\(megabytes)M", image.path])
        try Self.runRoot("/usr/sbin/mkfs.ext4", ["-q", image.path])
        let attached = try ChildProcess.run("/usr/sbin/losetup", ["--find", "--show", image.path])
        guard attached.exitCode == 0 else { throw ServerProcessError.exited("losetup: \(attached.standardError)") }
        let device = attached.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        loopDevice = URL(fileURLWithPath: device).lastPathComponent
        try Self.mount(["-o", "errors=remount-ro", device, directory.path])
    }

    /// Turns an ext4 file system read-only the way the kernel does after an I/O error
    /// (`errors=remount-ro`): at once, under files open for writing, which a plain
    /// `mount -o remount,ro` refuses ("busy"). It stays read-only until unmounted.
    public func failIntoReadOnly() throws {
        guard let loopDevice else { throw ServerProcessError.exited("only an ext4 scratch file system can fail into read-only") }
        try Data("1".utf8).write(to: URL(fileURLWithPath: "/sys/fs/ext4/\(loopDevice)/trigger_fs_error"))
    }

    /// Free space in bytes.
    public var freeBytes: Int {
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: directory.path)
        return (attributes?[.systemFreeSize] as? NSNumber)?.intValue ?? 0
    }

    /// Writes a file of `bytes` zero bytes (ballast to delete later, so that space returns).
    public func fill(_ name: String, bytes: Int) throws -> URL {
        let file = directory.appendingPathComponent(name)
        try Data(count: bytes).write(to: file)
        return file
    }

    deinit {
        _ = try? ChildProcess.run("/bin/umount", ["-l", directory.path])
        if let loopDevice { _ = try? ChildProcess.run("/usr/sbin/losetup", ["-d", "/dev/\(loopDevice)"]) }
        if let image { try? FileManager.default.removeItem(at: image) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Whether tmpfs can be mounted here (root, and a kernel and sandbox that allow it). In CI it
    /// must be: there the answer is true so that a test that cannot mount fails instead of
    /// being left out.
    public static let isAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        guard let probe = try? ScratchFilesystem(kilobytes: 64) else { return false }
        _ = probe
        return true
    }()

    private static func mount(_ arguments: [String]) throws {
        try runRoot("/bin/mount", arguments)
    }

    private static func runRoot(_ executable: String, _ arguments: [String]) throws {
        let result = try ChildProcess.run(executable, arguments)
        guard result.exitCode == 0 else { throw ServerProcessError.exited("\(executable) \(arguments.joined(separator: " ")): \(result.standardError)") }
    }
}
