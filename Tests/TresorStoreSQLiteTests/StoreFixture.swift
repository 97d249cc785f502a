import Foundation
import TresorCrypto
import TresorModel
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
        CustomerDraft(
            name: "Name\(marker)", lastName: "Last\(marker)", email: email ?? "mail\(marker.lowercased())@example.de",
            phone: "+49 30 \(marker)", company: "Company\(marker)", country: country, locale: "de", timezoneOffset: "+01:00",
            teammateID: teammate, metadata: ["note": "Meta\(marker)"],
            billingAddresses: [AddressDraft(name: "Bill\(marker)", lastName: "BillLast\(marker)", company: "BillCo\(marker)",
                                            representative: "Rep\(marker)", email: "bill\(marker.lowercased())@example.de",
                                            phone: "BillPhone\(marker)", address: "Street \(marker)", city: "City\(marker)",
                                            postcode: "PC\(marker)", state: "State\(marker)", country: "DE", isCompany: true,
                                            vat: "DE136695976")],
            shippingAddresses: [AddressDraft(name: "Ship\(marker)", address: "ShipStreet \(marker)", city: "ShipCity\(marker)",
                                             postcode: "SPC\(marker)", country: "AT", message: "Note\(marker)")])
    }
}

/// A clock tests can move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 1_780_000_000

    var now: Int64 {
        lock.lock(); defer { lock.unlock() }
        return value
    }

    func advance(by seconds: Int64) {
        lock.lock(); defer { lock.unlock() }
        value += seconds
    }
}
