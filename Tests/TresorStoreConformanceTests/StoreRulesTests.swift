import Foundation
import NIOConcurrencyHelpers
import Testing
import TresorCrypto
import TresorModel
import TresorStore

/// The write order every backend inherits from `StoreRules`, checked against storages that only
/// record what they are asked to do.
@Suite("Store rules: the order of writes across keys and rows")
struct StoreRulesTests {
    @Test("a create writes keys first; refused subjects' keys are destroyed, the others confirmed; a failed row write destroys them all")
    func createOrder() async throws {
        let journal = Journal()
        let keys = RecordingKeys(journal)
        let made = try ["a", "b"].map { id in (subjectID: id, key: try keys.makeKey(for: id).key, wrapped: try keys.makeKey(for: id).wrapped) }
        let refused = try await StoreRules.create(made, now: 5, in: keys) {
            journal.add("rows")
            return ["b"]
        }
        #expect(refused == ["b"])
        #expect(journal.entries == ["store a,b", "rows", "destroy b", "confirm a"])

        journal.clear()
        await #expect(throws: StoreError.self) {
            _ = try await StoreRules.create(made, now: 5, in: keys) { throw StoreError.emailAlreadyExists }
        }
        #expect(journal.entries == ["store a,b", "destroy a,b"])
    }

    @Test("an erasure records its intent, then confirms hold keys and publishes, then destroys keys before deleting rows")
    func erasureOrder() async throws {
        let journal = Journal()
        let keys = RecordingKeys(journal)
        let rows = RecordingRows(journal, pending: [:], withRows: [])
        let hold = UUID()
        let retention = RetentionKeys(holdKeys: [hold: try DataKey.generate()], customerKeys: [:])
        try await StoreRules.erase(retention: retention, keys: keys, rows: rows, recordIntent: {
            journal.add("intent")
            return [.customer: ["c"]]
        }, afterCommit: { journal.add("ledger file") })
        #expect(journal.entries == ["intent", "confirm \(LegalHold.keyID(of: hold))", "ledger file", "destroy c", "delete customer c",
                                    "purge rows", "purge keys"])
    }

    @Test("recovery finishes recorded erasures and keeps old pending keys with rows, destroying those without")
    func recovery() async throws {
        let journal = Journal()
        let keys = RecordingKeys(journal, pending: ["old-with-rows", "old-without-rows"])
        let rows = RecordingRows(journal, pending: [.teammate: ["t"]], withRows: ["old-with-rows"])
        try await StoreRules.recover(now: 10_000, keys: keys, rows: rows)
        #expect(journal.entries == ["destroy t", "delete teammate t", "purge rows", "purge keys",
                                    "pending older than \(10_000 - StoreRules.pendingKeyGracePeriod)",
                                    "clear pending old-with-rows", "destroy old-without-rows"])
    }

    @Test("sorting by a decrypted value ignores case, breaks ties by id, pages by number and by cursor")
    func decryptedPaging() throws {
        let matches = [(id: "3", value: "bert"), (id: "1", value: "Anna"), (id: "2", value: "anna"), (id: "4", value: "Carla")]
        var query = CustomerQuery()
        query.paging = .pages(page: 1, perPage: 3)
        query.order = .ascending
        let first = try StoreRules.pageDecrypted(matches, query: query)
        #expect(first.ids == ["1", "2", "3"] && first.totalResults == 4 && first.hasMore)
        query.order = .descending
        query.paging = .cursor(limit: 2, startingAfter: nil)
        #expect(try StoreRules.pageDecrypted(matches, query: query).ids == ["4", "3"])
    }
}

/// What the storages were asked to do, in order.
final class Journal: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var entries: [String] { lines.withLockedValue { $0 } }
    func add(_ line: String) { lines.withLockedValue { $0.append(line) } }
    func clear() { lines.withLockedValue { $0.removeAll() } }
}

struct RecordingKeys: SubjectKeyStorage {
    let journal: Journal
    var pending: [String] = []
    init(_ journal: Journal, pending: [String] = []) {
        self.journal = journal
        self.pending = pending
    }

    func makeKey(for subjectID: String) throws -> (key: DataKey, wrapped: WrappedDataKey) {
        let key = try DataKey.generate()
        return (key, try MasterKeyring.generate().wrap(key, subjectID: subjectID))
    }
    func store(_ keys: [(subjectID: String, key: DataKey, wrapped: WrappedDataKey)], now: Int64) async throws {
        journal.add("store " + keys.map(\.subjectID).joined(separator: ","))
    }
    func confirm(_ subjectIDs: [String]) { if !subjectIDs.isEmpty { journal.add("confirm " + subjectIDs.joined(separator: ",")) } }
    func keys(for subjectIDs: [String]) async throws -> [String: DataKey] { [:] }
    func destroy(_ subjectIDs: [String]) async throws { if !subjectIDs.isEmpty { journal.add("destroy " + subjectIDs.joined(separator: ",")) } }
    func pendingSubjects(olderThan cutoff: Int64) async throws -> [String] {
        journal.add("pending older than \(cutoff)")
        return pending
    }
    func clearPending(_ subjectIDs: [String]) async throws { journal.add("clear pending " + subjectIDs.joined(separator: ",")) }
    func purgeResidue() async throws { journal.add("purge keys") }
}

struct RecordingRows: ErasedRowStorage {
    let journal: Journal
    let pending: [ErasureKind: [String]]
    let withRows: Set<String>
    init(_ journal: Journal, pending: [ErasureKind: [String]], withRows: Set<String>) {
        self.journal = journal
        self.pending = pending
        self.withRows = withRows
    }

    func pendingErasures() async throws -> [ErasureKind: [String]] { pending }
    func deleteErasedRows(_ subjectIDs: [String], kind: ErasureKind) async throws {
        journal.add("delete \(kind.rawValue) " + subjectIDs.joined(separator: ","))
    }
    func subjectsWithRows(among subjectIDs: [String]) async throws -> Set<String> { withRows.intersection(subjectIDs) }
    func purgeResidue() async throws { journal.add("purge rows") }
}
