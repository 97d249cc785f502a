import Foundation
import Testing
import TresorModel

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("its output parses back to the same values, with escapes and nested containers")
    func roundTrip() throws {
        let value: [String: Any] = [
            "text": "quote \" backslash \\ newline \n tab \t bell \u{07} ümlaut ✓", "int": 42, "big": Int64(1_795_991_424),
            "yes": true, "no": false, "nothing": NSNull(), "list": [1, "two", ["three": 3]] as [Any],
            "nested": ["a": ["b": []] as [String: Any]] as [String: Any],
        ]
        let data = JSONWriter.data(value)
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(parsed["text"] as? String == value["text"] as? String)
        #expect(parsed["int"] as? Int == 42)
        #expect(parsed["big"] as? Int == 1_795_991_424)
        #expect(parsed["yes"] as? Bool == true)
        #expect(parsed["nothing"] is NSNull)
        #expect((parsed["list"] as? [Any])?.count == 3)
        #expect(String(decoding: JSONWriter.data(["b": 1, "a": 2]), as: UTF8.self) == #"{"a":2,"b":1}"#)
    }

    @Test("values recognised by their type and values that need a cast are written alike")
    func typedAndCastValues() {
        let present: String? = "x"
        let absent: String? = nil
        let value: [String: Any] = [
            "strings": ["a", "b\""], "objects": [["k": 1], ["k": NSNull()]] as [[String: Any]], "anys": ["c", 2, false] as [Any],
            "double": 1.5, "int64": Int64(-7), "present": present as Any, "absent": absent as Any,
            "int32": Int32(3), "set": Set(["only"]),
        ]
        #expect(String(decoding: JSONWriter.data(value), as: UTF8.self) == """
            {"absent":null,"anys":["c",2,false],"double":1.5,"int32":null,"int64":-7,"objects":[{"k":1},{"k":null}],\
            "present":"x","set":null,"strings":["a","b\\""]}
            """)
    }
}

@Suite("access-log timestamps")
struct AccessLogTimestampTests {
    @Test("the direct computation agrees with ISO8601DateFormatter, before and after 1970 and across leap days")
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var samples: [Int64] = [0, -1, 999, 951_782_400_000, 951_868_799_999, 4_107_542_400_123, -2_208_988_800_000, 1_796_009_153_117]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { samples.append(Int64.random(in: -5_000_000_000_000...8_000_000_000_000, using: &generator)) }
        for milliseconds in samples {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            #expect(AccessLogJSON.timestamp(milliseconds) == expected, "\(milliseconds)")
        }
    }
}

@Suite("access-log representations")
struct AccessLogRepresentationTests {
    static let entry = AccessLogEntry(sequence: 42, time: 1_796_009_153_117, record: AccessRecord(
        actor: AccessActor(kind: .apiKey, id: "key_1", name: "Shop \"backend\", EU", role: "integration", teammate: ""),
        action: "customer.view", subjects: [UUID(), UUID()], fields: ["name", "email"], purpose: "=cmd|' /C calc'!A0",
        requestID: "req_1", outcome: .ok, recipient: "line\nbreak\u{1}"))

    @Test("the streaming JSON writer gives the same bytes as JSONWriter over the dictionary")
    func json() {
        var bytes: [UInt8] = []
        AccessLogJSON.write(Self.entry, into: &bytes)
        #expect(Data(bytes) == JSONWriter.data(AccessLogJSON.entry(Self.entry)))
    }

    @Test("the streaming CSV writer gives the same row as row(_:), quoting and formula guard included")
    func csv() {
        var bytes: [UInt8] = []
        AccessLogCSV.write(Self.entry, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == AccessLogCSV.row(Self.entry) + "\r\n")
        #expect(AccessLogCSV.row(Self.entry).contains("'=cmd"))
    }
}

@Suite("UUID text")
struct UUIDTextTests {
    @Test("lowercaseText equals uuidString.lowercased()")
    func matches() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(id.lowercaseText == id.uuidString.lowercased())
        }
    }
}
