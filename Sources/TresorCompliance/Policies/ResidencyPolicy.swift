import Foundation
import TresorModel
import Yams

/// `policies/residency.yaml`: where the deployment stores data, which regions are allowed, and
/// on what basis data may go to a third country.
public struct ResidencyPolicy: Sendable {
    public static let fileName = "residency.yaml"

    /// A recorded legal basis for transfers to a country without an adequacy decision.
    public struct TransferBasis: Sendable, Equatable {
        public var country: CountryCode
        public var basis: String
    }

    public let storageRegion: String
    /// Region name → the country it is in.
    public let regions: [String: CountryCode]
    public let allowedRegions: Set<String>
    public let adequacyCountries: Set<CountryCode>
    public let transferBases: [TransferBasis]
    /// Where webhook endpoints may point, and the country of each (`webhook_destinations`).
    public let webhookDestinations: [WebhookDestination]
    let file: String
    let storageRegionLine: Int?

    public init(text: String, file: String = fileName) throws {
        let document = try PolicyDocument(text: text, file: file)
        let top = try document.mapping(document.root, field: "")
        try document.rejectUnknownKeys(top, allowed: ["storage_region", "regions", "allowed_regions", "adequacy_countries", "transfer_bases",
                                                           "webhook_destinations"], field: "")
        self.file = file
        storageRegion = try document.string(top["storage_region"], field: "storage_region")
        storageRegionLine = top["storage_region"]?.mark?.line
        var regions: [String: CountryCode] = [:]
        for (nameNode, countryNode) in try document.mapping(top["regions"], field: "regions") {
            let name = try document.string(nameNode, field: "regions")
            let code = try document.string(countryNode, field: "regions.\(name)")
            guard let country = CountryCode(code) else {
                throw document.error(countryNode, field: "regions.\(name)", "must be an ISO 3166-1 alpha-2 country code")
            }
            regions[name] = country
        }
        var allowed = Set<String>()
        for (index, (name, node)) in try document.strings(top["allowed_regions"], field: "allowed_regions").enumerated() {
            guard let country = regions[name] else {
                throw document.error(node, field: "allowed_regions[\(index)]", "region '\(name)' is not listed under regions")
            }
            guard country.isEEAMember else {
                throw document.error(node, field: "allowed_regions[\(index)]",
                                     "region '\(name)' is in \(country.code), outside the EU/EEA; only EU/EEA regions may store data")
            }
            allowed.insert(name)
        }
        var adequacy = Set<CountryCode>()
        for (index, (code, node)) in try document.strings(top["adequacy_countries"], field: "adequacy_countries").enumerated() {
            guard let country = CountryCode(code) else {
                throw document.error(node, field: "adequacy_countries[\(index)]", "must be an ISO 3166-1 alpha-2 country code")
            }
            adequacy.insert(country)
        }
        let bases = try document.records(top["transfer_bases"], field: "transfer_bases", keys: ["country", "basis"]) { mapping, _, field in
            let code = try document.string(mapping["country"], field: "\(field).country")
            guard let country = CountryCode(code) else {
                throw document.error(mapping["country"], field: "\(field).country", "must be an ISO 3166-1 alpha-2 country code")
            }
            return TransferBasis(country: country, basis: try document.string(mapping["basis"], field: "\(field).basis"))
        }
        let destinations = try document.records(top["webhook_destinations"], field: "webhook_destinations", keys: ["host", "country"]) {
            mapping, entry, field in
            let host = try document.string(mapping["host"], field: "\(field).host")
            let country = CountryCode(try document.string(mapping["country"], field: "\(field).country"))
            guard let destination = WebhookDestination(pattern: host, country: country) else {
                throw document.error(entry, field: field, "needs a host name (or *.domain) and an ISO 3166-1 alpha-2 country code")
            }
            return destination
        }
        webhookDestinations = destinations
        self.regions = regions
        allowedRegions = allowed
        adequacyCountries = adequacy
        transferBases = bases
    }

    /// The country data is stored in.
    public var storageCountry: CountryCode? { regions[storageRegion] }

    /// Refuses a storage region outside the allowed EU/EEA regions; `tresor serve` calls this
    /// before it opens anything.
    public func checkStorageRegion() throws {
        guard allowedRegions.contains(storageRegion) else {
            let place = regions[storageRegion].map { " (in \($0.code))" } ?? ""
            throw PolicyError(file: file, line: storageRegionLine, field: "storage_region",
                              reason: "storage region '\(storageRegion)'\(place) is not an allowed EU/EEA region (\(allowedRegions.sorted().joined(separator: ", "))); Tresor refuses to store personal data there")
        }
    }
}
