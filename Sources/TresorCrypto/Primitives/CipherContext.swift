internal import COpenSSL
import Foundation

/// One `EVP_CIPHER_CTX` keyed for AES-256-GCM, owned by exactly one Swift object that frees it.
///
/// A context is used by one thread at a time: ``AES256GCM`` hands it out from its pool for the
/// duration of a single operation, which is what makes the `@unchecked Sendable` sound.
final class CipherContext: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Bytes for OpenSSL to point at when a caller's buffer is empty.
    private let emptyOutput = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)

    init(key: SecureBytes) throws {
        let context = try OpenSSLCall.checkPointer(EVP_CIPHER_CTX_new(), "EVP_CIPHER_CTX_new")
        do {
            try key.withUnsafeBytes { key in
                try OpenSSLCall.check(
                    EVP_CipherInit_ex2(context, AES256GCMAlgorithm.shared.cipher,
                                       key.baseAddress?.assumingMemoryBound(to: UInt8.self), nil, 1, nil),
                    "EVP_CipherInit_ex2(key)")
            }
        } catch {
            EVP_CIPHER_CTX_free(context)
            throw error
        }
        pointer = context
    }

    deinit {
        // EVP_CIPHER_CTX_free wipes the key schedule before freeing it.
        EVP_CIPHER_CTX_free(pointer)
        emptyOutput.deallocate()
    }

    /// Starts a new message on the already keyed context.
    func start(nonce: UnsafeRawBufferPointer, encrypting: Bool) throws {
        try OpenSSLCall.check(
            EVP_CipherInit_ex2(pointer, nil, nil, nonce.baseAddress?.assumingMemoryBound(to: UInt8.self), encrypting ? 1 : 0, nil),
            "EVP_CipherInit_ex2(nonce)")
    }

    /// Feeds associated data; must come before any plaintext or ciphertext.
    func authenticate(_ aad: UnsafeRawBufferPointer) throws {
        guard aad.count > 0 else { return }
        var length: Int32 = 0
        try OpenSSLCall.check(
            EVP_CipherUpdate(pointer, nil, &length, aad.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(aad.count)),
            "EVP_CipherUpdate(aad)")
    }

    /// Transforms `input` into `output` and returns the bytes written.
    func update(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard input.count > 0 else { return 0 }
        var written: Int32 = 0
        try OpenSSLCall.check(
            EVP_CipherUpdate(pointer, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &written,
                             input.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(input.count)),
            "EVP_CipherUpdate")
        return Int(written)
    }

    /// Finishes the message; false when OpenSSL refuses (for decryption: the tag did not verify).
    /// `output` is where the final bytes would go; GCM writes none, but wants a valid pointer.
    func finish(_ output: UnsafeMutableRawBufferPointer, offset: Int) -> Bool {
        var target = emptyOutput
        if let base = output.baseAddress, offset < output.count {
            target = (base + offset).assumingMemoryBound(to: UInt8.self)
        }
        var length: Int32 = 0
        return EVP_CipherFinal_ex(pointer, target, &length) == 1
    }

    /// Reads the tag after sealing (through the parameter API directly; `EVP_CIPHER_CTX_ctrl`
    /// would build the same parameter on every call).
    func readTag(into tag: UnsafeMutableRawBufferPointer) throws {
        try withTagParameter(tag.baseAddress, count: tag.count) { parameters in
            try OpenSSLCall.check(EVP_CIPHER_CTX_get_params(pointer, parameters), "EVP_CIPHER_CTX_get_params(tag)")
        }
    }

    /// Sets the expected tag before finishing an open.
    func expectTag(_ tag: UnsafeRawBufferPointer) throws {
        try withTagParameter(UnsafeMutableRawPointer(mutating: tag.baseAddress), count: tag.count) { parameters in
            try OpenSSLCall.check(EVP_CIPHER_CTX_set_params(pointer, parameters), "EVP_CIPHER_CTX_set_params(tag)")
        }
    }

    private func withTagParameter(_ buffer: UnsafeMutableRawPointer?, count: Int, _ body: (UnsafeMutablePointer<OSSL_PARAM>) throws -> Void) rethrows {
        try withUnsafeTemporaryAllocation(of: OSSL_PARAM.self, capacity: 2) { parameters in
            parameters[0] = OSSL_PARAM_construct_octet_string(AES256GCMAlgorithm.shared.tagParameterName, buffer, count)
            parameters[1] = OSSL_PARAM_construct_end()
            try body(parameters.baseAddress!)
        }
    }
}

/// The AES-256-GCM implementation fetched from OpenSSL's default provider once per process,
/// instead of an implicit fetch on every initialisation.
final class AES256GCMAlgorithm: @unchecked Sendable {
    static let shared = AES256GCMAlgorithm()
    // Immutable after init; EVP_CIPHER objects are safe to share between threads.
    let cipher: OpaquePointer
    /// `OSSL_CIPHER_PARAM_AEAD_TAG` ("tag") as a C string that lives as long as the process,
    /// since an OSSL_PARAM keeps a pointer to its name.
    let tagParameterName: UnsafePointer<CChar> = UnsafePointer(strdup("tag")!)

    private init() {
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else {
            fatalError("OpenSSL has no AES-256-GCM: \(OpenSSLCall.drainErrorQueue())")
        }
        self.cipher = cipher
    }
}
