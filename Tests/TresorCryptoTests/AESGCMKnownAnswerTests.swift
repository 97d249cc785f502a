import Testing
@testable import TresorCrypto

/// NIST CAVP AES-256-GCM vectors (96-bit IV, 128-bit tag), through the same pooled-context code
/// path the field format uses.
@Suite("AES-256-GCM known answers")
struct AESGCMKnownAnswerTests {
    @Test("NIST CAVP encryption vectors: ciphertext and tag match exactly")
    func encryptionVectors() throws {
        let records = try VectorFile.records("gcmEncryptExtIV256-iv96-tag128.rsp", startField: "Count")
        #expect(records.count == 375)
        for record in records {
            let cipher = try AES256GCM(key: SecureBytes(copying: record.hex("Key")))
            let box = try cipher.seal(record.hex("PT"), nonce: record.hex("IV"), authenticating: record.hex("AAD"))
            #expect(box.ciphertext == (try record.hex("CT")), "Count \(record.fields["Count"]!)")
            #expect(box.tag == (try record.hex("Tag")), "Count \(record.fields["Count"]!)")
            // And back.
            #expect(try cipher.open(box, authenticating: record.hex("AAD")) == record.hex("PT"))
        }
    }

    @Test("NIST CAVP decryption vectors: good tags open to the plaintext, FAIL cases are authentication failures")
    func decryptionVectors() throws {
        let records = try VectorFile.records("gcmDecrypt256-iv96-tag128.rsp", startField: "Count")
        #expect(records.count == 375)
        var failures = 0
        for record in records {
            let cipher = try AES256GCM(key: SecureBytes(copying: record.hex("Key")))
            let box = AES256GCM.SealedBox(nonce: try record.hex("IV"), ciphertext: try record.hex("CT"), tag: try record.hex("Tag"))
            if record.flags.contains("FAIL") {
                failures += 1
                #expect(throws: CryptoError.authenticationFailure) {
                    try cipher.open(box, authenticating: record.hex("AAD"))
                }
            } else {
                #expect(try cipher.open(box, authenticating: record.hex("AAD")) == record.hex("PT"))
            }
        }
        #expect(failures > 100, "the decryption file holds many tag-failure cases")
    }

    @Test("changed associated data, ciphertext, tag or nonce fails authentication")
    func tamperingIsAuthenticationFailure() throws {
        let cipher = try AES256GCM(key: SecureBytes.random(count: 32))
        let aad: [UInt8] = Array("context".utf8)
        let box = try cipher.seal(Array("personal data".utf8), authenticating: aad)
        var otherAAD = aad
        otherAAD[0] ^= 1
        var ciphertext = box.ciphertext
        ciphertext[3] ^= 0x80
        var tag = box.tag
        tag[15] ^= 1
        var nonce = box.nonce
        nonce[0] ^= 1
        let tampered: [(AES256GCM.SealedBox, [UInt8])] = [
            (box, otherAAD),
            (box, []),
            (AES256GCM.SealedBox(nonce: box.nonce, ciphertext: ciphertext, tag: box.tag), aad),
            (AES256GCM.SealedBox(nonce: box.nonce, ciphertext: box.ciphertext, tag: tag), aad),
            (AES256GCM.SealedBox(nonce: nonce, ciphertext: box.ciphertext, tag: box.tag), aad),
        ]
        for (candidate, candidateAAD) in tampered {
            #expect(throws: CryptoError.authenticationFailure) { try cipher.open(candidate, authenticating: candidateAAD) }
        }
        // The untouched box still opens: the failures above come from the changes.
        #expect(try cipher.open(box, authenticating: aad) == Array("personal data".utf8))
    }

    @Test("a wrong key length and a wrong nonce length are not authentication failures")
    func malformedInputIsNotAuthenticationFailure() throws {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 16)) {
            try AES256GCM(key: SecureBytes(copying: [UInt8](repeating: 1, count: 16)))
        }
        let cipher = try AES256GCM(key: SecureBytes.random(count: 32))
        let box = AES256GCM.SealedBox(nonce: [1, 2, 3], ciphertext: [4], tag: [UInt8](repeating: 0, count: 16))
        #expect(throws: CryptoError.invalidFormat("nonce must be 12 bytes")) { try cipher.open(box, authenticating: [UInt8]()) }
    }

    @Test("two seals of the same plaintext use different nonces")
    func noncesAreFresh() throws {
        let cipher = try AES256GCM(key: SecureBytes.random(count: 32))
        let first = try cipher.seal(Array("same".utf8))
        let second = try cipher.seal(Array("same".utf8))
        #expect(first.nonce != second.nonce)
        #expect(first.ciphertext != second.ciphertext)
    }

    @Test("concurrent use of one cipher from many tasks stays correct")
    func concurrentUse() async throws {
        let cipher = try AES256GCM(key: SecureBytes.random(count: 32))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<500 {
                        let message = Array("task \(task) message \(index)".utf8)
                        let box = try cipher.seal(message, authenticating: [UInt8(task)])
                        #expect(try cipher.open(box, authenticating: [UInt8(task)]) == message)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

@Suite("Nonces")
struct NonceTests {
    @Test("100,000 sealed fields carry 100,000 distinct nonces, across buffer refills")
    func noncesNeverRepeat() throws {
        let key = try DataKey.generate()
        let context = FieldContext(table: "t", column: "c", rowID: "r")
        var nonces = Set<[UInt8]>()
        for _ in 0..<100_000 {
            let sealed = try key.seal([UInt8](), context: context)
            nonces.insert(Array(sealed[SealedField.headerByteCount..<SealedField.headerByteCount + 12]))
        }
        #expect(nonces.count == 100_000)
    }
}
