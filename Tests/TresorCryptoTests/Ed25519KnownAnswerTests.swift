import Testing
import TresorCrypto

@Suite("Ed25519 known answers and signatures")
struct Ed25519KnownAnswerTests {
    /// RFC 8032 section 7.1 tests 1-3 in the `sign.input` layout: `seed‖pk : pk : msg : sig‖msg :`.
    @Test("RFC 8032 section 7.1, tests 1-3: public key and signature match")
    func rfc8032() throws {
        let lines = try VectorFile.text("ed25519-rfc8032-tests-1-3.input").split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let parts = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let secret = try #require([UInt8](hexString: parts[0]))
            let publicKey = try #require([UInt8](hexString: parts[1]))
            let message = try #require([UInt8](hexString: parts[2]))
            let signature = try #require([UInt8](hexString: String(parts[3].prefix(128))))

            let key = try Ed25519PrivateKey(seed: SecureBytes(copying: secret.prefix(32)))
            #expect(key.publicKey.rawRepresentation == publicKey)
            #expect(try key.signature(for: message) == signature)
            #expect(key.publicKey.isValidSignature(signature, for: message))
        }
    }

    @Test("a signature fails for another message, another key, or a flipped bit")
    func verificationRejects() throws {
        let key = try Ed25519PrivateKey()
        let other = try Ed25519PrivateKey()
        let message = Array("checkpoint 42".utf8)
        var signature = try key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: Array("checkpoint 43".utf8)))
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        signature[10] ^= 4
        #expect(!key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature([UInt8](repeating: 0, count: 12), for: message))
    }

    @Test("a public key of the wrong length is refused")
    func wrongLengthPublicKey() {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 31)) {
            try Ed25519PublicKey(rawRepresentation: [UInt8](repeating: 0, count: 31))
        }
    }
}
