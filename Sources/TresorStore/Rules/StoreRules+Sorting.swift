import Foundation
import TresorModel

/// Sorting by a sealed field, for every backend: the backend decrypts that field of every match
/// (bounded by ``CustomerQuery`` callers to what fits in memory); the order and the page are
/// decided here.
extension StoreRules {
    /// The page of `query` from `matches` (subject id and decrypted value): ordered by the value
    /// without regard to case, ties by id, then paged by page number or by cursor. Returns the ids
    /// of the page, the total (page paging only) and whether more follow.
    public static func pageDecrypted(_ matches: [(id: String, value: String)], query: CustomerQuery) throws
        -> (ids: [String], totalResults: Int?, hasMore: Bool) {
        let folded: [(id: String, value: String)] = matches.map { ($0.id, $0.value.lowercased()) }
        var sorted = folded.sorted { first, second in
            first.value == second.value ? first.id < second.id : first.value < second.value
        }
        if query.order == .descending { sorted.reverse() }
        let orderedIDs: [String] = sorted.map { $0.id }
        switch query.paging {
        case let .pages(page, perPage):
            let start = min((page - 1) * perPage, orderedIDs.count)
            let end = min(start + perPage, orderedIDs.count)
            return (Array(orderedIDs[start..<end]), orderedIDs.count, end < orderedIDs.count)
        case let .cursor(limit, startingAfter):
            var start = 0
            if let startingAfter {
                guard let position = orderedIDs.firstIndex(of: startingAfter.lowercaseText) else {
                    throw StoreError.invalidField(FieldError(field: "starting_after", reason: "names no customer in this list"))
                }
                start = position + 1
            }
            let end = min(start + limit, orderedIDs.count)
            return (Array(orderedIDs[start..<end]), nil, end < orderedIDs.count)
        }
    }
}
