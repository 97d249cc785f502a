import Foundation
import TresorModel
import TresorStore

/// Erasure requests (scope `compliance.erasure`, GDPR Art. 17): received → approved or rejected →
/// executed, with the deadlines of Art. 12(3) (Docs/erasure.md). Every step is logged.
extension TresorService {
    /// The day in the deployment's time zone, which deadlines are counted in.
    public static func today(_ now: Date = Date(), timeZone: TimeZone = .current) -> CalendarDay { CalendarDay(now, in: timeZone) }

    /// Today by the deployment's clock, in the server's time zone.
    public var today: CalendarDay { Self.today(clock.date) }

    /// Records a request for the customer `subject` names, received on `receivedOn` (not later than `today`).
    public func createErasureRequest(for subject: SubjectReference, receivedOn: CalendarDay?, channel: String, note: String?,
                                     today: CalendarDay? = nil, request: RequestInfo) async throws -> ErasureRequest {
        let today = today ?? self.today
        var subjects: [UUID] = []
        if case let .customer(id) = subject { subjects = [id] }
        return try await perform("erasure.request", scope: .complianceErasure, request: request, subjects: subjects) {
            guard ErasureRequest.channels.contains(channel) else {
                throw FieldError(field: "channel", reason: "must be one of \(ErasureRequest.channels.sorted().joined(separator: ", "))")
            }
            let received = receivedOn ?? today
            guard received <= today else { throw FieldError(field: "received_at", reason: "must not be in the future") }
            let customerID = try await subjectID(subject, request)
            let created = try await store.erasureRequests.create(customerID: customerID, receivedOn: received, channel: channel, note: note)
            return (created, [customerID])
        }
    }

    /// Requests by receipt, optionally of one status, or open and due within `dueWithin` days (overdue ones included).
    public func erasureRequests(status: ErasureRequest.Status?, dueWithin: Int?, today: CalendarDay? = nil,
                                request: RequestInfo) async throws -> [ErasureRequest] {
        let today = today ?? self.today
        return try await perform("erasure.list", scope: .complianceErasure, request: request) {
            var requests = try await reachable(try await store.erasureRequests.requests(status: status), subject: \.customerID, request)
            if let dueWithin {
                requests = requests.filter { $0.isOpen && ($0.deadline.isOverdue(on: today) || $0.deadline.isDue(within: dueWithin, of: today)) }
            }
            return (requests, requests.map(\.customerID))
        }
    }

    public func erasureRequest(id: UUID, request: RequestInfo) async throws -> ErasureRequest {
        try await perform("erasure.view", scope: .complianceErasure, request: request) {
            let found = try await reachableErasureRequest(id, request)
            return (found, [found.customerID])
        }
    }

    /// Approves a received request once the requester's identity was verified by `verification`
    /// (e.g. `email_match`, `id_document`); the caller is recorded as the verifier.
    public func approveErasureRequest(id: UUID, verification: String?, request: RequestInfo) async throws -> ErasureRequest {
        try await decide("erasure.approve", id: id, from: [.received], request: request) { found in
            guard let verification, !verification.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw FieldError(field: "identity_verification", reason: "is required: say how the requester's identity was verified")
            }
            found.status = .approved
            found.identityVerification = verification
            found.identityVerifiedBy = "\(request.actor.name) (\(request.actor.id))"
        }
    }

    /// Rejects a received or approved request on one of the grounds of Art. 17(3), 12(5) or 12(6).
    public func rejectErasureRequest(id: UUID, reason: String?, request: RequestInfo) async throws -> ErasureRequest {
        try await decide("erasure.reject", id: id, from: [.received, .approved], request: request) { found in
            guard let reason, let ground = ErasureRejection(rawValue: reason) else {
                throw FieldError(field: "reason", reason: "is required: one of \(ErasureRejection.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            found.status = .rejected
            found.rejection = ground
        }
    }

    /// Extends the deadline once, by one or two months, within the first month, with a reason.
    public func extendErasureRequest(id: UUID, months: Int, reason: String?, today: CalendarDay? = nil,
                                     request: RequestInfo) async throws -> ErasureRequest {
        let today = today ?? self.today
        return try await decide("erasure.extend", id: id, from: [.received, .approved], request: request) { found in
            do {
                found.extensionMonths = try found.deadline.extended(by: months, on: today, reason: reason).extensionMonths
            } catch let refusal as ErasureDeadline.ExtensionRefusal {
                let field: String
                switch refusal {
                case .tooLong: field = "months"
                case .reasonMissing: field = "reason"
                case .alreadyExtended, .tooLate: throw ServiceError.invalidTransition(refusal.description)
                }
                throw FieldError(field: field, reason: refusal.description)
            }
            found.extensionReason = reason
        }
    }

    /// Erases the customer of an approved request (their key is destroyed, then their rows; see
    /// `deleteCustomer`) and marks the request executed. Repeating it after a crash finishes it.
    public func executeErasureRequest(id: UUID, request: RequestInfo) async throws -> ErasureRequest {
        try await perform("erasure.execute", scope: .complianceErasure, request: request, fields: CustomerFields.all) { record in
            var found = try await reachableErasureRequest(id, request)
            guard found.status == .approved else {
                throw ServiceError.invalidTransition("only an approved request can be executed; this one is \(found.status.rawValue)")
            }
            do {
                try await store.deleteCustomer(id: found.customerID, recording: record.with(subjects: [found.customerID]))
            } catch StoreError.notFound {
                try await store.recordAccess(record.with(subjects: [found.customerID]))  // erased already (a retry): finish the request
            }
            found.status = .executed
            found.executedAt = clock.seconds
            try await store.erasureRequests.update(found, expecting: .approved)
            return found
        }
    }

    /// The request, if the caller reaches its customer; otherwise the same not-found as an unknown id.
    private func reachableErasureRequest(_ id: UUID, _ request: RequestInfo) async throws -> ErasureRequest {
        let found = try await store.erasureRequests.request(id: id)
        try await requireReach(subject: found.customerID, orNotFound: "erasure request", id: id.lowercaseText, request)
        return found
    }

    /// Loads the request, checks its status is one of `from`, applies `change`, stores it.
    private func decide(_ action: String, id: UUID, from allowed: Set<ErasureRequest.Status>, request: RequestInfo,
                        _ change: (inout ErasureRequest) throws -> Void) async throws -> ErasureRequest {
        try await perform(action, scope: .complianceErasure, request: request) {
            var found = try await reachableErasureRequest(id, request)
            let before = found.status
            guard allowed.contains(before) else {
                throw ServiceError.invalidTransition("this request is \(before.rawValue); \(action) needs one that is \(allowed.map(\.rawValue).sorted().joined(separator: " or "))")
            }
            try change(&found)
            found.decidedAt = clock.seconds
            try await store.erasureRequests.update(found, expecting: before)
            return (found, [found.customerID])
        }
    }
}

/// Erasure certificates (scope `compliance.erasure`).
extension TresorService {
    /// The certificate with this id, or of the erasure request or customer with this id.
    public func erasureCertificate(id: UUID, request: RequestInfo) async throws -> ErasureCertificate {
        try await perform("erasure.certificate", scope: .complianceErasure, request: request) {
            let certificate = try await store.erasureCertificates.certificate(id: id)
            try await requireReach(certificate, orNotFound: id.lowercaseText, request)
            return (certificate, UUID(uuidString: certificate.customerID).map { [$0] } ?? [])
        }
    }

    /// Checks a certificate against this deployment; returns what fails, empty when it holds.
    public func checkErasureCertificate(_ certificate: ErasureCertificate, request: RequestInfo) async throws -> [String] {
        try await perform("erasure.certificate.verify", scope: .complianceErasure, request: request) {
            try await requireReach(certificate, orNotFound: certificate.id, request)
            return (try await store.erasureCertificates.check(certificate), UUID(uuidString: certificate.customerID).map { [$0] } ?? [])
        }
    }

    private func requireReach(_ certificate: ErasureCertificate, orNotFound id: String, _ request: RequestInfo) async throws {
        guard let subject = UUID(uuidString: certificate.customerID) else { throw StoreError.notFound(resource: "erasure certificate", id: id) }
        try await requireReach(subject: subject, orNotFound: "erasure certificate", id: id, request)
    }
}
