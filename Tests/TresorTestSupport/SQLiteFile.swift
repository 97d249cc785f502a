import Foundation

/// A Tresor database file opened from outside, as an administrator or an attacker with the file
/// at hand would: through Python's `sqlite3` module, on a connection of its own. Tests use it to
/// tamper with files or look inside them without linking a database library.
public enum SQLiteFile {
    /// A value bound to a `?` of a statement.
    public enum Value: Sendable {
        case text(String)
        case integer(Int64)
        case blob(Data)
    }

    /// Runs `script` (one or more statements, no parameters) and commits.
    public static func execute(_ path: String, script: String) throws {
        _ = try run(path, script, [], mode: "script")
    }

    /// Runs one statement with `arguments` and commits.
    public static func execute(_ path: String, _ statement: String, _ arguments: [Value] = []) throws {
        _ = try run(path, statement, arguments, mode: "rows")
    }

    /// The rows of a query, each column as text: blobs as hex digits, NULL as an empty string.
    public static func rows(_ path: String, _ query: String, _ arguments: [Value] = []) throws -> [[String]] {
        try run(path, query, arguments, mode: "rows")
    }

    /// The first column of the first row, as ``rows(_:_:_:)`` gives it; nil when there is no row.
    public static func scalar(_ path: String, _ query: String, _ arguments: [Value] = []) throws -> String? {
        try rows(path, query, arguments).first?.first
    }

    /// Hex digits as bytes.
    public static func bytes(hex: String) -> Data {
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex),
              let byte = UInt8(hex[index..<next], radix: 16) {
            data.append(byte)
            index = next
        }
        return data
    }

    private static let script = """
        import json, sqlite3, sys
        path, sql, mode, args = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
        def value(a):
            kind, v = a
            return bytes.fromhex(v) if kind == "blob" else (int(v) if kind == "integer" else v)
        def text(v):
            return "" if v is None else (v.hex() if isinstance(v, bytes) else str(v))
        connection = sqlite3.connect(path)
        rows = []
        if mode == "script":
            connection.executescript(sql)
        else:
            rows = [[text(v) for v in row] for row in connection.execute(sql, [value(a) for a in args]).fetchall()]
        connection.commit()
        connection.close()
        print(json.dumps(rows))
        """

    private static func run(_ path: String, _ sql: String, _ arguments: [Value], mode: String) throws -> [[String]] {
        let encoded = arguments.map { argument -> [String] in
            switch argument {
            case let .text(text): return ["text", text]
            case let .integer(number): return ["integer", String(number)]
            case let .blob(data): return ["blob", data.map { String(format: "%02x", $0) }.joined()]
            }
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: encoded), as: UTF8.self)
        let result = try ChildProcess.run(try PythonTools.python, ["-c", script, path, sql, mode, json])
        guard result.exitCode == 0 else { throw SQLiteFileError(message: result.standardError) }
        return (try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String]]) ?? []
    }
}

/// What Python's sqlite3 said when a statement failed.
public struct SQLiteFileError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
