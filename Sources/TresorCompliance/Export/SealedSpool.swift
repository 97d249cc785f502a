import Foundation
import TresorCrypto

/// A temporary file for export parts too large to hold in memory (a long access log), written
/// as AES-256-GCM chunks under a random key that never leaves memory: nothing personal is on
/// disk in clear, and memory stays at one chunk however long the part is. The file is deleted
/// when the spool is released.
///
/// Not `Sendable`: one writer, then one reader, in turn.
final class SealedSpool {
    static let chunkSize = 64 * 1024

    private let url: URL
    private let handle: FileHandle
    private let cipher: AES256GCM
    private let hasher: SHA256Stream
    private var pending: [UInt8] = []
    private var chunkCount: UInt64 = 0
    /// Plaintext bytes written.
    private(set) var size: Int64 = 0
    /// SHA-256 of the plaintext, once ``finish()`` was called.
    private(set) var digest: [UInt8] = []

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-spool-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        handle = try FileHandle(forUpdating: url)
        cipher = try AES256GCM(key: try SecureBytes.random(count: 32))
        hasher = try SHA256Stream()
        pending.reserveCapacity(Self.chunkSize)
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }

    func append(_ text: String) throws {
        try append(Array(text.utf8))
    }

    func append(_ bytes: [UInt8]) throws {
        pending += bytes
        size += Int64(bytes.count)
        while pending.count >= Self.chunkSize {
            try writeChunk(Array(pending.prefix(Self.chunkSize)))
            pending.removeFirst(Self.chunkSize)
        }
    }

    func finish() throws {
        if !pending.isEmpty { try writeChunk(pending) }
        pending = []
        digest = try hasher.finalize()
    }

    private func writeChunk(_ plaintext: [UInt8]) throws {
        try hasher.update(plaintext)
        let box = try cipher.seal(plaintext, authenticating: Self.associatedData(chunkCount))
        chunkCount += 1
        try handle.write(contentsOf: box.combined)
    }

    private static func associatedData(_ index: UInt64) -> [UInt8] {
        withUnsafeBytes(of: index.bigEndian) { Array($0) }
    }

    /// Reads the plaintext back in order, `count` bytes at a time (ZIPFoundation's provider).
    func reader() throws -> Reader {
        try handle.seek(toOffset: 0)
        return Reader(spool: self)
    }

    final class Reader {
        private let spool: SealedSpool
        /// The current chunk's plaintext, and how much of it was handed out.
        private var chunk: [UInt8] = []
        private var offset = 0
        private var next: UInt64 = 0

        init(spool: SealedSpool) { self.spool = spool }

        func read(_ count: Int) throws -> Data {
            var out = Data(capacity: count)
            while out.count < count {
                if offset == chunk.count {
                    guard next < spool.chunkCount else { break }
                    chunk = try readChunk()
                    offset = 0
                }
                let take = min(count - out.count, chunk.count - offset)
                out.append(contentsOf: chunk[offset..<(offset + take)])
                offset += take
            }
            return out
        }

        private func readChunk() throws -> [UInt8] {
            let sealedSize = min(SealedSpool.chunkSize, Int(spool.size - Int64(next) * Int64(SealedSpool.chunkSize))) + 12 + 16
            guard let sealed = try spool.handle.read(upToCount: sealedSize), sealed.count == sealedSize else { throw CocoaError(.fileReadCorruptFile) }
            defer { next += 1 }
            return try spool.cipher.open(AES256GCM.SealedBox(combined: Array(sealed)), authenticating: SealedSpool.associatedData(next))
        }
    }
}
