import Foundation
import TresorCompliance
import TresorModel
import TresorStore

/// Which data subject an export is about.
public enum SubjectReference: Sendable {
    case customer(UUID)
    /// Found through the email blind index; the address itself is never logged.
    case email(String)
}

/// Subject exports (scope `compliance.export`): GDPR Art. 15 access and Art. 20 portability.
extension TresorService {
    /// Finds the subject, builds its package with `write` (to a file or into memory), and logs
    /// `customer.export` with the purpose `art15` or `art20` once the package is complete.
    public func exportSubject<Value: Sendable>(
        _ reference: SubjectReference, purpose: SubjectExporter.Purpose, request: RequestInfo,
        write: (SubjectExporter, UUID) async throws -> Value
    ) async throws -> Value {
        var request = request
        request.purpose = purpose.rawValue
        var subjects: [UUID] = []
        if case let .customer(id) = reference { subjects = [id] }
        return try await perform("customer.export", scope: .complianceExport, request: request, fields: CustomerFields.all, subjects: subjects) {
            guard let exporter else { throw ServiceError.exportNotConfigured }
            let id = try await subjectID(reference, request)
            return (try await write(exporter, id), [id])
        }
    }

    func subjectID(_ reference: SubjectReference, _ request: RequestInfo) async throws -> UUID {
        switch reference {
        case let .customer(id):
            return try await reachableCustomer(id, request).id
        case let .email(address):
            guard let customer = try await store.customer(email: address), Self.reaches(request.principal, customer) else {
                throw ServiceError.noSubjectFound
            }
            return customer.id
        }
    }

    /// Records that a finished export package was downloaded.
    public func recordExportDownload(subjectID: UUID, purpose: SubjectExporter.Purpose, request: RequestInfo) async throws {
        var request = request
        request.purpose = purpose.rawValue
        try await perform("customer.export.download", scope: .complianceExport, request: request, fields: CustomerFields.all, subjects: [subjectID]) {
            ((), [subjectID])
        }
    }
}
