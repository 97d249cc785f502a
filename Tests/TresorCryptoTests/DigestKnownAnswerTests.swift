import Testing
import TresorCrypto

@Suite("SHA-256, HMAC-SHA256 and HKDF-SHA256 known answers")
struct DigestKnownAnswerTests {
    @Test("FIPS 180-4 examples: one block, two blocks, one million 'a'")
    func sha256Examples() throws {
        #expect(try SHA256.hexDigest(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(try SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("NIST SHAVS SHA-256 short messages (0 to 512 bits)")
    func sha256ShortMessages() throws {
        let records = try VectorFile.records("SHA256ShortMsg.rsp", startField: "Len")
        #expect(records.count == 65)
        for record in records {
            let message = try record.int("Len") == 0 ? [] : try record.hex("Msg")
            #expect(try SHA256.hash(message) == record.hex("MD"), "Len \(record.fields["Len"]!)")
        }
    }

    @Test("RFC 4231 HMAC-SHA256 test cases 1-4, 6 and 7")
    func hmacRFC4231() throws {
        let records = try VectorFile.records("rfc-4231-sha256.txt", startField: "Len")
        #expect(records.count == 6)
        for record in records {
            let code = try HMACSHA256.authenticationCode(for: record.hex("Msg"), using: SecureBytes(copying: record.hex("Key")))
            #expect(code == (try record.hex("MD")))
            #expect(try HMACSHA256.isValid(record.hex("MD"), for: record.hex("Msg"), using: SecureBytes(copying: record.hex("Key"))))
        }
    }

    @Test("RFC 4231 test case 5: output truncated to 128 bits")
    func hmacRFC4231Truncation() throws {
        let key = SecureBytes(copying: [UInt8](repeating: 0x0c, count: 20))
        let code = try HMACSHA256.authenticationCode(for: Array("Test With Truncation".utf8), using: key)
        #expect(Array(code.prefix(16)) == [UInt8](hexString: "a3b6167473100ee06e0c796c2955552b"))
    }

    @Test("a changed message or code does not validate")
    func hmacRejectsChanges() throws {
        let key = try SecureBytes.random(count: 32)
        let message = Array("message".utf8)
        var code = try HMACSHA256.authenticationCode(for: message, using: key)
        #expect(try HMACSHA256.isValid(code, for: message, using: key))
        #expect(try !HMACSHA256.isValid(code, for: Array("messagf".utf8), using: key))
        code[31] ^= 1
        #expect(try !HMACSHA256.isValid(code, for: message, using: key))
    }

    @Test("RFC 5869 HKDF-SHA256 test cases 1-3")
    func hkdfRFC5869() throws {
        let records = try VectorFile.records("rfc-5869-HKDF-SHA256.txt", startField: "COUNT")
        #expect(records.count == 3)
        for record in records {
            let salt = record.fields["salt"]!.isEmpty ? [] : try record.hex("salt")
            let info = record.fields["info"]!.isEmpty ? [] : try record.hex("info")
            let okm = try HKDF.deriveKey(inputKeyMaterial: SecureBytes(copying: record.hex("IKM")),
                                         salt: salt, info: info, outputByteCount: record.int("L"))
            #expect(okm == SecureBytes(copying: try record.hex("OKM")), "COUNT \(record.fields["COUNT"]!)")
        }
    }
}
