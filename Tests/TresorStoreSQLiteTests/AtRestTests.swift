import Foundation
import Testing
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

@Suite("No personal data at rest")
struct AtRestTests {
    /// Every marker starts with this; if the prefix occurs nowhere, no marker does.
    static let markerPrefix = "QZMARK"

    @Test("1,000 customers with a unique marker in every personal field: no file holds a marker, in UTF-8 or UTF-16")
    func noPlaintextOnDisk() async throws {
        let fixture = try await StoreFixture()
        var created: [Customer] = []
        for batch in 0..<10 {
            let drafts = (0..<100).map { index in StoreFixture.draft("\(Self.markerPrefix)\(batch * 100 + index)") }
            for outcome in try await fixture.store.createCustomers(drafts) {
                guard case let .created(customer) = outcome else { Issue.record("create failed: \(outcome)"); return }
                created.append(customer)
            }
        }
        #expect(created.count == 1_000)
        let teammate = try await fixture.store.createTeammate(name: "\(Self.markerPrefix)Teammate", email: "qzmarkteam@example.de")
        _ = try await fixture.store.assignTeammate(teammate.id, customerIDs: created.prefix(50).map(\.id))
        for customer in created.prefix(100) {
            _ = try await fixture.store.updateCustomer(id: customer.id, with: CustomerPatch(name: "\(Self.markerPrefix)Renamed\(customer.id)"))
        }
        _ = try await fixture.store.deleteCustomers(ids: created.suffix(100).map(\.id))
        // Reading back proves the markers were really stored (sealed), not dropped.
        #expect(try await fixture.store.customer(id: created[500].id).company == "Company\(Self.markerPrefix)500")
        try fixture.store.close()

        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        #expect(files.contains("tresor.sqlite"))
        #expect(files.contains("keys.sqlite"))
        for file in files {
            let contents = try Data(contentsOf: fixture.directory.appendingPathComponent(file))
            for needle in Self.encodings(of: Self.markerPrefix) + Self.encodings(of: Self.markerPrefix.lowercased()) {
                #expect(contents.range(of: needle) == nil, "\(file) contains a marker")
            }
        }
    }

    @Test("the scan would find a marker if one were there")
    func scannerFindsPlaintext() throws {
        let needles = Self.encodings(of: Self.markerPrefix)
        #expect(Data("xx\(Self.markerPrefix)42yy".utf8).range(of: needles[0]) != nil)
        #expect(Data("zz\(Self.markerPrefix)42".utf16LittleEndianBytes).range(of: needles[1]) != nil)
        #expect(Data("zz\(Self.markerPrefix)42".utf16BigEndianBytes).range(of: needles[2]) != nil)
        #expect(Data("nothing to see".utf8).range(of: needles[0]) == nil)
    }

    static func encodings(of text: String) -> [Data] {
        [Data(text.utf8), Data(text.utf16LittleEndianBytes), Data(text.utf16BigEndianBytes)]
    }
}

extension String {
    var utf16LittleEndianBytes: [UInt8] { utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] } }
    var utf16BigEndianBytes: [UInt8] { utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] } }
}
