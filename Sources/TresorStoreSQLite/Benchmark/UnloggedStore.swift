import Foundation
import TresorCrypto
import TresorStore

extension SQLiteCustomerStore {
    /// **Benchmarks only.** A store whose writes skip their access-log entry: the baseline that
    /// `tresor bench` measures the access log's cost against, in the same run. Never open real
    /// data this way — it breaks the rule that every write of personal data is logged.
    public static func openUnloggedForBenchmark(directory: URL, keyring: MasterKeyring) async throws -> SQLiteCustomerStore {
        try await open(directory: directory, keyring: keyring, clock: { Int64(Date().timeIntervalSince1970) },
                       checkpoints: AccessLog.CheckpointPolicy(), logClock: { Int64(Date().timeIntervalSince1970 * 1000) },
                       recordingAccess: false)
    }
}
