import Foundation
import TresorCompliance
import TresorModel

/// Export packages too large to build within a request: built in the background, kept in
/// memory only (never on disk in clear) until their download link expires. A job belongs to the
/// API key that started it: to any other key it does not exist.
actor ExportJobs {
    enum Status: String, Sendable {
        case building, ready, failed
    }

    struct Job: Sendable {
        var id: String
        var subjectID: UUID
        /// The API key that started the job.
        var owner: String
        var purpose: SubjectExporter.Purpose
        var status: Status
        var createdAt: Date
        var expiresAt: Date
        var package: Data?
    }

    /// How long a download link works.
    static let lifetime: TimeInterval = 3_600
    private var jobs: [String: Job] = [:]
    private let clock: WallClock

    init(clock: WallClock = .system) {
        self.clock = clock
    }

    /// Starts building; returns the job as it is now.
    func start(subjectID: UUID, owner: String, purpose: SubjectExporter.Purpose, language: String?, exporter: SubjectExporter) -> Job {
        removeExpired()
        let now = clock.date
        let job = Job(id: "exp_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24), subjectID: subjectID,
                      owner: owner, purpose: purpose, status: .building, createdAt: now, expiresAt: now.addingTimeInterval(Self.lifetime), package: nil)
        jobs[job.id] = job
        Task {
            let package = try? await exporter.exportData(customerID: subjectID, purpose: purpose, language: language).data
            self.finish(job.id, package: package)
        }
        return job
    }

    private func finish(_ id: String, package: Data?) {
        jobs[id]?.package = package
        jobs[id]?.status = package == nil ? .failed : .ready
    }

    /// The job, while its link is valid, if `owner` started it.
    func job(_ id: String, owner: String) -> Job? {
        removeExpired()
        guard let job = jobs[id], job.owner == owner else { return nil }
        return job
    }

    private func removeExpired() {
        let now = clock.date
        jobs = jobs.filter { $0.value.expiresAt > now }
    }
}
