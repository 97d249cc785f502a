import Foundation

/// The policies of a deployment, loaded together so one command reports every problem's file,
/// line and field.
public struct PolicySet: Sendable {
    public let roles: RolesPolicy
    public let residency: ResidencyPolicy
    public let retention: RetentionPolicy
    public let processing: ProcessingPolicy
    /// Where they came from: a directory, or "built-in defaults".
    public let source: String

    /// Loads the policies from `directory`; a file missing there falls back to the built-in
    /// default of the same name.
    public static func load(directory: URL?) throws -> PolicySet {
        func text(_ name: String, fallback: String) throws -> (String, String) {
            guard let directory else { return (fallback, "built-in \(name)") }
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return (fallback, "built-in \(name)") }
            do {
                return (try String(contentsOf: url, encoding: .utf8), url.path)
            } catch {
                throw PolicyError(file: url.path, line: nil, field: nil, reason: "cannot be read as UTF-8 text")
            }
        }
        let (rolesText, rolesFile) = try text(RolesPolicy.fileName, fallback: DefaultPolicies.roles)
        let (residencyText, residencyFile) = try text(ResidencyPolicy.fileName, fallback: DefaultPolicies.residency)
        let (retentionText, retentionFile) = try text(RetentionPolicy.fileName, fallback: DefaultPolicies.retention)
        let (processingText, processingFile) = try text(ProcessingPolicy.fileName, fallback: DefaultPolicies.processing)
        let residency = try ResidencyPolicy(text: residencyText, file: residencyFile)
        let processing = try ProcessingPolicy(text: processingText, file: processingFile)
        try processing.checkTransfers(against: residency)
        return PolicySet(roles: try RolesPolicy(text: rolesText, file: rolesFile), residency: residency,
                         retention: try RetentionPolicy(text: retentionText, file: retentionFile), processing: processing,
                         source: directory?.path ?? "built-in defaults")
    }

    /// The directory to read: `--policies`, else `TRESOR_POLICIES`, else `./policies` if it exists.
    public static func directory(option: String?, environment: [String: String]) -> URL? {
        if let option { return URL(fileURLWithPath: option) }
        if let path = environment["TRESOR_POLICIES"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("policies")
        return FileManager.default.fileExists(atPath: local.path) ? local : nil
    }
}
