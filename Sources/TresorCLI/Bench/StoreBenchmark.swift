import Foundation
import TresorCrypto
import TresorDeployment
import TresorModel
import TresorStore

/// The store's figures: creates against unencrypted inserts, point reads, email lookups at two
/// sizes, and peak memory while loading.
struct StoreBenchmark {
    var customers: Int
    var seconds: Double
    var progress: (String) -> Void

    static let batchSize = 500
    static let smallSize = 10_000

    func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyring = try MasterKeyring.generate()
        let store = try await Deployment.scratchStore(in: directory.appendingPathComponent("store"), keyring: keyring)
        let baseline = try Deployment.scratchBaseline(in: directory.appendingPathComponent("baseline"))

        // Creates: the same batches through the store and through the baseline, alternating.
        var storeSeconds = 0.0, baselineSeconds = 0.0, created = 0
        var baselineIDs: [UUID] = []
        let comparisonBatches = max(4, min(20, customers / Self.batchSize / 2))
        for batch in 0..<comparisonBatches {
            let drafts = Self.drafts(from: batch * Self.batchSize, count: Self.batchSize)
            storeSeconds += try await Self.time { try await Self.createAll(drafts, in: store) }
            let validated = try drafts.map { try $0.validated(id: UUID(), now: 1_780_000_000) }
            baselineSeconds += try await Self.time { try await baseline.insert(validated, now: 1_780_000_000) }
            baselineIDs += validated.map(\.id)
            created += drafts.count
        }
        let baselineReads = try await Self.rate(seconds: seconds / 2) {
            _ = try await baseline.readRows(id: baselineIDs.randomElement()!)
        }
        try baseline.close()
        let createRate = Double(created) / storeSeconds
        let baselineRate = Double(created) / baselineSeconds

        var figures = [BenchFigure(name: "customer creates (1 billing + 1 shipping address), batches of \(Self.batchSize)",
                                   value: createRate, unit: "customers/s", baselineName: "same SQL inserts, random blobs, no crypto",
                                   baselineValue: baselineRate, targetRatio: 0.6)]
        try await load(store, upTo: Self.smallSize, from: created)
        let small = try await lookups(store, population: Self.smallSize)
        try await load(store, upTo: max(customers, Self.smallSize), from: Self.smallSize)
        let large = try await lookups(store, population: max(customers, Self.smallSize))
        figures.append(BenchFigure(name: "point reads by id at \(max(customers, Self.smallSize)) customers (key cached, every field opened)",
                                   value: large.reads, unit: "reads/s",
                                   baselineName: "the same rows read without opening them (\(baselineIDs.count) customers, random blobs)",
                                   baselineValue: baselineReads))
        let floor = try Deployment.scratchReadFloor(in: directory.appendingPathComponent("store"), keyring: keyring, ids: large.sample,
                                                    seconds: seconds / 2)
        figures.append(BenchFigure(name: "point reads by id at \(max(customers, Self.smallSize)) customers, against the floor",
                                   value: large.reads, unit: "reads/s",
                                   baselineName: "floor: the same SELECTs, one prepared statement each, one connection, one thread",
                                   baselineValue: floor.pointReads, targetRatio: 0.5))
        figures.append(BenchFigure(name: "the floor with every field opened (no value parsed, no customer built)",
                                   value: floor.pointReadsOpeningFields, unit: "reads/s",
                                   baselineName: "floor: the same SELECTs, one prepared statement each, one connection, one thread",
                                   baselineValue: floor.pointReads))
        figures.append(BenchFigure(name: "email lookups at \(max(customers, Self.smallSize)) customers, against the floor",
                                   value: large.lookups, unit: "lookups/s",
                                   baselineName: "floor: the same SELECTs by blind index, one prepared statement each, one connection, one thread",
                                   baselineValue: floor.emailLookups, targetRatio: 0.5))
        figures.append(BenchFigure(name: "email lookups at \(Self.smallSize) customers", value: small.lookups, unit: "lookups/s"))
        figures.append(BenchFigure(name: "filter lookups at \(Self.smallSize) customers (one word, one match)", value: small.filters, unit: "lookups/s"))
        figures.append(BenchFigure(name: "filter lookups at \(max(customers, Self.smallSize)) customers (one word, one match)", value: large.filters,
                                   unit: "lookups/s", baselineName: "filter lookups at \(Self.smallSize) customers",
                                   baselineValue: small.filters, targetRatio: 1.0 / 3.0))
        figures.append(BenchFigure(name: "email lookups at \(max(customers, Self.smallSize)) customers", value: large.lookups,
                                   unit: "lookups/s", baselineName: "email lookups at \(Self.smallSize) customers",
                                   baselineValue: small.lookups, targetRatio: 0.5))
        figures.append(BenchFigure(name: "peak resident memory (whole run)", value: Double(Self.peakResidentBytes()) / 1_048_576, unit: "MiB"))
        try store.close()
        return figures
    }

    /// Creates customers in batches until the store holds `target`.
    private func load(_ store: any CustomerStore, upTo target: Int, from start: Int) async throws {
        var count = start
        var batches = 0
        let clock = ContinuousClock()
        let began = clock.now
        while count < target {
            let drafts = Self.drafts(from: count, count: min(Self.batchSize, target - count))
            try await Self.createAll(drafts, in: store)
            count += drafts.count
            batches += 1
            if batches % 20 == 0 {
                let elapsed = began.duration(to: clock.now)
                progress("loaded \(count) of \(target) customers (\(Int(Double(count - start) / max(0.001, Double(elapsed.components.seconds))))/s)")
            }
        }
    }

    /// Reads by id, lookups by email and `filter` lookups of random customers among the first `population`.
    private func lookups(_ store: any CustomerStore, population: Int) async throws -> (reads: Double, lookups: Double, filters: Double, sample: [UUID]) {
        var query = CustomerQuery()
        query.paging = .pages(page: 1, perPage: 100)
        query.order = .ascending
        let sample = try await store.listCustomers(query).customers.map(\.id)
        let share = seconds / 2
        let reads = try await Self.rate(seconds: share) {
            _ = try await store.customer(id: sample.randomElement()!)
        }
        let lookups = try await Self.rate(seconds: share) {
            let index = Int.random(in: 0..<population)
            let found = try await store.customer(email: Self.email(index))
            precondition(found != nil, "customer \(index) missing")
        }
        let filters = try await Self.rate(seconds: share) {
            var query = CustomerQuery()
            query.filter = Self.word(Int.random(in: 0..<population))
            let found = try await store.listCustomers(query)
            precondition(found.customers.count == 1, "filter \(query.filter ?? "") found \(found.customers.count)")
        }
        return (reads, lookups, filters, sample)
    }

    /// Customers number `start` to `start + count - 1`: realistic field lengths, unique emails.
    static func drafts(from start: Int, count: Int) -> [CustomerDraft] {
        (start..<start + count).map { index in
            CustomerDraft(
                name: "Annegret", lastName: "Schmidt-Hoffmann", email: email(index), phone: "+49 30 1234567",
                company: "Hoffmann Logistik GmbH", country: "DE", locale: "de",
                billingAddresses: [AddressDraft(name: "Annegret", lastName: "Schmidt-Hoffmann", company: "Hoffmann Logistik GmbH",
                                                email: "billing@hoffmann.example", address: "Friedrichstraße 123",
                                                city: "Berlin", postcode: "10117", country: "DE", isCompany: true, vat: "DE136695976")],
                shippingAddresses: [AddressDraft(name: "Annegret", lastName: "Schmidt-Hoffmann", address: "Lagerweg 7",
                                                 city: "Potsdam", postcode: "14467", country: "DE", message: "Tor 3")])
        }
    }

    static func email(_ index: Int) -> String { "\(word(index)).customer\(index)@example.de" }

    /// Six letters of customer number `index` alone (a bijection of 0..<26^6), as a name would
    /// be: the word one `filter` lookup searches for.
    static func word(_ index: Int) -> String {
        var number = index &* 1_000_003 % 308_915_776
        var letters: [Character] = []
        for _ in 0..<6 {
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(number % 26))))
            number /= 26
        }
        return String(letters)
    }

    /// The access-log record the benchmark's writes commit with.
    static let record = AccessRecord(actor: AccessActor(kind: .system, id: "bench", name: "tresor bench"), action: "customer.create",
                                     fields: ["name", "email"], purpose: "benchmark", requestID: "bench")

    /// Creates the drafts in one batch; returns the new customers' ids, or throws the first refusal.
    @discardableResult
    static func createAll(_ drafts: [CustomerDraft], in store: any CustomerStore) async throws -> [UUID] {
        try await store.createCustomers(drafts, recording: record).map { outcome in
            switch outcome {
            case let .created(customer): return customer.id
            case let .failed(error): throw error
            }
        }
    }

    /// Single creates of the same drafts in `first` and `second`, alternating rounds of 100 so
    /// that drift hits both alike; returns each store's creates per second.
    static func alternatingCreateRates(_ first: any CustomerStore, _ second: any CustomerStore, rounds: Int) async throws
        -> (first: Double, second: Double, created: Int) {
        var firstSeconds = 0.0, secondSeconds = 0.0, created = 0
        for round in 0..<rounds {
            let drafts = drafts(from: round * 100, count: 100)
            firstSeconds += try await time { for draft in drafts { _ = try await first.createCustomer(draft, recording: record) } }
            secondSeconds += try await time { for draft in drafts { _ = try await second.createCustomer(draft, recording: record) } }
            created += drafts.count
        }
        return (Double(created) / firstSeconds, Double(created) / secondSeconds, created)
    }

    static func time(_ work: () async throws -> Void) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await work()
        let elapsed = start.duration(to: clock.now)
        return elapsed.seconds
    }

    static func rate(seconds: Double, _ operation: () async throws -> Void) async throws -> Double {
        var count = 0
        let elapsed = try await time {
            let clock = ContinuousClock()
            let end = clock.now.advanced(by: .milliseconds(Int64(seconds * 1_000)))
            while clock.now < end {
                try await operation()
                count += 1
            }
        }
        return Double(count) / elapsed
    }

    /// The process's peak resident set size (`VmHWM` in /proc/self/status), in bytes.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1_024
    }
}
