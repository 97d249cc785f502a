import Foundation
import TresorCompliance
import TresorModel
import TresorStore

/// What an app asks for when it declares a legal hold: a rule of `policies/retention.yaml`
/// (with the document's date), or the category, legal basis, purpose and last day given outright.
public struct LegalHoldDraft: Sendable {
    public var rule: String?
    public var documentDate: CalendarDay?
    public var category: String?
    public var legalBasis: String?
    public var purpose: String?
    public var until: CalendarDay?

    public init(rule: String? = nil, documentDate: CalendarDay? = nil, category: String? = nil, legalBasis: String? = nil,
                purpose: String? = nil, until: CalendarDay? = nil) {
        self.rule = rule
        self.documentDate = documentDate
        self.category = category
        self.legalBasis = legalBasis
        self.purpose = purpose
        self.until = until
    }
}

/// Legal holds (scope `holds.manage`) and the data they retain after an erasure (scope
/// `compliance.retention`, for the hold's purpose only). Docs/erasure.md.
extension TresorService {
    /// Declares a hold. API keys declare holds from the rules of retention.yaml only, so that the
    /// category, legal basis and period are what the operator's policy allows; a hold given
    /// outright (category, basis, purpose, last day) is declared by an operator at the command
    /// line (`tresor retention hold`), and the access log names them.
    public func createLegalHold(customerID: UUID, draft: LegalHoldDraft, today: CalendarDay? = nil,
                                request: RequestInfo) async throws -> LegalHold {
        try await perform("hold.create", scope: .holdsManage, request: request, subjects: [customerID]) { record in
            guard draft.rule != nil || request.actor.kind == .operator else {
                throw FieldError(field: "rule", reason: "is required: an API key declares holds from the legal_holds rules of retention.yaml "
                                 + "(\(retention.holdRules.keys.sorted().joined(separator: ", "))); other holds are declared by an operator with tresor retention hold")
            }
            _ = try await reachableCustomer(customerID, request)
            var hold = try Self.resolve(draft, customerID: customerID, rules: retention.holdRules, today: today ?? self.today, now: clock.seconds)
            hold = try await store.legalHolds.create(hold)
            try await store.recordAccess(record.with(subjects: [customerID]))
            return hold
        }
    }

    /// The holds of one customer (scope `holds.manage`), or of every customer (scope `compliance.retention`).
    public func legalHolds(customerID: UUID?, status: LegalHold.Status?, request: RequestInfo) async throws -> [LegalHold] {
        guard let customerID else {
            return try await perform("hold.list", scope: .complianceRetention, request: request) {
                let holds = try await reachable(try await store.legalHolds.holds(customerID: nil, status: status), subject: \.customerID, request)
                return (holds, Array(Set(holds.map(\.customerID))))
            }
        }
        return try await perform("hold.list", scope: .holdsManage, request: request, subjects: [customerID]) {
            _ = try await reachableCustomer(customerID, request)
            return (try await store.legalHolds.holds(customerID: customerID, status: status), [customerID])
        }
    }

    /// Ends a hold of an existing customer before its last day (the obligation behind it ended).
    public func releaseLegalHold(customerID: UUID, holdID: UUID, request: RequestInfo) async throws -> LegalHold {
        try await perform("hold.release", scope: .holdsManage, request: request, subjects: [customerID]) { record in
            _ = try await reachableCustomer(customerID, request)
            let hold = try await store.legalHolds.hold(id: holdID)
            guard hold.customerID == customerID else { throw StoreError.notFound(resource: "legal hold", id: holdID.lowercaseText) }
            var released = try await store.endHold(id: holdID, recording: record)
            released.status = .ended
            return released
        }
    }

    /// Ends a hold whatever its state (scope `compliance.retention`): also one that already retains
    /// an erased customer's data, which is then erased. For an obligation that ended early.
    public func endLegalHold(id: UUID, request: RequestInfo) async throws -> LegalHold {
        let hold = try await reachableHold(id, request)
        return try await perform("hold.release", scope: .complianceRetention, request: request, subjects: hold.map { [$0.customerID] } ?? []) { record in
            guard hold != nil else { throw StoreError.notFound(resource: "legal hold", id: id.lowercaseText) }
            return try await store.endHold(id: id, recording: record)
        }
    }

    /// The hold, if it exists and the caller reaches its customer (erased or not); else nil.
    private func reachableHold(_ id: UUID, _ request: RequestInfo) async throws -> LegalHold? {
        guard let hold = try? await store.legalHolds.hold(id: id), try await reaches(subject: hold.customerID, request) else { return nil }
        return hold
    }

    /// The data a hold retains, to a caller whose stated purpose is the hold's.
    public func retainedData(holdID: UUID, request: RequestInfo) async throws -> (hold: LegalHold, data: Data) {
        // The hold's own record (category, basis, dates) is not personal data; it names what the entry covers.
        let hold = try await reachableHold(holdID, request)
        return try await perform("retention.read", scope: .complianceRetention, request: request, fields: hold?.category.fields ?? [],
                                 subjects: hold.map { [$0.customerID] } ?? []) {
            guard let hold else { throw StoreError.notFound(resource: "legal hold", id: holdID.lowercaseText) }
            guard request.purpose == hold.purpose else { throw ServiceError.wrongPurpose }
            return ((hold, try await store.legalHolds.retainedData(holdID: holdID)), [hold.customerID])
        }
    }

    /// The retention job: ends every hold whose last day is before `today`, erasing what it retained.
    public func runRetention(today: CalendarDay? = nil, request: RequestInfo) async throws -> [LegalHold] {
        try await perform("retention.run", scope: .complianceRetention, request: request) { record in
            try await store.endExpiredHolds(on: today ?? self.today, recording: record)
        }
    }

    static func resolve(_ draft: LegalHoldDraft, customerID: UUID, rules: [String: HoldRule], today: CalendarDay, now: Int64) throws -> LegalHold {
        if let name = draft.rule {
            guard let rule = rules[name] else {
                throw FieldError(field: "rule", reason: "must be one of the legal_holds rules of retention.yaml: \(rules.keys.sorted().joined(separator: ", "))")
            }
            for (field, value) in [("category", draft.category), ("legal_basis", draft.legalBasis), ("purpose", draft.purpose)] where value != nil {
                throw FieldError(field: field, reason: "is set by the rule \(name); leave it out or give no rule")
            }
            guard draft.until == nil else { throw FieldError(field: "until", reason: "is set by the rule \(name); give document_date instead") }
            let documentDate = draft.documentDate ?? today
            guard documentDate <= today else { throw FieldError(field: "document_date", reason: "must not be in the future") }
            return LegalHold(customerID: customerID, category: rule.category, legalBasis: rule.legalBasis, purpose: rule.purpose,
                             until: rule.until(documentDate: documentDate), createdAt: now)
        }
        guard draft.documentDate == nil else { throw FieldError(field: "document_date", reason: "is used only with a rule") }
        guard let categoryText = draft.category else { throw FieldError(field: "category", reason: "is required without a rule") }
        guard let category = HoldCategory(rawValue: categoryText) else {
            throw FieldError(field: "category", reason: "must be one of \(HoldCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let legalBasis = draft.legalBasis?.trimmingCharacters(in: .whitespaces), !legalBasis.isEmpty else {
            throw FieldError(field: "legal_basis", reason: "is required without a rule: the law that requires keeping the data")
        }
        guard legalBasis.count <= 300, !legalBasis.contains(where: \.isNewline) else {
            throw FieldError(field: "legal_basis", reason: "must be one line of at most 300 characters")
        }
        guard let purpose = draft.purpose, !purpose.isEmpty, purpose.count <= 64, purpose.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw FieldError(field: "purpose", reason: "is required without a rule: a purpose id of processing.yaml (letters, digits, - and _)")
        }
        guard let until = draft.until else { throw FieldError(field: "until", reason: "is required without a rule") }
        guard until >= today else { throw FieldError(field: "until", reason: "must not be in the past") }
        return LegalHold(customerID: customerID, category: category, legalBasis: legalBasis, purpose: purpose, until: until, createdAt: now)
    }
}
