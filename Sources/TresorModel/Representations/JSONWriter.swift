import Foundation

/// Writes the JSON of response dictionaries (strings, integers, booleans, `NSNull`, arrays and
/// dictionaries), keys sorted. Foundation's `JSONSerialization` on Linux took over half of the
/// CPU time of a customer retrieve; this does the same job in a plain loop.
public enum JSONWriter {
    public static func data(_ value: Any) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1_024)
        write(value, into: &bytes)
        return Data(bytes)
    }

    static func write(_ value: Any, into bytes: inout [UInt8]) {
        // The types responses are made of are recognised by their metadata first (a pointer
        // comparison): a failed `as` cast from `Any` is costly, and a null used to fail six.
        switch ObjectIdentifier(type(of: value)) {
        case ObjectIdentifier(String.self): writeString(value as! String, into: &bytes)
        case ObjectIdentifier(NSNull.self): bytes.append(contentsOf: "null".utf8)
        case ObjectIdentifier(Int.self): bytes.append(contentsOf: String(value as! Int).utf8)
        case ObjectIdentifier(Int64.self): bytes.append(contentsOf: String(value as! Int64).utf8)
        case ObjectIdentifier(Bool.self): bytes.append(contentsOf: (value as! Bool ? "true" : "false").utf8)
        case ObjectIdentifier([String: Any].self): writeObject(value as! [String: Any], into: &bytes)
        case ObjectIdentifier([[String: Any]].self): writeArray(value as! [[String: Any]], into: &bytes)
        case ObjectIdentifier([String].self): writeArray(value as! [String], into: &bytes)
        case ObjectIdentifier([Any].self): writeArray(value as! [Any], into: &bytes)
        default: writeCasting(value, into: &bytes)
        }
    }

    /// Any other value, by casting (numbers of other types, arrays of other element types).
    private static func writeCasting(_ value: Any, into bytes: inout [UInt8]) {
        switch value {
        case let text as String:
            writeString(text, into: &bytes)
        case let flag as Bool:
            bytes.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case let number as Int:
            bytes.append(contentsOf: String(number).utf8)
        case let number as Int64:
            bytes.append(contentsOf: String(number).utf8)
        case let number as Double:
            bytes.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case let object as [String: Any]:
            writeObject(object, into: &bytes)
        case let array as [Any]:
            writeArray(array, into: &bytes)
        default:
            bytes.append(contentsOf: "null".utf8)
        }
    }

    private static func writeObject(_ object: [String: Any], into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(key, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            write(object[key]!, into: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private static func writeArray<Element>(_ array: [Element], into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in array.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(element, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends `text` as a JSON string literal (quoted and escaped).
    public static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Most text needs no escaping: copy it in one go.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20: bytes.append(contentsOf: String(format: "\\u%04x", byte).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
