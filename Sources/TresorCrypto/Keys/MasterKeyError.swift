/// Why a master key could not be loaded, each with the fix in its message.
public enum MasterKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No key in the environment and no key file.
    case notFound(path: String)
    /// The key file can be read by group or others.
    case insecurePermissions(path: String, mode: UInt32)
    /// The key file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// A key is not 32 bytes long.
    case wrongLength(source: String, version: UInt32, byteCount: Int)
    /// A line is not `VERSION:BASE64` or plain base64.
    case malformedLine(source: String, line: Int, reason: String)
    /// The same version appears twice.
    case duplicateVersion(source: String, version: UInt32)
    /// No key at all in the source.
    case empty(source: String)
    /// The key file could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notFound(path):
            return "no master key: \(path) does not exist and neither TRESOR_MASTER_KEY nor TRESOR_MASTER_KEY_FILE is set. "
                + "Run `tresor init`, or supply a key with TRESOR_MASTER_KEY=$(openssl rand -base64 32)."
        case let .insecurePermissions(path, mode):
            return "master key file \(path) has mode \(String(mode & 0o777, radix: 8, uppercase: false).leftPadded(to: 3)) and is readable by group or others; "
                + "restrict it with `chmod 600 \(path)`."
        case let .unreadable(path, reason):
            return "cannot read master key file \(path): \(reason)"
        case let .wrongLength(source, version, byteCount):
            return "master key version \(version) from \(source) is \(byteCount) bytes; it must be exactly 32 bytes, "
                + "base64-encoded (generate one with `openssl rand -base64 32`)."
        case let .malformedLine(source, line, reason):
            return "\(source), line \(line): \(reason); expected `VERSION:BASE64` (for example `1:` followed by the output of `openssl rand -base64 32`)."
        case let .duplicateVersion(source, version):
            return "\(source) holds master key version \(version) twice; each version must appear once."
        case let .empty(source):
            return "\(source) holds no master key; it needs at least one line `1:BASE64` (see `openssl rand -base64 32`)."
        case let .writeFailed(path, reason):
            return "cannot write master key file \(path): \(reason)"
        }
    }
}
