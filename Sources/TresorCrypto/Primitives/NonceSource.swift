import Foundation
import NIOConcurrencyHelpers
import Synchronization

/// Random 96-bit GCM nonces, drawn from OpenSSL's CSPRNG in blocks.
///
/// `RAND_bytes` costs about as much per call for 12 bytes as for 4 KiB (its DRBG re-keys on
/// every call), which made it most of the cost of sealing a short field. Nonces are not secret
/// (they are stored beside the ciphertext), only unique, so they are generated 4 KiB at a time
/// and handed out in order. A buffer is never used by two processes: a `fork` handler marks
/// it spent in the child, which then draws a block of its own.
final class NonceSource: Sendable {
    private static let blockByteCount = 4_096
    private static let shared = NonceSource()

    private let state = NIOLockedValueBox(State())
    /// Set in a child process right after `fork`; the next call discards the inherited block.
    private let forked = Atomic<Bool>(false)

    private struct State {
        var block = [UInt8](repeating: 0, count: NonceSource.blockByteCount)
        var offset = NonceSource.blockByteCount
    }

    private init() {
        let installed = pthread_atfork(nil, nil, { NonceSource.shared.forked.store(true, ordering: .relaxed) }) == 0
        precondition(installed, "pthread_atfork failed")
    }

    /// Fills `nonce` (at most 4 KiB) with fresh random bytes never handed out before.
    static func fill(_ nonce: UnsafeMutableRawBufferPointer) throws {
        try shared.fill(nonce)
    }

    private func fill(_ nonce: UnsafeMutableRawBufferPointer) throws {
        precondition(nonce.count <= Self.blockByteCount)
        let inherited = forked.exchange(false, ordering: .relaxed)
        try state.withLockedValue { state in
            if state.offset + nonce.count > Self.blockByteCount || inherited {
                try state.block.withUnsafeMutableBytes { try SecureRandom.fill($0) }
                state.offset = 0
            }
            let range = state.offset..<state.offset + nonce.count
            state.block.withUnsafeMutableBytes { block in
                nonce.copyMemory(from: UnsafeRawBufferPointer(rebasing: block[range]))
                // Wipe what was handed out so the block never holds a nonce twice.
                SecureBytes.cleanse(UnsafeMutableRawBufferPointer(rebasing: block[range]))
            }
            state.offset += nonce.count
        }
    }

    /// A fresh nonce as an array.
    static func next() throws -> [UInt8] {
        var nonce = [UInt8](repeating: 0, count: AES256GCM.nonceByteCount)
        try nonce.withUnsafeMutableBytes { try fill($0) }
        return nonce
    }
}
