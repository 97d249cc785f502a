import Foundation
import Mustache
import TresorModel
import TresorStore

/// The erasure certificate as a page a person reads (and prints), in English or German: the same
/// facts as its JSON, in words (no field identifiers, dates for people), with the signature and
/// how to check it. The JSON stays the document of record, in English.
public enum CertificateHTML {
    /// The languages a certificate page is written in.
    public static let languages = ["en", "de"]

    /// Renders `certificate` in `language` (`en` or `de`; anything else gives English), naming
    /// the controller and the purposes as `processing` (processing.yaml) does.
    public static func render(_ certificate: ErasureCertificate, processing: ProcessingPolicy, language: String = "en") throws -> String {
        let lang = languages.contains(language) ? language : "en"
        let wording = StatementWording(language: lang)
        let labels = lang == "de" ? german : english
        var context: [String: Any] = [
            "lang": lang, "label": labels, "controller": processing.controller.name, "id": certificate.id, "customer_id": certificate.customerID,
            "erased_at": wording.moment(rfc3339: certificate.erasedAt), "ledger_sequence": certificate.ledgerSequence,
            "ledger_hash": certificate.ledgerHash,
            "erased": certificate.erased.map { ["part": partName($0.part, processing, wording), "detail": detail($0, wording)] },
            "retained": certificate.retained.map { retained -> [String: Any] in
                let purpose = processing.purposes.first { $0.id == retained.purpose }?.name.text(lang) ?? retained.purpose
                let until = CalendarDay(retained.until).map(wording.day) ?? retained.until
                return ["category": partName(retained.category, processing, wording), "legal_basis": retained.legalBasis, "purpose": purpose, "until": until]
            },
            "has_retained": !certificate.retained.isEmpty, "key_id": certificate.keyID,
            "signature": Data(certificate.signature).base64EncodedString(),
        ]
        if let requestID = certificate.requestID {
            let received = certificate.requestReceivedOn.flatMap { CalendarDay($0) }.map(wording.day) ?? "–"
            context["request"] = ["request_id": requestID, "received_on": received,
                                  "verification": certificate.identityVerification ?? "–", "verified_by": certificate.identityVerifiedBy ?? "–"]
        }
        return try MustacheTemplate(string: template).render(context)
    }

    /// What a part of the erased data is called: a category of fields as processing.yaml names
    /// it, or one of the parts the erasure touches besides the customer's own fields.
    static func partName(_ part: String, _ processing: ProcessingPolicy, _ wording: StatementWording) -> String {
        if let name = processing.categoryName(part, language: wording.language) { return name }
        let german = wording.language == "de"
        switch part {
        case "email_index": return german ? "Suchindex der E-Mail-Adresse" : "Look-up index of the email address"
        case "data_key": return german ? "Datenschlüssel" : "Data key"
        default: return wording.field(part)
        }
    }

    /// What was done to a part, in the page's language. The certificate's own detail is
    /// English; the German page says the same from the part and the counts in it.
    static func detail(_ erased: ErasureCertificate.Erased, _ wording: StatementWording) -> String {
        let counts = erased.detail.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let german = wording.language == "de"
        func count(_ index: Int) -> Int { index < counts.count ? counts[index] : 0 }
        switch erased.part {
        case "billing_addresses", "shipping_addresses":
            return german ? "\(count(0)) \(count(0) == 1 ? "Adresse" : "Adressen") gelöscht" : "\(erased.detail) deleted"
        case "mailing_lists":
            return german ? "\(count(0)) Newsletter-\(count(0) == 1 ? "Abonnement" : "Abonnements") beendet" : "\(erased.detail) ended"
        case "emails":
            return german
                ? "\(count(0)) wartende E-Mail(s) abgebrochen; bei \(count(1)) früheren E-Mail(s) die Empfängeradresse unlesbar gemacht"
                : erased.detail
        case "email_index":
            return german ? "der Suchwert für die Suche per E-Mail-Adresse gelöscht" : erased.detail
        case "data_key":
            return german
                ? "der Datenschlüssel des Kunden vernichtet (Crypto-Shredding); stellt jemand eine ältere Sicherung wieder her, wird diese Löschung aus dem Löschprotokoll wiederholt"
                : erased.detail
        default:
            // A category of fields: the detail lists the fields' identifiers; name them for people.
            let fields = erased.detail.split(separator: ",").map { wording.field($0.trimmingCharacters(in: .whitespaces)) }
            return fields.joined(separator: ", ") + (german ? ": gelöscht" : ": deleted")
        }
    }

    static let english: [String: String] = [
        "title": "Erasure certificate",
        "intro": "certifies that the personal data of the data subject below was erased under Article 17 GDPR as stated here.",
        "certificate": "Certificate", "subject": "Data subject (customer number)", "erased_at": "Erased on", "request": "Erasure request",
        "received": "received", "verified": "Identity verified", "by": "by", "erased": "Erased", "data": "Data", "done": "What was done",
        "retained_title": "Kept under legal holds (Article 17(3)(b), restricted under Article 18)", "legal_basis": "Legal basis",
        "purpose": "May be used only for", "until": "Kept until",
        "retained_note": "Kept data is sealed under a key of its hold's own, invisible to the customer API, and erased automatically the day after its last day.",
        "nothing": "Nothing.", "evidence": "Evidence", "ledger": "Erasure ledger entry", "signed_by": "Signed by", "audit_key": "audit key",
        "signature": "Signature",
        "check": "The JSON form of this certificate is the document of record; check it with",
        "check_other": "or with any Ed25519 library over the signed text described in Tresor's Docs/erasure.md.",
    ]

    static let german: [String: String] = [
        "title": "Löschbescheinigung",
        "intro": "bescheinigt, dass die personenbezogenen Daten der unten genannten betroffenen Person nach Artikel 17 DSGVO wie hier angegeben gelöscht wurden.",
        "certificate": "Bescheinigung", "subject": "Betroffene Person (Kundennummer)", "erased_at": "Gelöscht am", "request": "Löschantrag",
        "received": "eingegangen am", "verified": "Identität geprüft", "by": "durch", "erased": "Gelöscht", "data": "Daten", "done": "Was geschah",
        "retained_title": "Aufbewahrt wegen gesetzlicher Pflichten (Artikel 17 Abs. 3 lit. b, eingeschränkt nach Artikel 18)",
        "legal_basis": "Rechtsgrundlage", "purpose": "Darf nur genutzt werden für", "until": "Aufbewahrt bis",
        "retained_note": "Aufbewahrte Daten sind unter einem eigenen Schlüssel der Aufbewahrungspflicht verschlüsselt, über die Kunden-API nicht sichtbar und werden am Tag nach ihrem letzten Tag automatisch gelöscht.",
        "nothing": "Nichts.", "evidence": "Nachweis", "ledger": "Eintrag im Löschprotokoll", "signed_by": "Signiert mit",
        "audit_key": "Prüfschlüssel", "signature": "Signatur",
        "check": "Maßgeblich ist die JSON-Form dieser Bescheinigung; prüfen Sie sie mit",
        "check_other": "oder mit einer beliebigen Ed25519-Bibliothek über den in Tresors Docs/erasure.md beschriebenen signierten Text.",
    ]

    static let template = """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <title>{{label.title}} {{id}}</title>
    <style>
    \(DocumentStyle.css)
    </style>
    </head>
    <body>
    <h1>{{label.title}}</h1>
    <p>{{controller}} {{label.intro}}</p>
    <dl>
    <dt>{{label.certificate}}</dt><dd>{{id}}</dd>
    <dt>{{label.subject}}</dt><dd>{{customer_id}}</dd>
    <dt>{{label.erased_at}}</dt><dd>{{erased_at}}</dd>
    {{#request}}<dt>{{label.request}}</dt><dd>{{request_id}}, {{label.received}} {{received_on}}</dd>
    <dt>{{label.verified}}</dt><dd>{{verification}}, {{label.by}} {{verified_by}}</dd>{{/request}}
    </dl>

    <h2>{{label.erased}}</h2>
    <table>
    <tr><th>{{label.data}}</th><th>{{label.done}}</th></tr>
    {{#erased}}<tr><td>{{part}}</td><td>{{detail}}</td></tr>
    {{/erased}}</table>

    <h2>{{label.retained_title}}</h2>
    {{#has_retained}}<table>
    <tr><th>{{label.data}}</th><th>{{label.legal_basis}}</th><th>{{label.purpose}}</th><th>{{label.until}}</th></tr>
    {{#retained}}<tr><td>{{category}}</td><td>{{legal_basis}}</td><td>{{purpose}}</td><td>{{until}}</td></tr>
    {{/retained}}</table>
    <p class="note">{{label.retained_note}}</p>{{/has_retained}}
    {{^has_retained}}<p>{{label.nothing}}</p>{{/has_retained}}

    <h2>{{label.evidence}}</h2>
    <dl>
    <dt>{{label.ledger}}</dt><dd>{{ledger_sequence}}, SHA-256 <code>{{ledger_hash}}</code></dd>
    <dt>{{label.signed_by}}</dt><dd>{{label.audit_key}} {{key_id}} (Ed25519)</dd>
    <dt>{{label.signature}}</dt><dd><code>{{signature}}</code></dd>
    </dl>
    <p class="note">{{label.check}} <code>tresor erasure certificate {{id}} --verify</code>,
    {{label.check_other}}</p>
    </body>
    </html>

    """
}
