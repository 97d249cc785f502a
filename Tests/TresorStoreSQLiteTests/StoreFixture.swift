import Foundation
import TresorCrypto
import TresorModel
import TresorStoreTestSupport
import TresorStore
@testable import TresorStoreSQLite

/// A store in a fresh temporary directory, with its keyring and a controllable clock.
final class StoreFixture: @unchecked Sendable {
    let directory: URL
    let keyring: MasterKeyring
    let clock = TestClock()
    private(set) var store: SQLiteCustomerStore

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-store-\(UUID().uuidString)")
        keyring = try MasterKeyring.generate()
        let clock = self.clock
        store = try await SQLiteCustomerStore.open(directory: directory, keyring: keyring, clock: { clock.now })
    }

    /// Closes and opens the store again (running recovery), as a restart would.
    func reopen() async throws {
        try store.close()
        let clock = self.clock
        store = try await SQLiteCustomerStore.open(directory: directory, keyring: keyring, clock: { clock.now })
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var dataPath: String { directory.appendingPathComponent("tresor.sqlite").path }
    var keysPath: String { directory.appendingPathComponent("keys.sqlite").path }

    /// A valid draft; `marker` goes into every personal field so leaks can be searched for.
    static func draft(_ marker: String = "X", email: String? = nil, country: String = "DE", teammate: UUID? = nil) -> CustomerDraft {
        ConformanceFixture.draft(marker, email: email, country: country, teammate: teammate)
    }
}
