import Foundation
import Mustache
import TresorStore

/// The erasure certificate as a page a person reads (and prints): the same facts as its JSON,
/// with the signature and how to check it. The JSON stays the document of record.
public enum CertificateHTML {
    /// Renders `certificate`, issued by `controller` (the controller's name in processing.yaml).
    public static func render(_ certificate: ErasureCertificate, controller: String) throws -> String {
        var context: [String: Any] = [
            "controller": controller, "id": certificate.id, "customer_id": certificate.customerID,
            "erased_at": certificate.erasedAt, "ledger_sequence": certificate.ledgerSequence, "ledger_hash": certificate.ledgerHash,
            "erased": certificate.erased.map { ["part": $0.part.replacingOccurrences(of: "_", with: " "), "detail": $0.detail] },
            "retained": certificate.retained.map {
                ["category": $0.category.replacingOccurrences(of: "_", with: " "), "legal_basis": $0.legalBasis, "purpose": $0.purpose,
                 "until": $0.until, "hold_id": $0.holdID]
            },
            "has_retained": !certificate.retained.isEmpty, "key_id": certificate.keyID,
            "signature": Data(certificate.signature).base64EncodedString(),
        ]
        if let requestID = certificate.requestID {
            context["request"] = ["request_id": requestID, "received_on": certificate.requestReceivedOn ?? "–",
                                  "verification": certificate.identityVerification ?? "–", "verified_by": certificate.identityVerifiedBy ?? "–"]
        }
        return try MustacheTemplate(string: template).render(context)
    }

    static let template = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>Erasure certificate {{id}}</title>
    <style>
    \(DocumentStyle.css)
    </style>
    </head>
    <body>
    <h1>Erasure certificate</h1>
    <p>{{controller}} certifies that the personal data of the data subject below was erased under Article 17 GDPR as stated here.</p>
    <dl>
    <dt>Certificate</dt><dd>{{id}}</dd>
    <dt>Data subject (customer id)</dt><dd>{{customer_id}}</dd>
    <dt>Erased at (UTC)</dt><dd>{{erased_at}}</dd>
    {{#request}}<dt>Erasure request</dt><dd>{{request_id}}, received {{received_on}}</dd>
    <dt>Identity verified</dt><dd>{{verification}}, by {{verified_by}}</dd>{{/request}}
    </dl>

    <h2>Erased</h2>
    <table>
    <tr><th>Data</th><th>What was done</th></tr>
    {{#erased}}<tr><td>{{part}}</td><td>{{detail}}</td></tr>
    {{/erased}}</table>

    <h2>Retained under legal holds (Article 17(3)(b), restricted under Article 18)</h2>
    {{#has_retained}}<table>
    <tr><th>Data</th><th>Legal basis</th><th>May be read only for</th><th>Kept until</th></tr>
    {{#retained}}<tr><td>{{category}}</td><td>{{legal_basis}}</td><td>{{purpose}}</td><td>{{until}}</td></tr>
    {{/retained}}</table>
    <p class="note">Retained data is sealed under a key of its hold's own, invisible to the customer API, and erased automatically the day after its last day.</p>{{/has_retained}}
    {{^has_retained}}<p>Nothing.</p>{{/has_retained}}

    <h2>Evidence</h2>
    <dl>
    <dt>Erasure ledger entry</dt><dd>{{ledger_sequence}}, SHA-256 <code>{{ledger_hash}}</code></dd>
    <dt>Signed by</dt><dd>audit key {{key_id}} (Ed25519)</dd>
    <dt>Signature</dt><dd><code>{{signature}}</code></dd>
    </dl>
    <p class="note">The JSON form of this certificate is the document of record; check it with <code>tresor erasure certificate {{id}} --verify</code>,
    or with any Ed25519 library over the signed text described in Tresor's Docs/erasure.md.</p>
    </body>
    </html>

    """
}
