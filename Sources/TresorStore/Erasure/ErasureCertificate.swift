import Foundation
import TresorCrypto
import TresorModel

/// The signed statement that a customer was erased: which request, what was erased, what is
/// retained under which hold until when, and the erasure's ledger entry. It holds no personal
/// data, so it can be kept as long as the controller needs to prove the erasure. The signature is
/// Ed25519 by the deployment's audit key over ``signedText`` (Docs/erasure.md gives its layout).
public struct ErasureCertificate: Sendable, Equatable {
    /// A part of the customer's data and what happened to it.
    public struct Erased: Sendable, Equatable {
        public var part: String
        public var detail: String

        public init(part: String, detail: String) {
            self.part = part
            self.detail = detail
        }
    }

    /// Data kept, restricted, under a legal hold.
    public struct Retained: Sendable, Equatable {
        public var holdID: String
        public var category: String
        public var legalBasis: String
        public var purpose: String
        public var until: String

        public init(holdID: String, category: String, legalBasis: String, purpose: String, until: String) {
            self.holdID = holdID
            self.category = category
            self.legalBasis = legalBasis
            self.purpose = purpose
            self.until = until
        }
    }

    public static let format = "tresor-erasure-certificate/1"

    public var id: String
    public var customerID: String
    /// The erasure request executed, if the erasure came from one.
    public var requestID: String?
    public var requestReceivedOn: String?
    public var identityVerification: String?
    public var identityVerifiedBy: String?
    /// ISO 8601, UTC.
    public var erasedAt: String
    public var ledgerSequence: Int64
    public var ledgerHash: String
    public var erased: [Erased]
    public var retained: [Retained]
    public var keyID: String = ""
    public var signature: [UInt8] = []

    /// The exact bytes that are signed: one `\n`-terminated line each.
    public var signedText: String {
        var lines = [
            "tresor/erasure-certificate/v1", "certificate \(id)", "customer \(customerID)", "request \(requestID ?? "-")",
            "received \(requestReceivedOn ?? "-")", "identity-verification \(Self.oneLine(identityVerification))",
            "identity-verified-by \(Self.oneLine(identityVerifiedBy))", "erased-at \(erasedAt)", "ledger \(ledgerSequence) \(ledgerHash)",
        ]
        lines += erased.map { "erased \($0.part) \(Self.oneLine($0.detail))" }
        lines += retained.map { "retained \($0.holdID) \($0.category) \($0.purpose) \($0.until) \(Self.oneLine($0.legalBasis))" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func oneLine(_ text: String?) -> String {
        guard let text else { return "-" }
        return text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    package mutating func sign(with key: AuditSigningKey) throws {
        keyID = key.id
        signature = try key.privateKey.signature(for: Array(signedText.utf8))
    }

    /// Whether the signature verifies with the deployment's public key of `keyID`.
    public func isSignatureValid(publicKeys: [String: Ed25519PublicKey]) -> Bool {
        guard let key = publicKeys[keyID] else { return false }
        return key.isValidSignature(signature, for: Array(signedText.utf8))
    }

    /// The certificate as JSON, keys in a fixed order.
    public func json() -> Data {
        func optional(_ text: String?) -> Any { text ?? NSNull() }
        return JSONWriter.data([
            "format": Self.format, "id": id, "customer_id": customerID, "request_id": optional(requestID),
            "request_received_on": optional(requestReceivedOn), "identity_verification": optional(identityVerification),
            "identity_verified_by": optional(identityVerifiedBy), "erased_at": erasedAt,
            "ledger": ["sequence": Int(ledgerSequence), "hash": ledgerHash] as [String: Any],
            "erased": erased.map { ["part": $0.part, "detail": $0.detail] },
            "retained": retained.map { ["hold_id": $0.holdID, "category": $0.category, "legal_basis": $0.legalBasis, "purpose": $0.purpose,
                                        "until": $0.until] },
            "signature": ["algorithm": "Ed25519", "key_id": keyID, "value": Data(signature).base64EncodedString()],
        ])
    }

    /// Parses ``json()``; nil when the document is not a certificate.
    public init?(json data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["format"] as? String == Self.format,
              let id = object["id"] as? String, let customerID = object["customer_id"] as? String, let erasedAt = object["erased_at"] as? String,
              let ledger = object["ledger"] as? [String: Any], let sequence = (ledger["sequence"] as? NSNumber)?.int64Value,
              let ledgerHash = ledger["hash"] as? String, let erased = object["erased"] as? [[String: String]],
              let retained = object["retained"] as? [[String: String]], let signature = object["signature"] as? [String: Any],
              signature["algorithm"] as? String == "Ed25519", let keyID = signature["key_id"] as? String,
              let value = (signature["value"] as? String).flatMap({ Data(base64Encoded: $0) })
        else { return nil }
        self.id = id
        self.customerID = customerID
        requestID = object["request_id"] as? String
        requestReceivedOn = object["request_received_on"] as? String
        identityVerification = object["identity_verification"] as? String
        identityVerifiedBy = object["identity_verified_by"] as? String
        self.erasedAt = erasedAt
        ledgerSequence = sequence
        self.ledgerHash = ledgerHash
        self.erased = erased.map { Erased(part: $0["part"] ?? "", detail: $0["detail"] ?? "") }
        self.retained = retained.map {
            Retained(holdID: $0["hold_id"] ?? "", category: $0["category"] ?? "", legalBasis: $0["legal_basis"] ?? "",
                     purpose: $0["purpose"] ?? "", until: $0["until"] ?? "")
        }
        self.keyID = keyID
        self.signature = Array(value)
    }

    package init(id: String, customerID: String, erasedAt: String, ledgerSequence: Int64, ledgerHash: String, erased: [Erased], retained: [Retained]) {
        self.id = id
        self.customerID = customerID
        self.erasedAt = erasedAt
        self.ledgerSequence = ledgerSequence
        self.ledgerHash = ledgerHash
        self.erased = erased
        self.retained = retained
    }
}
