import Foundation
import Testing
import TresorCrypto
import TresorDeployment
import TresorModel
import TresorStore

/// Every storage backend the conformance suite runs against. A new backend adds a case here and
/// passes every test of `TresorStoreConformanceTests` (Docs/architecture.md).
public enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite

    public var testDescription: String { rawValue }

    /// A fresh, empty store of this backend in `directory`, reading `clock`.
    func openStore(in directory: URL, keyring: MasterKeyring, clock: WallClock) async throws -> any CustomerStore {
        switch self {
        case .sqlite:
            return try await Deployment(directory: directory, clock: clock).openStore(keyring: keyring)
        }
    }
}

/// A store of one backend in a fresh temporary directory, with its keyring and a clock tests move.
public final class ConformanceFixture: @unchecked Sendable {
    public let backend: StoreBackend
    public let directory: URL
    public let keyring: MasterKeyring
    public let clock = TestClock()
    public private(set) var store: any CustomerStore

    public init(_ backend: StoreBackend) async throws {
        self.backend = backend
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-conformance-\(UUID().uuidString)")
        keyring = try MasterKeyring.generate()
        store = try await backend.openStore(in: directory, keyring: keyring, clock: clock.wallClock)
    }

    /// Closes and opens the store again, as a restart would.
    public func reopen() async throws {
        try store.close()
        store = try await backend.openStore(in: directory, keyring: keyring, clock: clock.wallClock)
    }

    /// A valid draft; `marker` goes into every personal field so leaks can be searched for.
    public static func draft(_ marker: String = "X", email: String? = nil, country: String = "DE", teammate: UUID? = nil) -> CustomerDraft {
        CustomerDraft(
            name: "Name\(marker)", lastName: "Last\(marker)", email: email ?? "mail\(marker.lowercased())@example.de",
            phone: "+49 30 \(marker)", company: "Company\(marker)", country: country, locale: "de", timezoneOffset: "+01:00",
            teammateID: teammate, metadata: ["note": "Meta\(marker)"], stripeCustomerID: "cus_Stripe\(marker)",
            affiliatePartnerID: "Partner\(marker)", source: .import,
            billingAddresses: [AddressDraft(name: "Bill\(marker)", lastName: "BillLast\(marker)", company: "BillCo\(marker)",
                                            representative: "Rep\(marker)", email: "bill\(marker.lowercased())@example.de",
                                            phone: "BillPhone\(marker)", address: "Street \(marker)", city: "City\(marker)",
                                            postcode: "PC\(marker)", state: "State\(marker)", country: "DE", isCompany: true,
                                            vat: "DE136695976", customBillingFields: ["po_number": "PO\(marker)"])],
            shippingAddresses: [AddressDraft(name: "Ship\(marker)", address: "ShipStreet \(marker)", city: "ShipCity\(marker)",
                                             postcode: "SPC\(marker)", country: "AT", message: "Note\(marker)")])
    }

    deinit {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A clock tests can move, in whole seconds.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 1_780_000_000

    public init() {}

    public var now: Int64 {
        lock.lock(); defer { lock.unlock() }
        return value
    }

    public func advance(by seconds: Int64) {
        lock.lock(); defer { lock.unlock() }
        value += seconds
    }

    /// This clock as the deployment's clock.
    public var wallClock: WallClock { WallClock { [self] in now * 1000 } }
}
