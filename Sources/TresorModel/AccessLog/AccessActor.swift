/// Who touched the data: an API key, the operator at the command line, or Tresor itself
/// (retention jobs, deliveries). Never a secret, never personal data.
public struct AccessActor: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// An API key: `id` is `key_…`, `name` the key's name.
        case apiKey = "api_key"
        /// Someone running `tresor` commands: `id` is the login name, `name` the command.
        case `operator`
        /// Tresor itself (background jobs): `id` names the job.
        case system
    }

    public var kind: Kind
    public var id: String
    public var name: String
    /// The role the actor acted under (`admin`, `support-agent`, …), empty when none.
    public var role: String
    /// The teammate the key acts for (keys narrowed to a teammate's customers), empty when none.
    public var teammate: String

    public init(kind: Kind, id: String, name: String, role: String = "", teammate: String = "") {
        self.kind = kind
        self.id = id
        self.name = name
        self.role = role
        self.teammate = teammate
    }
}
