import Foundation
import TresorModel

/// How the statement names things for a person: field labels, the values of Tresor's fixed
/// vocabularies (category, priority, statuses), countries and languages, and dates, in English
/// or German. Nothing a person reads in the statement is a field identifier or a machine
/// timestamp.
struct StatementWording {
    let language: String
    /// Made once per statement: a statement formats many dates.
    private let momentFormatter: DateFormatter
    private let dayFormatter: DateFormatter

    init(language: String) {
        self.language = language
        let german = language == "de"
        momentFormatter = Self.formatter(german: german, pattern: german ? "d. MMMM yyyy, HH:mm" : "d MMMM yyyy, HH:mm")
        dayFormatter = Self.formatter(german: german, pattern: german ? "d. MMMM yyyy" : "d MMMM yyyy")
    }

    private static func formatter(german: Bool, pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: german ? "de_DE" : "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter
    }

    private var german: Bool { language == "de" }

    /// A customer or address field's label (`last_name` → "Last name" / "Nachname").
    func field(_ id: String) -> String {
        (german ? Self.germanFields : Self.englishFields)[id] ?? id.replacingOccurrences(of: "_", with: " ")
    }

    /// How a mask is described to the subject ("last four digits").
    func mask(_ mask: FieldMask) -> String {
        guard german else { return mask.description }
        switch mask {
        case .initials: return "Initialen"
        case .email: return "erster Buchstabe und Domain"
        case .lastFourDigits: return "letzte vier Ziffern"
        case .cityAndCountry: return "Ort und Land"
        case .vatCountryAndLastThree: return "Länderkennung und letzte drei Zeichen"
        }
    }

    /// `category`, `priority`, `status` values.
    func value(_ value: String) -> String {
        (german ? Self.germanValues : Self.englishValues)[value] ?? value.replacingOccurrences(of: "_", with: " ")
    }

    func country(_ code: CountryCode) -> String {
        Locale(identifier: german ? "de_DE" : "en_GB").localizedString(forRegionCode: code.code) ?? code.code
    }

    func languageName(_ code: String) -> String {
        Locale(identifier: german ? "de_DE" : "en_GB").localizedString(forLanguageCode: code) ?? code
    }

    func yesNo(_ value: Bool) -> String {
        value ? (german ? "ja" : "yes") : (german ? "nein" : "no")
    }

    /// A moment (seconds since 1970) as "2 December 2026, 01:19 UTC" / "2. Dezember 2026, 01:19 UTC".
    func moment(seconds: Int64) -> String {
        momentFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))) + " UTC"
    }

    /// A moment given as RFC 3339 text (the access log's form), formatted for a person.
    func moment(rfc3339 text: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = parser.date(from: text) ?? ISO8601DateFormatter().date(from: text) else { return text }
        return moment(seconds: Int64(date.timeIntervalSince1970))
    }

    /// A calendar day as "31 December 2034" / "31. Dezember 2034".
    func day(_ day: CalendarDay) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date()
        return dayFormatter.string(from: date)
    }

    static let englishFields: [String: String] = [
        "name": "First name", "last_name": "Last name", "email": "Email address", "phone": "Phone", "company": "Company",
        "country": "Country", "locale": "Language", "timezone_offset": "Time zone", "category": "Customer or prospect",
        "priority": "Priority", "lead_status": "Stage as a prospect", "teammate_id": "Your contact person at our company",
        "metadata": "Further notes", "stripe_customer_id": "Customer number at our payment provider Stripe",
        "affiliate_partner_id": "Partner who referred you to us", "source": "How you came to us", "billing_addresses": "Billing addresses", "shipping_addresses": "Shipping addresses",
        "mailing_lists": "Newsletters", "emails": "Emails we sent you", "webhooks": "Notifications to our own systems about you",
        "representative": "Representative", "address": "Street and number", "city": "City", "postcode": "Postcode", "state": "Region",
        "message": "Delivery note", "is_company": "Business address", "vat": "VAT number", "created_at": "Customer since",
        "updated_at": "Last changed",
    ]

    static let germanFields: [String: String] = [
        "name": "Vorname", "last_name": "Nachname", "email": "E-Mail-Adresse", "phone": "Telefon", "company": "Firma",
        "country": "Land", "locale": "Sprache", "timezone_offset": "Zeitzone", "category": "Kunde oder Interessent",
        "priority": "Priorität", "lead_status": "Stand als Interessent", "teammate_id": "Ihre Ansprechperson bei uns",
        "metadata": "Weitere Angaben", "stripe_customer_id": "Kundennummer bei unserem Zahlungsdienstleister Stripe",
        "affiliate_partner_id": "Partner, der Sie an uns vermittelt hat", "source": "Wie Sie zu uns kamen", "billing_addresses": "Rechnungsadressen", "shipping_addresses": "Lieferadressen",
        "mailing_lists": "Newsletter", "emails": "E-Mails, die wir Ihnen geschickt haben",
        "webhooks": "Benachrichtigungen unserer eigenen Systeme über Sie",
        "representative": "Vertreten durch", "address": "Straße und Hausnummer", "city": "Ort", "postcode": "Postleitzahl",
        "state": "Region", "message": "Lieferhinweis", "is_company": "Geschäftsadresse", "vat": "USt-IdNr.", "created_at": "Kunde seit",
        "updated_at": "Zuletzt geändert",
    ]

    static let englishValues: [String: String] = [
        "customer": "customer", "lead": "prospect", "low": "low", "normal": "normal", "medium": "medium", "high": "high",
        "queued": "waiting to be sent", "sent": "sent", "failed": "could not be delivered", "cancelled": "cancelled",
        "delivered": "delivered", "pending": "waiting", "received": "received, not yet decided", "approved": "approved, being carried out",
        "rejected": "rejected", "executed": "carried out", "active": "in force", "retained": "kept, everything else erased", "ended": "ended",
        "billing": "billing", "shipping": "shipping", "erasure": "erasure of your data",
        "source.api": "recorded by our systems", "source.import": "taken over from our earlier records",
    ]

    static let germanValues: [String: String] = [
        "customer": "Kunde", "lead": "Interessent", "low": "niedrig", "normal": "normal", "medium": "mittel", "high": "hoch",
        "queued": "wartet auf Versand", "sent": "versendet", "failed": "nicht zustellbar", "cancelled": "abgebrochen",
        "delivered": "zugestellt", "pending": "wartet", "received": "eingegangen, noch nicht entschieden",
        "approved": "genehmigt, wird ausgeführt", "rejected": "abgelehnt", "executed": "ausgeführt", "active": "in Kraft",
        "retained": "aufbewahrt, alles Übrige gelöscht", "ended": "beendet", "billing": "Rechnung", "shipping": "Lieferung",
        "erasure": "Löschung Ihrer Daten",
        "source.api": "von unseren Systemen erfasst", "source.import": "aus unseren früheren Unterlagen übernommen",
    ]
}
