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
}
