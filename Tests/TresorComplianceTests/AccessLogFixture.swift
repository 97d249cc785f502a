import Foundation
import Testing
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorModel
import TresorStore
import TresorTestSupport

/// A store in a temporary directory whose access log tests fill, then tamper with through a
/// second, raw connection to the same database file.
final class AccessLogFixture: @unchecked Sendable {
    let directory: URL
    let store: any CustomerStore
    let publicKey: Ed25519PublicKey

    init(checkpointEvery entries: Int = 10) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-log-\(UUID().uuidString)")
        store = try await Deployment(directory: directory).openStore(checkpoints: .init(entries: entries, seconds: 3_600),
                                                                     keyring: try MasterKeyring.generate())
        publicKey = try #require(store.accessLog.signingKey?.publicKey)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Appends `count` read records, each naming a fresh subject.
    func appendReads(_ count: Int) async throws {
        for index in 0..<count {
            try await store.recordAccess(Self.record(index))
        }
    }

    static func record(_ index: Int, subjects: [UUID] = [UUID()]) -> AccessRecord {
        AccessRecord(actor: AccessActor(kind: .apiKey, id: "key_test", name: "test key", role: "admin"), action: "customer.view",
                     subjects: subjects, fields: ["name", "email"], purpose: "testing", requestID: "req_\(index)")
    }

    func verify(keys: [Ed25519PublicKey]? = nil) throws -> AccessLogVerification {
        try AccessLogVerifier(trustedKeys: keys ?? [publicKey]).verify(Deployment(directory: directory).accessLogReader())
    }

    /// Runs raw SQL on the data file, as someone with database access could.
    func tamper(_ sql: String, arguments: [SQLiteFile.Value] = []) throws {
        if arguments.isEmpty {
            try SQLiteFile.execute(dataFile, script: sql)
        } else {
            try SQLiteFile.execute(dataFile, sql, arguments)
        }
    }

    var dataFile: String { directory.appendingPathComponent("tresor.sqlite").path }

    func entryBytes(_ sequence: Int64) throws -> [UInt8] {
        Array(SQLiteFile.bytes(hex: try SQLiteFile.scalar(dataFile, "SELECT entry FROM access_log WHERE seq = ?", [.integer(sequence)]) ?? ""))
    }
}
