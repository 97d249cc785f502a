import Foundation
import Testing
import TresorCrypto

/// One test case from a NIST/RFC-style vector file: `Name = value` lines, plus bare words
/// such as `FAIL`.
struct VectorRecord {
    var fields: [String: String] = [:]
    var flags: Set<String> = []

    func hex(_ name: String) throws -> [UInt8] {
        let text = try #require(fields[name], "missing field \(name)")
        return try #require([UInt8](hexString: text), "field \(name) is not hex")
    }

    func int(_ name: String) throws -> Int {
        let text = try #require(fields[name], "missing field \(name)")
        return try #require(Int(text), "field \(name) is not a number")
    }
}

/// Reads vector files shipped in `Tests/TresorCryptoTests/Vectors`.
enum VectorFile {
    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Vectors"),
                               "vector file \(name) is missing")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Records, each starting at a `startField` line (some files put blank lines inside a
    /// record); comments (`#`) and section headers (`[...]`) are skipped.
    static func records(_ name: String, startField: String) throws -> [VectorRecord] {
        var records: [VectorRecord] = []
        var current = VectorRecord()
        func flush() {
            if current.fields[startField] != nil { records.append(current) }
            current = VectorRecord()
        }
        for rawLine in try text(name).split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("[") { continue }
            if let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if key == startField, current.fields[startField] != nil { flush() }
                current.fields[key] = value
            } else {
                current.flags.insert(line)
            }
        }
        flush()
        return records
    }
}
