#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store cannot read or write now for a reason outside Tresor: the disk is full, the file
/// system is read-only, the device reports I/O errors, the database stays busy past its timeout,
/// or (on a database server) the connection is lost.
///
/// One error class for every backend: the adapter turns its own errors into it, the HTTP layer
/// answers it with 503 and `Retry-After`, the command line exits with ``exitCode``. The operation
/// that met it was not applied (its transaction rolled back), so the same request can succeed
/// once the fault is gone. Its description names the kind of fault, never a path, a statement or
/// a value.
public struct StorageFault: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of fault it is; also the `kind` label of `tresor_storage_failures_total`.
    public enum Kind: String, Sendable, CaseIterable {
        /// No space left for the database to grow.
        case diskFull = "disk_full"
        /// The file system or the database refuses writes.
        case readOnly = "read_only"
        /// The device reported an input/output error.
        case ioError = "io_error"
        /// Another writer held the database past the busy timeout.
        case busy
        /// The database cannot be reached or opened (a lost connection, a failover).
        case unavailable
    }

    public let kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// The fault a failed system call's `errno` reports, or nil when it is not about the storage.
    public init?(systemError code: Int32) {
        switch code {
        case ENOSPC, EDQUOT: kind = .diskFull
        case EROFS: kind = .readOnly
        case EIO: kind = .ioError
        default: return nil
        }
    }

    /// Seconds a client should wait before trying again (`Retry-After`).
    public var retryAfterSeconds: Int {
        kind == .busy ? 1 : 5
    }

    /// The exit code of a command that met the fault: 75, `EX_TEMPFAIL` of sysexits(3), "a
    /// temporary failure; the user is invited to retry".
    public static let exitCode: Int32 = 75

    public var description: String {
        switch kind {
        case .diskFull: return "the store cannot write: the disk is full"
        case .readOnly: return "the store cannot write: its storage is read-only"
        case .ioError: return "the store cannot read or write: the storage reports input/output errors"
        case .busy: return "the store is busy: another writer held it past the timeout"
        case .unavailable: return "the store cannot be reached"
        }
    }
}
