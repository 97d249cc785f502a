/// How an API key's answers are shaped. Chosen when the key is created
/// (`tresor keys create … --compat tamio`) and kept with it; Docs/api.md "Compatibility mode".
public enum APICompatibility: String, Sendable, Equatable, CaseIterable {
    /// Tresor's own answers: RFC 9457 problems with the HTTP status that fits (404, 409, 422…),
    /// bulk operations answered per item.
    case standard
    /// Tamio's answers, for integrations written against Tamio: errors are HTTP 400 with Tamio's
    /// `{status, error, error_code}` body, a bulk operation that names an unknown id answers
    /// 400/1002 and changes nothing, and webhook endpoints may also sign Tamio's way.
    case tamio
}
