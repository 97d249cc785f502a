import Testing
import TresorCrypto

@Suite("Secret containers")
struct SecureBytesTests {
    @Test("description, debugDescription and dump never show the bytes")
    func neverPrintsBytes() throws {
        let secret = SecureBytes(copying: Array("TOPSECRET-KEY-MATERIAL-0123456789".utf8))
        var dumped = ""
        dump(secret, to: &dumped)
        for text in [secret.description, secret.debugDescription, "\(secret)", String(reflecting: secret), dumped] {
            #expect(!text.contains("TOPSECRET"))
            #expect(!text.contains("84"), "no decimal byte values either: \(text)")
        }
        #expect(secret.description.contains("redacted"))
    }

    @Test("equality compares contents and length")
    func equality() throws {
        let a = SecureBytes(copying: [1, 2, 3])
        #expect(a == SecureBytes(copying: [1, 2, 3]))
        #expect(a != SecureBytes(copying: [1, 2, 4]))
        #expect(a != SecureBytes(copying: [1, 2]))
        #expect(ConstantTime.equals([UInt8]([9, 9]), [UInt8]([9, 9])))
        #expect(!ConstantTime.equals([UInt8]([9, 9]), [UInt8]([9, 8])))
    }

    @Test("random keys differ and have the requested length")
    func randomKeys() throws {
        let a = try SecureBytes.random(count: 32)
        let b = try SecureBytes.random(count: 32)
        #expect(a.count == 32)
        #expect(a != b)
    }

    @Test("the key structures print no key material")
    func keyStructuresRedact() throws {
        let keyring = try MasterKeyring.generate()
        let dataKey = try DataKey.generate()
        let keyText = String(decoding: keyring.serializedText(), as: UTF8.self)
        let base64 = try #require(keyText.split(separator: "\n").last?.split(separator: ":").last).prefix(12)
        var dumped = ""
        dump(keyring, to: &dumped)
        dump(dataKey, to: &dumped)
        #expect(!dumped.contains(base64))
        #expect(dumped.contains("redacted"))
    }
}
