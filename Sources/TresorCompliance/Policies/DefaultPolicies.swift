/// The policy files Tresor ships (`policies/` in the repository), used when a deployment has
/// no policies directory of its own. A test keeps these identical to the files.
public enum DefaultPolicies {
    public static let roles = """
# Roles: the permission scopes an API key of each role holds.
#
# scopes: any of customers.view, customers.edit, customers.create, customers.remove,
#   customers.email, lists.manage, teammates.manage, webhooks.manage, compliance.export,
#   compliance.erasure, compliance.retention, holds.manage, audit.read, keys.manage
# purpose: recorded in the access log for this role's accesses when a request names none
# assigned_customers_only: keys of this role see only customers assigned to their teammate
#   (give the teammate with `tresor keys create --assigned-to TEAMMATE_ID`)
# fields: how much of each customer field the role's keys see: plain, masked, redacted (null,
#   named in withheld_fields) or hidden (absent). Name every field, or give `default:` for the
#   rest. Masks: name, last_name and company initials; email first letter and domain; phone last
#   four digits; addresses city and country only; vat country prefix and last three. A role
#   without fields sees everything plain. A field written `{show: plain, purpose_required: true}`
#   is shown only to requests that state their purpose in the Tresor-Purpose header.
# purposes: the purposes (processing.yaml) the role's keys may state besides their default one;
#   without it, any purpose of processing.yaml.
# rows: the customers the role's keys reach at all, by country, category and/or teammate, e.g.
#   `rows: { country: [de, at] }`; others answer as if they did not exist. Not for roles holding
#   webhooks.manage, keys.manage or teammates.manage. Docs/access-control.md.
roles:
  admin:
    scopes: [customers.view, customers.edit, customers.create, customers.remove, customers.email,
             lists.manage, teammates.manage, webhooks.manage, compliance.export, compliance.erasure,
             compliance.retention, holds.manage, audit.read, keys.manage]
    purpose: administration
  support-agent:
    scopes: [customers.view, customers.edit]
    purpose: customer-support
    assigned_customers_only: true
    fields:
      name: plain
      last_name: plain
      email: masked
      phone: masked
      company: plain
      country: plain
      locale: plain
      timezone_offset: plain
      category: plain
      priority: plain
      lead_status: plain
      teammate_id: plain
      metadata: hidden
      stripe_customer_id: hidden
      affiliate_partner_id: hidden
      addresses: masked
      vat: masked
  marketing:
    scopes: [customers.view, customers.email, lists.manage]
    purpose: marketing
    fields:
      name: plain
      last_name: plain
      email: plain
      phone: hidden
      company: redacted
      country: plain
      locale: plain
      timezone_offset: plain
      category: plain
      priority: plain
      lead_status: plain
      teammate_id: hidden
      metadata: hidden
      stripe_customer_id: hidden
      affiliate_partner_id: hidden
      addresses: hidden
      vat: hidden
  compliance-officer:
    scopes: [customers.view, compliance.export, compliance.retention, audit.read]
    purpose: legal-obligation
  erasure-admin:
    scopes: [customers.view, customers.remove, compliance.erasure, audit.read]
    purpose: erasure-request
  integration:
    scopes: [customers.create, customers.view, customers.edit, holds.manage]
    purpose: contract

"""

    public static let residency = """
# Residency: where this deployment stores personal data, and on what basis data may leave the
# EU/EEA. Tresor refuses to start when storage_region is not one of allowed_regions.
storage_region: eu-central-1

# Region name -> ISO country code of the data centre.
regions:
  eu-central-1: DE      # Frankfurt
  eu-central-2: CH      # Zurich (Switzerland: adequacy decision, not EU/EEA)
  eu-west-1: IE         # Dublin
  eu-west-3: FR         # Paris
  eu-north-1: SE        # Stockholm
  eu-south-1: IT        # Milan
  eu-south-2: ES        # Aragon
  us-east-1: US         # N. Virginia
  eu-fsn: DE            # Falkenstein
  eu-hel: FI            # Helsinki

# Regions that may store personal data: EU/EEA only.
allowed_regions: [eu-central-1, eu-west-1, eu-west-3, eu-north-1, eu-south-1, eu-south-2, eu-fsn, eu-hel]

# Countries with an EU adequacy decision (Art. 45 GDPR). For the United States the decision
# covers only organisations certified under the EU-US Data Privacy Framework, so it is not listed
# here: record a transfer basis for a US recipient instead.
adequacy_countries: [AD, AR, CA, FO, GG, IL, IM, JP, JE, NZ, KR, CH, GB, UY]

# Recorded legal bases (Art. 46 GDPR) for recipients in other third countries, for example:
#   - country: US
#     basis: "standard contractual clauses (Commission Decision 2021/914), signed 2026-01-15"
transfer_bases: []

# Webhook destinations (Docs/security.md): the hosts webhook endpoints may point to, and the
# country each receiver runs in. An endpoint whose host is not listed here is refused, and its
# country is the one given here, whatever the caller says. "*.example.com" matches every
# subdomain of example.com (not example.com itself). For example:
#   - host: hooks.shop.example
#     country: DE
webhook_destinations: []

"""

    public static let retention = """
# Retention: how long Tresor keeps what it records about its own work.
access_log:
  # Entries older than this are pruned, up to the newest signed checkpoint before the cutoff,
  # which stays as the anchor the rest verifies from. 1095 days = three years, the regular
  # limitation period for claims in Germany (BGB §195), within which the access log is evidence.
  keep_days: 1095
  # A signed checkpoint every this many entries, or after this many seconds with new entries,
  # whichever comes first. Entries after the newest checkpoint are chained but not yet signed.
  checkpoint_every_entries: 1000
  checkpoint_every_seconds: 60

# Legal holds (Docs/erasure.md): the rules an app names when it declares a hold on a customer
# (POST /v2/customers/{id}/holds with "rule"). A hold keeps one category of the customer's data
# past an erasure, restricted (Art. 17(3)(b), Art. 18 GDPR), readable only for its purpose, until
# 31 December of the document's year plus `years` (periods run from the end of the calendar
# year: HGB §257(5), AO §147(4)). Categories: identity, contact, billing_addresses,
# shipping_addresses, relationship.
legal_holds:
  invoices:
    category: billing_addresses
    legal_basis: "HGB §257(1) Nr. 4, (4) and AO §147(1) Nr. 4, (3): accounting vouchers including invoices, 8 years"
    purpose: invoicing
    years: 8
  commercial-letters:
    category: identity
    legal_basis: "HGB §257(1) Nr. 2-3, (4) and AO §147(1) Nr. 2-3, (3): commercial and business letters, 6 years"
    purpose: invoicing
    years: 6
  books:
    category: billing_addresses
    legal_basis: "HGB §257(1) Nr. 1, (4) and AO §147(1) Nr. 1, (3): books, inventories and annual accounts, 10 years"
    purpose: invoicing
    years: 10

"""

    public static let processing = """
# Processing: what this deployment does with its customers' data, on what legal basis, who
# receives it and how long it is kept. Tresor builds the Art. 15 statement of every subject
# export from this file (and from residency.yaml for where the data is stored). Edit it to match
# your records of processing (Art. 30 GDPR). Texts are given in English (en) and German (de); a
# statement is written in the subject's language when every text has it, else in English.
controller:
  name: Example Shop GmbH
  address: Friedrichstraße 1, 10117 Berlin, Germany
  contact: privacy@example-shop.de
  data_protection_officer: dpo@example-shop.de
  supervisory_authority:
    en: Berlin Commissioner for Data Protection and Freedom of Information, Alt-Moabit 59-61, 10555 Berlin, Germany
    de: Berliner Beauftragte für Datenschutz und Informationsfreiheit, Alt-Moabit 59-61, 10555 Berlin

# Categories of personal data, the customer fields each covers, and where the data comes from
# (subject: given by the customer; otherwise say who provided it).
categories:
  identity:
    name: { en: Identity, de: Identität }
    fields: [name, last_name, company]
    source: subject
  contact:
    name: { en: Contact details, de: Kontaktdaten }
    fields: [email, phone, locale, timezone_offset, country]
    source: subject
  addresses:
    name: { en: Billing and shipping addresses, de: Rechnungs- und Lieferadressen }
    fields: [billing_addresses, shipping_addresses]
    source: subject
  newsletter:
    name: { en: Newsletter subscriptions, de: Newsletter-Abonnements }
    fields: [mailing_lists]
    source: subject
  relationship:
    name: { en: Customer relationship, de: Kundenbeziehung }
    fields: [category, priority, lead_status, teammate_id, metadata, stripe_customer_id, affiliate_partner_id, source]
    source:
      en: recorded by our staff and systems in the course of the business relationship
      de: von unseren Mitarbeitenden und Systemen im Rahmen der Geschäftsbeziehung erfasst
  communications:
    name: { en: Messages sent to you, de: An Sie gesendete Nachrichten }
    fields: [emails, webhooks]
    source:
      en: recorded by Tresor when a message is sent
      de: von Tresor beim Versand einer Nachricht erfasst

purposes:
  - id: contract
    name: { en: Performing our contract with you and delivering orders, de: Erfüllung unseres Vertrags mit Ihnen und Lieferung von Bestellungen }
    legal_basis: { en: "Art. 6(1)(b) GDPR: performance of a contract", de: "Art. 6 Abs. 1 lit. b DSGVO: Vertragserfüllung" }
    categories: [identity, contact, addresses, communications]
    retention:
      en: for the duration of the contract; afterwards only as the retention duties below require
      de: für die Dauer des Vertrags; danach nur, soweit die unten genannten Aufbewahrungspflichten es verlangen
  - id: invoicing
    name: { en: Invoicing and keeping tax records, de: Rechnungsstellung und steuerliche Aufbewahrung }
    legal_basis:
      en: "Art. 6(1)(c) GDPR: legal obligation under HGB §257 and AO §147"
      de: "Art. 6 Abs. 1 lit. c DSGVO: rechtliche Verpflichtung nach § 257 HGB und § 147 AO"
    categories: [identity, addresses]
    retention:
      en: invoices 8 years, commercial letters 6 years, books 10 years, each from the end of the calendar year
      de: Rechnungen 8 Jahre, Handelsbriefe 6 Jahre, Bücher 10 Jahre, jeweils ab Ende des Kalenderjahres
  - id: newsletter
    name: { en: Sending our newsletter, de: Versand unseres Newsletters }
    legal_basis: { en: "Art. 6(1)(a) GDPR: your consent", de: "Art. 6 Abs. 1 lit. a DSGVO: Ihre Einwilligung" }
    categories: [identity, contact, newsletter, communications]
    retention:
      en: until you withdraw your consent (for example with the unsubscribe link)
      de: bis Sie Ihre Einwilligung widerrufen (zum Beispiel über den Abmeldelink)
  - id: sales-follow-up
    name: { en: Following up on enquiries and offers, de: Nachverfolgung von Anfragen und Angeboten }
    legal_basis:
      en: "Art. 6(1)(f) GDPR: our legitimate interest in answering enquiries and offering our products"
      de: "Art. 6 Abs. 1 lit. f DSGVO: unser berechtigtes Interesse, Anfragen zu beantworten und unsere Produkte anzubieten"
    categories: [identity, contact, relationship]
    retention:
      en: 2 years after our last contact, unless you object earlier
      de: 2 Jahre nach unserem letzten Kontakt, sofern Sie nicht früher widersprechen
  # Purposes Tresor records for its own work and for the shipped roles (roles.yaml):
  # `tresor policy check` fails while one of them is missing here.
  - id: administration
    name:
      en: Administering our customer records
      de: Verwaltung unserer Kundendaten
    legal_basis:
      en: "Art. 6(1)(f) GDPR: our legitimate interest in keeping our customer records correct and secure"
      de: "Art. 6 Abs. 1 lit. f DSGVO: unser berechtigtes Interesse an richtigen und sicheren Kundendaten"
    categories: [identity, contact, addresses, newsletter, relationship, communications]
    retention:
      en: as long as the other purposes keep the data
      de: so lange, wie die anderen Zwecke die Daten aufbewahren
  - id: customer-support
    name:
      en: Answering your questions and requests
      de: Beantwortung Ihrer Fragen und Anliegen
    legal_basis:
      en: "Art. 6(1)(b) GDPR: performance of a contract"
      de: "Art. 6 Abs. 1 lit. b DSGVO: Vertragserfüllung"
    categories: [identity, contact, addresses, relationship]
    retention:
      en: for the duration of the contract
      de: für die Dauer des Vertrags
  - id: marketing
    name:
      en: Informing you about our products
      de: Information über unsere Produkte
    legal_basis:
      en: "Art. 6(1)(a) GDPR: your consent, or Art. 6(1)(f) GDPR: our legitimate interest in direct marketing (you may object at any time)"
      de: "Art. 6 Abs. 1 lit. a DSGVO: Ihre Einwilligung, oder Art. 6 Abs. 1 lit. f DSGVO: unser berechtigtes Interesse an Direktwerbung (Sie können jederzeit widersprechen)"
    categories: [identity, contact, newsletter]
    retention:
      en: until you withdraw your consent or object
      de: bis Sie Ihre Einwilligung widerrufen oder widersprechen
  - id: legal-obligation
    name:
      en: Meeting our legal obligations (retention duties, answering requests under the GDPR)
      de: Erfüllung unserer gesetzlichen Pflichten (Aufbewahrung, Beantwortung von Anträgen nach der DSGVO)
    legal_basis:
      en: "Art. 6(1)(c) GDPR: legal obligation"
      de: "Art. 6 Abs. 1 lit. c DSGVO: rechtliche Verpflichtung"
    categories: [identity, contact, addresses, relationship, communications]
    retention:
      en: as long as the law requires (see the legal holds in this package)
      de: so lange, wie das Gesetz es verlangt (siehe die Aufbewahrungspflichten in diesem Paket)
  - id: erasure-request
    name:
      en: Erasing your data when you ask us to
      de: Löschung Ihrer Daten auf Ihren Antrag
    legal_basis:
      en: "Art. 6(1)(c) GDPR with Art. 17 GDPR: legal obligation"
      de: "Art. 6 Abs. 1 lit. c DSGVO mit Art. 17 DSGVO: rechtliche Verpflichtung"
    categories: [identity, contact]
    retention:
      en: the erasure record keeps no personal data
      de: der Löschnachweis enthält keine personenbezogenen Daten
  - id: webhook-notification
    name:
      en: Keeping our own systems up to date about your customer record
      de: Aktualisierung unserer eigenen Systeme über Ihren Kundendatensatz
    legal_basis:
      en: "Art. 6(1)(b) GDPR: performance of a contract"
      de: "Art. 6 Abs. 1 lit. b DSGVO: Vertragserfüllung"
    categories: [identity, contact, addresses, relationship]
    retention:
      en: notifications are deleted once delivered
      de: Benachrichtigungen werden nach der Zustellung gelöscht
  - id: email
    name:
      en: Sending you the emails we write to you
      de: Versand der E-Mails, die wir Ihnen schreiben
    legal_basis:
      en: "Art. 6(1)(b) GDPR: performance of a contract"
      de: "Art. 6 Abs. 1 lit. b DSGVO: Vertragserfüllung"
    categories: [identity, contact, communications]
    retention:
      en: the message is kept sealed until it is sent; a record of sending as long as the contract
      de: die Nachricht wird bis zum Versand verschlüsselt aufbewahrt; ein Versandnachweis für die Dauer des Vertrags

# Recipients or categories of recipients (Art. 15(1)(c)). A recipient outside the EU/EEA
# needs `safeguards` (Art. 15(2), Art. 46), unless residency.yaml lists an adequacy decision for
# its country. Webhook endpoints and the mail relay that actually received data are listed in
# each statement as well.
recipients:
  - name: { en: Our payment service provider, de: Unser Zahlungsdienstleister }
    country: DE
    purposes: [contract]
  - name:
      en: Shipping companies delivering your orders
      de: Versanddienstleister, die Ihre Bestellungen zustellen
    country: DE
    purposes: [contract]
  - name: { en: Our tax adviser and auditors, de: Unsere Steuerberatung und Wirtschaftsprüfung }
    country: DE
    purposes: [invoicing]
  - name: { en: Our email service provider, de: Unser E-Mail-Dienstleister }
    country: IE
    purposes: [contract, newsletter]

automated_decisions:
  en: We do not make decisions based solely on automated processing, including profiling, that have legal or similarly significant effects on you (Art. 22 GDPR).
  de: Wir treffen keine ausschließlich auf einer automatisierten Verarbeitung einschließlich Profiling beruhenden Entscheidungen, die Ihnen gegenüber rechtliche Wirkung entfalten oder Sie in ähnlicher Weise erheblich beeinträchtigen (Art. 22 DSGVO).

"""
}
