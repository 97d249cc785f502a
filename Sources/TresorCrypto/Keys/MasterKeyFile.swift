import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the master keyring comes from, in order: `TRESOR_MASTER_KEY` (the key text itself),
/// `TRESOR_MASTER_KEY_FILE` (a path), then the deployment's default key file.
public enum MasterKeyFile {
    /// Environment variable holding the keyring text (a lone base64 key is version 1).
    public static let keyVariable = "TRESOR_MASTER_KEY"
    /// Environment variable naming a key file.
    public static let fileVariable = "TRESOR_MASTER_KEY_FILE"

    /// Loads the keyring from the environment or, failing that, from `defaultPath`.
    public static func load(environment: [String: String], defaultPath: String) throws -> MasterKeyring {
        if let text = environment[keyVariable], !text.isEmpty {
            return try MasterKeyring.parse(text, source: keyVariable)
        }
        if let path = environment[fileVariable], !path.isEmpty {
            return try read(path: path)
        }
        return try read(path: defaultPath)
    }

    /// True when no key is supplied from outside, so the default key file is used.
    public static func usesDefaultFile(environment: [String: String]) -> Bool {
        (environment[keyVariable] ?? "").isEmpty && (environment[fileVariable] ?? "").isEmpty
    }

    /// Reads a key file, refusing one that group or others may read.
    public static func read(path: String) throws -> MasterKeyring {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { throw MasterKeyError.notFound(path: path) }
            throw MasterKeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let mode = UInt32(status.st_mode)
        guard mode & 0o077 == 0 else { throw MasterKeyError.insecurePermissions(path: path, mode: mode) }
        guard var data = FileManager.default.contents(atPath: path) else {
            throw MasterKeyError.unreadable(path: path, reason: "permission denied or not a file")
        }
        defer { data.resetBytes(in: 0..<data.count) }
        return try MasterKeyring.parse(String(decoding: data, as: UTF8.self), source: path)
    }

    /// Writes `keyring` to `path` with mode 0600, atomically: a temporary file in the same
    /// directory, flushed to disk, then renamed over `path`.
    public static func save(_ keyring: MasterKeyring, to path: String) throws {
        var text = keyring.serializedText()
        defer { text.withUnsafeMutableBytes { SecureBytes.cleanse($0) } }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw MasterKeyError.writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        var failure: String?
        text.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { failure = String(cString: strerror(errno)); return }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw MasterKeyError.writeFailed(path: path, reason: failure)
        }
    }
}
