import Testing
import TresorCrypto

@Suite("Key hierarchy: wrapping data keys under versioned master keys")
struct KeyHierarchyTests {
    let subject = "6f1d1c0e-3a55-4a7e-8a2b-0c8d2f5e7b10"

    @Test("a wrapped data key unwraps to the same key and opens the subject's fields")
    func wrapAndUnwrap() throws {
        let keyring = try MasterKeyring.generate()
        let dataKey = try DataKey.generate()
        let context = FieldContext(table: "customers", column: "name", rowID: subject)
        let sealed = try dataKey.seal("Anna", context: context)

        let wrapped = try keyring.wrap(dataKey, subjectID: subject)
        #expect(wrapped.bytes.count == WrappedDataKey.byteCount)
        #expect(wrapped.masterKeyVersion == 1)
        let unwrapped = try keyring.unwrap(WrappedDataKey(bytes: wrapped.bytes), subjectID: subject)
        #expect(unwrapped.identifier == dataKey.identifier)
        #expect(try unwrapped.openString(sealed, context: context) == "Anna")
    }

    @Test("a data key unwrapped for another subject fails")
    func wrongSubjectFails() throws {
        let keyring = try MasterKeyring.generate()
        let wrapped = try keyring.wrap(DataKey.generate(), subjectID: subject)
        #expect(throws: CryptoError.authenticationFailure) {
            try keyring.unwrap(wrapped, subjectID: "6f1d1c0e-3a55-4a7e-8a2b-0c8d2f5e7b11")
        }
    }

    @Test("a changed KEK version byte or a flipped bit in the wrapped key fails")
    func tamperedWrappedKeyFails() throws {
        let keyring = try MasterKeyring.generate().addingNewVersion()
        let wrapped = try keyring.wrap(DataKey.generate(), subjectID: subject)
        #expect(wrapped.masterKeyVersion == 2)
        var relabelled = wrapped.bytes
        relabelled[4] = 1  // claims version 1: wrong key and changed associated data
        #expect(throws: CryptoError.authenticationFailure) {
            try keyring.unwrap(WrappedDataKey(bytes: relabelled), subjectID: subject)
        }
        for index in 5..<WrappedDataKey.byteCount {
            var tampered = wrapped.bytes
            tampered[index] ^= 0x10
            #expect(throws: CryptoError.authenticationFailure) {
                try keyring.unwrap(WrappedDataKey(bytes: tampered), subjectID: subject)
            }
        }
    }

    @Test("keys wrapped under an old version still unwrap after rotation, and re-wrap moves them to the newest")
    func rotationRewraps() throws {
        let original = try MasterKeyring.generate()
        let dataKey = try DataKey.generate()
        let wrappedV1 = try original.wrap(dataKey, subjectID: subject)

        let rotated = try original.addingNewVersion()
        #expect(rotated.currentVersion == 2)
        #expect(rotated.versions == [1, 2])
        #expect(try rotated.unwrap(wrappedV1, subjectID: subject).identifier == dataKey.identifier)

        let wrappedV2 = try rotated.rewrap(wrappedV1, subjectID: subject)
        #expect(wrappedV2.masterKeyVersion == 2)
        #expect(wrappedV2 != wrappedV1)
        #expect(try rotated.unwrap(wrappedV2, subjectID: subject).identifier == dataKey.identifier)
        // Re-wrapping a key that is already current changes nothing.
        #expect(try rotated.rewrap(wrappedV2, subjectID: subject) == wrappedV2)

        // Once version 1 is retired from the ring, only the re-wrapped key still opens.
        let retired = try MasterKeyring(keys: [2: rotated.key(version: 2)])
        #expect(throws: CryptoError.unknownMasterKeyVersion(1)) { try retired.unwrap(wrappedV1, subjectID: subject) }
        #expect(try retired.unwrap(wrappedV2, subjectID: subject).identifier == dataKey.identifier)
    }

    @Test("a keyring without the right key cannot unwrap")
    func otherMasterKeyFails() throws {
        let wrapped = try MasterKeyring.generate().wrap(DataKey.generate(), subjectID: subject)
        #expect(throws: CryptoError.authenticationFailure) {
            try MasterKeyring.generate().unwrap(wrapped, subjectID: subject)
        }
    }

    @Test("malformed wrapped keys are rejected with a format error")
    func malformedWrappedKeys() {
        #expect(throws: CryptoError.invalidFormat("a wrapped data key is 65 bytes, got 3")) {
            try WrappedDataKey(bytes: [1, 2, 3])
        }
        #expect(throws: CryptoError.unsupportedFormatVersion(9)) {
            try WrappedDataKey(bytes: [9] + [UInt8](repeating: 0, count: 64))
        }
    }
}
