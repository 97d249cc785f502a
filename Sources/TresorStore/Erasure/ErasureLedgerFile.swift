import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `erasure-ledger.jsonl` in the data directory: the erasure ledger as an append-only file of JSON
/// lines, kept beside the data file and meant to be copied off the host with every backup
/// rotation. Every write holds an exclusive `flock`, so a server and a command line beside it
/// append in turn; every append is fsync'd.
package struct ErasureLedgerFile: Sendable {
    package static let fileName = "erasure-ledger.jsonl"

    package let url: URL

    package init(url: URL) {
        self.url = url
    }

    /// The last complete entry, or nil for a missing or empty file. A torn last line (a crash in
    /// the middle of an append) is cut off.
    package func lastEntry() throws -> ErasureLedgerEntry? {
        try withLockedFile { descriptor in try Self.lastEntry(descriptor) }
    }

    /// Appends the entries `missing(lastSequence)` returns after the file's last sequence number.
    package func append(_ missing: (_ after: Int64) throws -> [ErasureLedgerEntry]) throws {
        try withLockedFile { descriptor in
            let last = try Self.lastEntry(descriptor)?.sequence ?? 0
            let entries = try missing(last)
            guard !entries.isEmpty else { return }
            var bytes: [UInt8] = []
            for entry in entries { bytes += Array((entry.line + "\n").utf8) }
            try Self.writeAll(bytes, to: descriptor)
            guard fsync(descriptor) == 0 else { throw LedgerFileError.io("fsync", errno) }
        }
    }

    /// Every entry of the file at `url`, its chain checked from the first line.
    package static func readAll(_ url: URL) throws -> [ErasureLedgerEntry] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var entries: [ErasureLedgerEntry] = []
        var previous = ErasureLedgerEntry.genesisHash
        for (index, line) in text.split(separator: "\n").enumerated() {
            guard let entry = ErasureLedgerEntry(line: line), entry.sequence == Int64(index + 1), entry.previousHash == previous,
                  try entry.computedHash() == entry.hash
            else { throw StoreError.damagedLedger(line: index + 1) }
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    /// Replaces the file with `entries` (a restore writes the ledger it replayed).
    package static func replace(at url: URL, with entries: [ErasureLedgerEntry]) throws {
        let text = entries.map { $0.line + "\n" }.joined()
        try Data(text.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    // MARK: File access

    private func withLockedFile<Value>(_ body: (Int32) throws -> Value) throws -> Value {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LedgerFileError.io("open", errno) }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw LedgerFileError.io("flock", errno) }
        defer { flock(descriptor, LOCK_UN) }
        return try body(descriptor)
    }

    /// Reads the file's tail to find its last line; cuts off a torn one.
    private static func lastEntry(_ descriptor: Int32) throws -> ErasureLedgerEntry? {
        let newline = UInt8(ascii: "\n")
        let size = Int(lseek(descriptor, 0, SEEK_END))
        guard size > 0 else { return nil }
        var tailLength = min(size, 4096)
        while true {
            let tail = try read(descriptor, from: size - tailLength, count: tailLength)
            let isWholeFile = tailLength == size
            if tail.last != newline {
                // A torn last line: cut it off and look again.
                guard let keep = tail.lastIndex(of: newline).map({ size - tailLength + $0 + 1 }) ?? (isWholeFile ? 0 : nil) else {
                    tailLength = min(size, tailLength * 4)
                    continue
                }
                guard ftruncate(descriptor, off_t(keep)) == 0 else { throw LedgerFileError.io("ftruncate", errno) }
                return try lastEntry(descriptor)
            }
            let body = tail.dropLast()
            guard let start = body.lastIndex(of: newline).map({ $0 + 1 }) ?? (isWholeFile ? 0 : nil) else {
                tailLength = min(size, tailLength * 4)
                continue
            }
            guard let entry = ErasureLedgerEntry(line: Substring(decoding: body[start...], as: UTF8.self)) else {
                throw StoreError.damagedLedger(line: nil)
            }
            return entry
        }
    }

    private static func read(_ descriptor: Int32, from offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard read == count else { throw LedgerFileError.io("pread", errno) }
        return bytes
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        _ = lseek(descriptor, 0, SEEK_END)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw LedgerFileError.io("write", errno) }
            offset += written
        }
    }
}

/// A system call on the ledger file failed.
package struct LedgerFileError: Error, CustomStringConvertible {
    package let call: String
    package let code: Int32

    /// The error for a failed call: a ``StorageFault`` when the storage refuses (no space, a
    /// read-only file system, an I/O error), else the call and its reason.
    package static func io(_ call: String, _ code: Int32) -> any Error {
        StorageFault(systemError: code) ?? LedgerFileError(call: call, code: code)
    }

    package var description: String { "\(ErasureLedgerFile.fileName): \(call) failed: \(String(cString: strerror(code)))" }
}
