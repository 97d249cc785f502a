/// A locale as Tamio uses it: an ISO 639-1 language code, optionally with an ISO 3166 region
/// (`de`, `de-AT`, `pt_BR`). Stored as given, normalised to `ll` or `ll-RR`.
public enum LanguageCode {
    /// The normalised locale, or nil when `text` is not one.
    public static func normalize(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard (1...2).contains(parts.count), languages.contains(parts[0].lowercased()) else { return nil }
        if parts.count == 2 {
            guard let region = CountryCode(parts[1]) else { return nil }
            return "\(parts[0].lowercased())-\(region.code)"
        }
        return parts[0].lowercased()
    }
}
