import Foundation

/// How a map of texts (a customer's metadata, a billing address's custom fields) is stored:
/// JSON with sorted keys, sealed like any other field; nothing at all when the map is empty.
public enum StoredMap {
    /// The map as sorted-key JSON text, or nil when it is empty.
    public static func json(_ map: [String: String]) -> String? {
        guard !map.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(map)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
