import Foundation
import GRDB
import Testing
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

/// What an erased customer leaves in the data directory: nothing that identifies them — no
/// marker, no blind-index value, no wrapped key — in the database files or their write-ahead logs.
@Suite("erasure residue")
struct ErasureResidueTests {
    @Test("after deleting a customer, no file holds their blind-index value or wrapped key; before, the scan finds both")
    func nothingLeft() async throws {
        let fixture = try await StoreFixture()
        let erased = try await fixture.store.createCustomer(StoreFixture.draft("QZERASE1"))
        _ = try await fixture.store.updateCustomer(id: erased.id, with: CustomerPatch(name: "QZERASE1renamed"))
        let kept = try await fixture.store.createCustomer(StoreFixture.draft("QZKEEP2"))
        let subjectID = erased.id.uuidString.lowercased()
        let emailIndex = try await fixture.store.data.read { db in
            try Data.fetchOne(db, sql: "SELECT email_index FROM customers WHERE id = ?", arguments: [subjectID])
        }
        let keysFile = try DatabaseQueue(path: fixture.keysPath)
        let wrappedKey = try await keysFile.read { db in
            try Data.fetchOne(db, sql: "SELECT wrapped_key FROM subject_keys WHERE subject_id = ?", arguments: [subjectID])
        }
        try keysFile.close()
        let needles = [("blind index", try #require(emailIndex)), ("wrapped key", try #require(wrappedKey))]
        for (what, needle) in needles {
            #expect(try Self.filesContaining(needle, in: fixture.directory).isEmpty == false, "the scan must find the \(what) while it exists")
        }

        try await fixture.store.deleteCustomer(id: erased.id)

        for (what, needle) in needles {
            #expect(try Self.filesContaining(needle, in: fixture.directory).isEmpty, "the \(what) of an erased customer is still on disk")
        }
        for file in try Self.filesContaining(Data("QZERASE1".utf8), in: fixture.directory) {
            Issue.record("\(file) holds a marker of the erased customer")
        }
        #expect(try await fixture.store.customer(id: kept.id).name == "NameQZKEEP2")
    }

    /// The files under `directory` whose bytes contain `needle`.
    static func filesContaining(_ needle: Data, in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { name in
            guard let contents = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return false }
            return contents.range(of: needle) != nil
        }
    }
}
