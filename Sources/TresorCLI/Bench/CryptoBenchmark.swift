import Foundation
import TresorCrypto

/// The crypto core's figures: sealing and opening a short field, against OpenSSL's own rate.
///
/// The wrapper and `openssl speed` are measured in alternating one-second rounds, so that both
/// see the same machine load; each figure is the median over the rounds.
struct CryptoBenchmark {
    var seconds: Double

    private var rounds: Int { max(3, Int(seconds.rounded())) }

    func run() throws -> [BenchFigure] {
        let dataKey = try DataKey.generate()
        let context = FieldContext(table: "customers", column: "email", rowID: UUID().uuidString.lowercased())
        let field = [UInt8](repeating: 0x61, count: 32)
        let sealed = try dataKey.seal(field, context: context)

        var pairRates: [Double] = []
        var aeadRates: [Double] = []
        var streamRates: [Double] = []
        for _ in 0..<rounds {
            pairRates.append(try Stopwatch.rate(seconds: 1) {
                _ = try dataKey.open(dataKey.seal(field, context: context), context: context)
            })
            if let rate = try? OpenSSLSpeed.aes256GCMMessagesPerSecond(bytes: 64, seconds: 1, aead: true) { aeadRates.append(rate) }
            if let rate = try? OpenSSLSpeed.aes256GCMMessagesPerSecond(bytes: 64, seconds: 1, aead: false) { streamRates.append(rate) }
        }
        let share = seconds / 4
        let sealRate = try Stopwatch.bestRate(seconds: share) { _ = try dataKey.seal(field, context: context) }
        let openRate = try Stopwatch.bestRate(seconds: share) { _ = try dataKey.open(sealed, context: context) }

        let keyring = try MasterKeyring.generate()
        let wrapped = try keyring.wrap(dataKey, subjectID: context.rowID)
        let unwrapRate = try Stopwatch.bestRate(seconds: share, batch: 100) {
            _ = try keyring.unwrap(wrapped, subjectID: context.rowID)
        }
        let blindIndex = try keyring.blindIndexKey(purpose: "customers.email", version: 1)
        let indexRate = try Stopwatch.bestRate(seconds: share) { _ = try blindIndex.index(ofEmail: "anna.schmidt@example.de") }

        let pairRate = median(pairRates)
        return [
            BenchFigure(name: "field seal+open (32 B), pairs", value: pairRate, unit: "ops/s",
                        baselineName: "openssl speed -aead -evp aes-256-gcm (64 B)", baselineValue: median(aeadRates), targetRatio: 0.5),
            BenchFigure(name: "field seal+open (32 B), pairs", value: pairRate, unit: "ops/s",
                        baselineName: "openssl speed -evp aes-256-gcm (64 B)", baselineValue: median(streamRates), targetRatio: 0.5),
            BenchFigure(name: "field seal (32 B)", value: sealRate, unit: "ops/s"),
            BenchFigure(name: "field open (32 B)", value: openRate, unit: "ops/s"),
            BenchFigure(name: "data key unwrap", value: unwrapRate, unit: "ops/s"),
            BenchFigure(name: "blind index of an email", value: indexRate, unit: "ops/s"),
        ]
    }

    private func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
