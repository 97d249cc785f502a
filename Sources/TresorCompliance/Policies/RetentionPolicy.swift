import Foundation
import TresorModel

/// `policies/retention.yaml`: how long the access log is kept, how often it is checkpointed, and
/// the rules legal holds are declared by.
public struct RetentionPolicy: Sendable, Equatable {
    public static let fileName = "retention.yaml"

    /// Days an access-log entry is kept before pruning may remove it.
    public let accessLogKeepDays: Int
    public let checkpointEveryEntries: Int
    public let checkpointEverySeconds: Int
    /// Legal-hold rules by name.
    public let holdRules: [String: HoldRule]

    /// The built-in default (`DefaultPolicies.retention`).
    public static let builtIn: RetentionPolicy = {
        do {
            return try RetentionPolicy(text: DefaultPolicies.retention, file: "built-in \(fileName)")
        } catch {
            fatalError("the built-in retention policy does not parse: \(error)")
        }
    }()

    public init(text: String, file: String = fileName) throws {
        let document = try PolicyDocument(text: text, file: file)
        let top = try document.mapping(document.root, field: "")
        try document.rejectUnknownKeys(top, allowed: ["access_log", "legal_holds"], field: "")
        let log = try top["access_log"].map { try document.mapping($0, field: "access_log") } ?? [:]
        try document.rejectUnknownKeys(log, allowed: ["keep_days", "checkpoint_every_entries", "checkpoint_every_seconds"], field: "access_log")
        accessLogKeepDays = try document.integer(log["keep_days"], field: "access_log.keep_days", default: 1095, range: 1...36_500)
        checkpointEveryEntries = try document.integer(log["checkpoint_every_entries"], field: "access_log.checkpoint_every_entries",
                                                      default: 1000, range: 1...1_000_000)
        checkpointEverySeconds = try document.integer(log["checkpoint_every_seconds"], field: "access_log.checkpoint_every_seconds",
                                                      default: 60, range: 1...86_400)
        var rules: [String: HoldRule] = [:]
        if let node = top["legal_holds"] {
            for (key, value) in try document.mapping(node, field: "legal_holds") {
                let name = try document.string(key, field: "legal_holds")
                let field = "legal_holds.\(name)"
                let rule = try document.mapping(value, field: field)
                try document.rejectUnknownKeys(rule, allowed: ["category", "legal_basis", "purpose", "years"], field: field)
                let categoryText = try document.string(rule["category"], field: "\(field).category")
                guard let category = HoldCategory(rawValue: categoryText) else {
                    throw document.error(rule["category"], field: "\(field).category",
                                         "must be one of \(HoldCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let legalBasis = try document.string(rule["legal_basis"], field: "\(field).legal_basis")
                guard !legalBasis.contains("\n") else { throw document.error(rule["legal_basis"], field: "\(field).legal_basis", "must be one line") }
                guard rule["years"] != nil else { throw document.error(value, field: "\(field).years", "is required") }
                rules[name] = HoldRule(name: name, category: category, legalBasis: legalBasis,
                                       purpose: try document.string(rule["purpose"], field: "\(field).purpose"),
                                       years: try document.integer(rule["years"], field: "\(field).years", default: 0, range: 1...30))
            }
        }
        holdRules = rules
    }

    /// The moment (ms since 1970) before which entries may be pruned, seen from `now` (ms).
    public func accessLogCutoff(now: Int64) -> Int64 {
        now - Int64(accessLogKeepDays) * 86_400_000
    }
}
