/// The fixed wording of the Art. 15 statement, in English and German. The policy files supply
/// the rest (purposes, legal bases, recipients, retention, authority).
enum StatementLabels {
    static let languages = ["en", "de"]

    static func labels(_ language: String) -> [String: String] {
        language == "de" ? german : english
    }

    static let english: [String: String] = [
        "title": "Information about your personal data",
        "subtitle": "Answer to your request under Article 15 of the General Data Protection Regulation (GDPR)",
        "intro": "This statement tells you which personal data we hold about you, why, where it comes from, who receives it, how long we keep it and what your rights are. The enclosed files hold a complete copy of the data (subject.json), the data you gave us in a machine-readable form (portable.json) and the record of every access to your data (access-log.csv, access-log.json).",
        "controller": "Who is responsible", "contact": "Contact", "dpo": "Data protection officer",
        "subject_id": "Your customer number", "generated": "Prepared on",
        "a": "(a) Purposes and legal bases", "purpose": "Purpose", "legal_basis": "Legal basis", "categories": "Categories of data",
        "b": "(b) Categories of personal data we hold about you", "category": "Category", "fields": "Fields", "held": "Held about you",
        "yes": "yes", "no": "no",
        "c": "(c) Recipients", "recipient": "Recipient", "country": "Country", "purposes": "Purposes",
        "disclosures": "Your data was sent to these recipients:", "times": "Times", "last": "Last",
        "no_disclosures": "Your data has not been sent to any of our systems' external recipients so far.",
        "d": "(d) How long we keep your data", "retention": "Storage period",
        "e": "(e) Your rights",
        "rights": "You have the right to have inaccurate data corrected (Art. 16 GDPR), to have your data erased (Art. 17), to have its processing restricted (Art. 18), to object to processing based on our legitimate interest or for direct marketing (Art. 21), to receive the data you gave us in a machine-readable form (Art. 20; see portable.json), and to withdraw a consent at any time with effect for the future (Art. 7(3)). To exercise them, contact us at the address above.",
        "f": "(f) Right to lodge a complaint",
        "complaint": "You can lodge a complaint with a data protection supervisory authority (Art. 77 GDPR), in particular the one responsible for us:",
        "g": "(g) Where your data comes from", "source": "Source", "from_you": "from you",
        "h": "(h) Automated decision-making",
        "transfers": "Transfers to countries outside the EU/EEA (Art. 15(2))", "safeguards": "Safeguards",
        "no_transfers": "Your data is not transferred to countries outside the EU/EEA.",
        "storage": "Where your data is stored",
        "storage_text": "Your data is stored in the EU/EEA, in data centre region %REGION% (%COUNTRY%), encrypted with a key that belongs to you alone.",
        "accesses": "Accesses to your data",
        "accesses_text": "%COUNT% recorded accesses, listed with who, when, what for and with what result in access-log.csv and access-log.json.",
        "files": "Files in this package",
        "adequacy": "adequacy decision of the European Commission (Art. 45 GDPR)",
    ]

    static let german: [String: String] = [
        "title": "Auskunft über Ihre personenbezogenen Daten",
        "subtitle": "Antwort auf Ihren Antrag nach Artikel 15 der Datenschutz-Grundverordnung (DSGVO)",
        "intro": "Diese Auskunft sagt Ihnen, welche personenbezogenen Daten wir über Sie speichern, wozu, woher sie stammen, wer sie erhält, wie lange wir sie aufbewahren und welche Rechte Sie haben. Die beigefügten Dateien enthalten eine vollständige Kopie der Daten (subject.json), die von Ihnen bereitgestellten Daten in maschinenlesbarer Form (portable.json) und das Protokoll aller Zugriffe auf Ihre Daten (access-log.csv, access-log.json).",
        "controller": "Verantwortlicher", "contact": "Kontakt", "dpo": "Datenschutzbeauftragte(r)",
        "subject_id": "Ihre Kundennummer", "generated": "Erstellt am",
        "a": "(a) Zwecke und Rechtsgrundlagen", "purpose": "Zweck", "legal_basis": "Rechtsgrundlage", "categories": "Datenkategorien",
        "b": "(b) Kategorien personenbezogener Daten, die wir über Sie speichern", "category": "Kategorie", "fields": "Felder",
        "held": "Über Sie gespeichert", "yes": "ja", "no": "nein",
        "c": "(c) Empfänger", "recipient": "Empfänger", "country": "Land", "purposes": "Zwecke",
        "disclosures": "Ihre Daten wurden an diese Empfänger übermittelt:", "times": "Anzahl", "last": "Zuletzt",
        "no_disclosures": "Ihre Daten wurden bisher an keinen externen Empfänger unserer Systeme übermittelt.",
        "d": "(d) Wie lange wir Ihre Daten speichern", "retention": "Speicherdauer",
        "e": "(e) Ihre Rechte",
        "rights": "Sie haben das Recht auf Berichtigung unrichtiger Daten (Art. 16 DSGVO), auf Löschung (Art. 17), auf Einschränkung der Verarbeitung (Art. 18), auf Widerspruch gegen eine Verarbeitung auf Grundlage unseres berechtigten Interesses oder zur Direktwerbung (Art. 21), auf Erhalt der von Ihnen bereitgestellten Daten in maschinenlesbarer Form (Art. 20; siehe portable.json) und auf jederzeitigen Widerruf einer Einwilligung mit Wirkung für die Zukunft (Art. 7 Abs. 3). Wenden Sie sich dafür an die oben genannte Adresse.",
        "f": "(f) Beschwerderecht",
        "complaint": "Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO), insbesondere bei der für uns zuständigen:",
        "g": "(g) Herkunft Ihrer Daten", "source": "Herkunft", "from_you": "von Ihnen",
        "h": "(h) Automatisierte Entscheidungsfindung",
        "transfers": "Übermittlungen in Länder außerhalb der EU/des EWR (Art. 15 Abs. 2)", "safeguards": "Garantien",
        "no_transfers": "Ihre Daten werden nicht in Länder außerhalb der EU/des EWR übermittelt.",
        "storage": "Wo Ihre Daten gespeichert sind",
        "storage_text": "Ihre Daten werden in der EU/im EWR gespeichert, in der Rechenzentrumsregion %REGION% (%COUNTRY%), verschlüsselt mit einem Schlüssel, der allein Ihnen zugeordnet ist.",
        "accesses": "Zugriffe auf Ihre Daten",
        "accesses_text": "%COUNT% protokollierte Zugriffe, mit Wer, Wann, Wozu und Ergebnis in access-log.csv und access-log.json.",
        "files": "Dateien in diesem Paket",
        "adequacy": "Angemessenheitsbeschluss der Europäischen Kommission (Art. 45 DSGVO)",
    ]
}
