import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// Issues an erasure certificate inside each customer erasure's transaction, and finds them again.
public struct SQLiteErasureCertificateStore: ErasureCertificateStore {
    let database: SQLiteDatabase
    let keys: SubjectKeyStore
    let signingKey: AuditSigningKey

    /// Issues, signs and stores one certificate per customer entry of `entries`, from what the
    /// data file holds before the rows go: run inside the erasure's transaction, before the
    /// queued emails are cancelled.
    func issue(for entries: [ErasureLedgerEntry], retaining holds: [LegalHold], in db: Database) throws {
        let subjectIDs = entries.map(\.subjectID)
        guard !subjectIDs.isEmpty else { return }
        let facts = try Facts(subjectIDs, db)
        let holdsByCustomer = Dictionary(grouping: holds, by: { $0.customerID.lowercaseText })
        for entry in entries {
            let held = holdsByCustomer[entry.subjectID] ?? []
            var certificate = ErasureCertificate(
                id: UUID().lowercaseText, customerID: entry.subjectID, erasedAt: AccessLogJSON.timestamp(entry.time),
                ledgerSequence: entry.sequence, ledgerHash: entry.hash.hexString,
                erased: facts.erasedParts(of: entry.subjectID, except: Set(held.map(\.category))),
                retained: held.map {
                    ErasureCertificate.Retained(holdID: $0.id.lowercaseText, category: $0.category.rawValue, legalBasis: $0.legalBasis,
                                                purpose: $0.purpose, until: $0.until.description)
                })
            if let request = facts.requests[entry.subjectID] {
                certificate.requestID = request["id"]
                certificate.requestReceivedOn = request["received_on"]
                certificate.identityVerification = request["identity_verification"]
                certificate.identityVerifiedBy = request["identity_verified_by"]
            }
            try certificate.sign(with: signingKey)
            try db.cachedStatement(sql: """
                INSERT INTO erasure_certificates (id, customer_id, request_id, ledger_seq, document, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [certificate.id, entry.subjectID, certificate.requestID, entry.sequence, certificate.json(),
                                         entry.time / 1000])
        }
    }

    /// The certificate with this id, or the one of the erasure request or customer with this id.
    public func certificate(id: UUID) async throws -> ErasureCertificate {
        let text = id.lowercaseText
        let document = try await database.read { db in
            try Data.fetchOne(db, sql: """
                SELECT document FROM erasure_certificates WHERE id = ? OR request_id = ? OR customer_id = ? ORDER BY ledger_seq DESC LIMIT 1
                """, arguments: [text, text, text])
        }
        guard let document, let certificate = ErasureCertificate(json: document) else {
            throw StoreError.notFound(resource: "erasure certificate", id: text)
        }
        return certificate
    }

    /// Checks a certificate against this deployment: its signature, its ledger entry, and that the
    /// customer's key and rows are gone. Returns what fails; empty when it all holds.
    public func check(_ certificate: ErasureCertificate) async throws -> [String] {
        var failures: [String] = []
        if !certificate.isSignatureValid(publicKeys: try await publicKeys()) {
            failures.append("the signature does not verify with the deployment's audit key \(certificate.keyID)")
        }
        let (ledgerSubject, ledgerHash, rowsLeft) = try await database.read { db -> (String?, String?, Bool) in
            let row = try Row.fetchOne(db, sql: "SELECT subject_id, hash FROM erasure_ledger WHERE seq = ?", arguments: [certificate.ledgerSequence])
            let rowsLeft = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?)", arguments: [certificate.customerID])
            return (row?["subject_id"], (row?["hash"] as Data?).map { Array($0).hexString }, rowsLeft ?? false)
        }
        if ledgerHash == nil {
            failures.append("the erasure ledger has no entry \(certificate.ledgerSequence)")
        } else if ledgerSubject != certificate.customerID || ledgerHash != certificate.ledgerHash {
            failures.append("erasure-ledger entry \(certificate.ledgerSequence) does not match the certificate")
        }
        if rowsLeft { failures.append("the customer's rows are still in the data file") }
        if try await keys.key(for: certificate.customerID) != nil { failures.append("the customer's data key still exists") }
        return failures
    }

    /// The deployment's audit public keys, by key id, to check certificates with.
    public func publicKeys() async throws -> [String: Ed25519PublicKey] {
        try await database.read { db in try AuditSigningKey.publicKeys(in: db) }
    }

    /// What the data file holds about the customers being erased, counted before the rows go.
    private struct Facts {
        var addresses: [String: [String: Int]] = [:]
        var memberships: [String: Int] = [:]
        var emails: [String: [String: Int]] = [:]
        /// The approved erasure request of a customer, as its row (`id`, `received_on`, …).
        var requests: [String: Row] = [:]

        init(_ subjectIDs: [String], _ db: Database) throws {
            for row in try db.fetchRows(forEachChunkOf: subjectIDs, {
                "SELECT customer_id, kind, count(*) AS n FROM addresses WHERE customer_id IN \($0) GROUP BY customer_id, kind"
            }) { addresses[row["customer_id"], default: [:]][row["kind"]] = row["n"] }
            for row in try db.fetchRows(forEachChunkOf: subjectIDs, {
                "SELECT customer_id, count(*) AS n FROM mailing_list_members WHERE customer_id IN \($0) GROUP BY customer_id"
            }) { memberships[row["customer_id"]] = row["n"] }
            for row in try db.fetchRows(forEachChunkOf: subjectIDs, {
                "SELECT customer_id, status, count(*) AS n FROM emails WHERE customer_id IN \($0) GROUP BY customer_id, status"
            }) { emails[row["customer_id"], default: [:]][row["status"]] = row["n"] }
            for row in try db.fetchRows(forEachChunkOf: subjectIDs, {
                "SELECT * FROM erasure_requests WHERE status = 'approved' AND customer_id IN \($0)"
            }) { requests[row["customer_id"]] = row }
        }

        func erasedParts(of subjectID: String, except held: Set<HoldCategory>) -> [ErasureCertificate.Erased] {
            var parts: [ErasureCertificate.Erased] = []
            for category in HoldCategory.allCases where !held.contains(category) {
                switch category {
                case .billingAddresses: parts.append(.init(part: category.rawValue, detail: Self.count(addresses[subjectID]?["billing"], "address")))
                case .shippingAddresses: parts.append(.init(part: category.rawValue, detail: Self.count(addresses[subjectID]?["shipping"], "address")))
                default: parts.append(.init(part: category.rawValue, detail: category.fields.joined(separator: ", ")))
                }
            }
            parts.append(.init(part: "mailing_lists", detail: Self.count(memberships[subjectID], "membership")))
            let sent = emails[subjectID] ?? [:]
            parts.append(.init(part: "emails", detail: "\(Self.count(sent["queued"], "queued email")) cancelled; "
                + "the recipient of \(Self.count(sent.filter { $0.key != "queued" }.values.reduce(0, +), "earlier email")) made unreadable"))
            parts.append(.init(part: "email_index", detail: "blind-index value for look-up by email deleted"))
            parts.append(.init(part: "data_key", detail: "the customer's data key destroyed (crypto-shredding); a restore of an older backup replays this erasure from the ledger"))
            return parts
        }

        private static func count(_ value: Int?, _ noun: String) -> String {
            let count = value ?? 0
            return "\(count) \(noun)\(count == 1 ? "" : (noun.hasSuffix("s") ? "es" : "s"))"
        }
    }
}
