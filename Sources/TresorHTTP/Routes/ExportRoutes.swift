import Foundation
import HTTPTypes
import Hummingbird
import TresorCompliance
import TresorModel
import TresorService

/// `/v2/compliance/exports` (scope `compliance.export`): a subject's package, answered at once
/// as `application/zip`, or, when the subject's access log is long, as a job whose download link
/// expires after an hour and whose every download is logged.
struct ExportRoutes {
    let service: TresorService
    let jobs: ExportJobs
    /// Largest access log (entries) answered within the request.
    static let directLimit = 10_000

    enum Outcome: Sendable {
        case package(Data, subjectID: UUID)
        case job(ExportJobs.Job)
    }

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.post { request, context in
            let body = try await JSONBody.read(request, allowed: ["customer_id", "email", "purpose", "language"])
            let reference = try body.subjectReference()
            let purposeText = try body.string("purpose") ?? "art15"
            guard let purpose = SubjectExporter.Purpose(rawValue: purposeText) else {
                throw Problem.invalid(FieldError(field: "purpose", reason: "must be art15 or art20"))
            }
            let language = try body.string("language")
            if let language, !["en", "de"].contains(language) { throw Problem.invalid(FieldError(field: "language", reason: "must be en or de")) }
            let info = try context.requestInfo(request)
            let outcome = try await service.exportSubject(reference, purpose: purpose, request: info) { exporter, id -> Outcome in
                if try await service.store.accessLogEntryCount(subject: id) <= Self.directLimit {
                    return .package(try await exporter.exportData(customerID: id, purpose: purpose, language: language).data, subjectID: id)
                }
                return .job(await jobs.start(subjectID: id, owner: info.principal.id, purpose: purpose, language: language, exporter: exporter))
            }
            switch outcome {
            case let .package(data, id):
                return Self.zip(data, subjectID: id)
            case let .job(job):
                return JSONResponse.envelope(["export": Self.json(job)], status: .accepted)
            }
        }
        group.get(":id") { request, context in
            let info = try context.requestInfo(request)
            guard info.principal.has(.complianceExport) else { throw ServiceError.missingScope(.complianceExport) }
            let job = try await job(context, owner: info.principal.id)
            return JSONResponse.envelope(["export": Self.json(job)])
        }
        group.get(":id/download") { request, context in
            let info = try context.requestInfo(request)
            let job = try await job(context, owner: info.principal.id)
            guard let package = job.package else {
                throw Problem(status: .conflict, title: "Not ready", detail: "the export is \(job.status.rawValue); try again shortly", errorCode: 409)
            }
            try await service.recordExportDownload(subjectID: job.subjectID, purpose: job.purpose, request: info)
            return Self.zip(package, subjectID: job.subjectID)
        }
    }

    private func job(_ context: TresorRequestContext, owner: String) async throws -> ExportJobs.Job {
        let id = context.parameters.get("id") ?? ""
        guard id.hasPrefix("exp_"), id.count <= 64 else { throw Problem.invalid(FieldError(field: "id", reason: "must be an export id (exp_…)")) }
        guard let job = await jobs.job(id, owner: owner) else {
            throw Problem(status: .notFound, title: "Not found", detail: "export \(id) not found or its link expired", errorCode: 1002)
        }
        return job
    }

    static func zip(_ data: Data, subjectID: UUID) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"tresor-export-\(subjectID.uuidString.lowercased()).zip\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static func json(_ job: ExportJobs.Job) -> [String: Any] {
        [
            "id": job.id, "object": "export", "customer_id": job.subjectID.uuidString.lowercased(), "purpose": job.purpose.rawValue,
            "status": job.status.rawValue, "download_url": "/v2/compliance/exports/\(job.id)/download",
            "created_at": Int(job.createdAt.timeIntervalSince1970), "expires_at": Int(job.expiresAt.timeIntervalSince1970),
        ]
    }
}
