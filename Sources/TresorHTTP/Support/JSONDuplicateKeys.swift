import Foundation

/// Finds an object key that appears twice in one object of a JSON text. Foundation's decoder
/// keeps one of the two silently, so `{"email": "a@x", "email": "b@y"}` would mean whatever it
/// chose; Tresor refuses such a body instead (RFC 8259 §4: names SHOULD be unique).
enum JSONDuplicateKeys {
    private enum Container {
        case object(keys: Set<String>, expectingKey: Bool)
        case array
    }

    /// The first duplicated key, or nil. `bytes` must already have parsed as JSON.
    static func first(in bytes: Data) -> String? {
        var stack: [Container] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append(.object(keys: [], expectingKey: true))
            case UInt8(ascii: "["):
                stack.append(.array)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                if case let .object(keys, _) = stack.last {
                    stack[stack.count - 1] = .object(keys: keys, expectingKey: byte == UInt8(ascii: ","))
                }
            case UInt8(ascii: "\""):
                let end = endOfString(in: bytes, openingQuote: index)
                if case let .object(keys, true) = stack.last {
                    let key = decodedString(bytes[index...end])
                    if keys.contains(key) { return key }
                    stack[stack.count - 1] = .object(keys: keys.union([key]), expectingKey: false)
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The index of the quote that closes the string opened at `openingQuote`.
    private static func endOfString(in bytes: Data, openingQuote: Int) -> Int {
        var index = openingQuote + 1
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return bytes.endIndex - 1
    }

    /// A quoted JSON string's value, escapes resolved (so `"a"` and `"\u0061"` are one key).
    private static func decodedString(_ quoted: Data) -> String {
        guard quoted.contains(UInt8(ascii: "\\")) else { return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self) }
        return (try? JSONDecoder().decode(String.self, from: quoted)) ?? String(decoding: quoted, as: UTF8.self)
    }
}
