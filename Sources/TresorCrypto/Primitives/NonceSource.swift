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
enum NonceSource {
    private static let blockByteCount = 4_096
    private static let state = NIOLockedValueBox(State())
    /// Set in a child process right after `fork`; the next call discards the inherited block.
    private static let forked = Atomic<Bool>(false)
    private static let forkHandlerInstalled: Bool = {
        pthread_atfork(nil, nil, { NonceSource.forked.store(true, ordering: .relaxed) }) == 0
    }()

    private struct State {
        var block = [UInt8](repeating: 0, count: NonceSource.blockByteCount)
        var offset = NonceSource.blockByteCount
    }

    /// Fills `nonce` (12 bytes) with fresh random bytes never handed out before.
    static func fill(_ nonce: UnsafeMutableRawBufferPointer) throws {
        precondition(nonce.count <= blockByteCount)
        precondition(forkHandlerInstalled, "pthread_atfork failed")
        try state.withLockedValue { state in
            let inherited = forked.exchange(false, ordering: .relaxed)
            if state.offset + nonce.count > blockByteCount || inherited {
                try state.block.withUnsafeMutableBytes { try SecureRandom.fill($0) }
                state.offset = 0
            }
            state.block.withUnsafeBytes { block in
                nonce.copyMemory(from: UnsafeRawBufferPointer(rebasing: block[state.offset..<state.offset + nonce.count]))
            }
            // Wipe what was handed out so the block never holds a nonce twice.
            state.block.withUnsafeMutableBytes { block in
                SecureBytes.cleanse(UnsafeMutableRawBufferPointer(rebasing: block[state.offset..<state.offset + nonce.count]))
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
