import Foundation
import Yams

/// A parsed YAML policy file that keeps line numbers, so every error can point at its line.
struct PolicyDocument {
    let file: String
    let root: Node

    /// Parses `text`; syntax errors become ``PolicyError`` with the line Yams reports.
    init(text: String, file: String) throws {
        self.file = file
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw PolicyError(file: file, line: nil, field: nil, reason: "the file is empty")
            }
            self.root = root
        } catch let error as YamlError {
            throw PolicyError(file: file, line: Self.line(of: error), field: nil, reason: "not valid YAML: \(Self.problem(of: error))")
        }
    }

    func error(_ node: Node?, field: String, _ reason: String) -> PolicyError {
        PolicyError(file: file, line: node?.mark?.line, field: field, reason: reason)
    }

    /// The mapping at `node`, or an error naming `field`.
    func mapping(_ node: Node?, field: String) throws -> Node.Mapping {
        guard let mapping = node?.mapping else { throw error(node, field: field, "must be a mapping of names to values") }
        return mapping
    }

    func string(_ node: Node?, field: String) throws -> String {
        guard let node, case .scalar = node, let text = node.string, !text.isEmpty else {
            throw error(node, field: field, "must be a non-empty text value")
        }
        return text
    }

    func strings(_ node: Node?, field: String) throws -> [(String, Node)] {
        guard let sequence = node?.sequence else { throw error(node, field: field, "must be a list") }
        return try sequence.enumerated().map { index, item in (try string(item, field: "\(field)[\(index)]"), item) }
    }

    /// An optional list of records (`- key: value` mappings with only the `keys` given), each
    /// handed to `record` with its field path (`name[index]`); an absent or empty list is none.
    func records<Record>(_ node: Node?, field: String, keys: Set<String>,
                         _ record: (Node.Mapping, Node, String) throws -> Record) throws -> [Record] {
        guard let node, node.sequence?.isEmpty == false || node.mapping != nil else { return [] }
        guard let sequence = node.sequence else { throw error(node, field: field, "must be a list") }
        return try sequence.enumerated().map { index, entry in
            let path = "\(field)[\(index)]"
            let mapping = try mapping(entry, field: path)
            try rejectUnknownKeys(mapping, allowed: keys, field: path)
            return try record(mapping, entry, path)
        }
    }

    func integer(_ node: Node?, field: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let node else { return value }
        guard let number = node.int, range.contains(number) else {
            throw error(node, field: field, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func bool(_ node: Node?, field: String, default value: Bool) throws -> Bool {
        guard let node else { return value }
        guard let flag = node.bool else { throw error(node, field: field, "must be true or false") }
        return flag
    }

    /// Rejects keys of `mapping` that are not in `allowed`, so typos do not pass silently.
    func rejectUnknownKeys(_ mapping: Node.Mapping, allowed: Set<String>, field: String) throws {
        for (key, _) in mapping {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                throw error(key, field: field.isEmpty ? name : "\(field).\(name)",
                            "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
