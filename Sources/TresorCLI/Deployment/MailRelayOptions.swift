import ArgumentParser
import Foundation
import TresorCompliance
import TresorCrypto
import TresorMail
import TresorModel
import TresorService

/// The mail relay `tresor serve` sends email through. Without `--smtp-host` (or
/// `$TRESOR_SMTP_HOST`) email is off and `send-email` answers 503. The AUTH user name and
/// password come only from the environment, never from the command line (which `ps` shows).
struct MailRelayOptions: ParsableArguments {
    @Option(name: .customLong("smtp-host"), help: "Mail relay host (default: $TRESOR_SMTP_HOST; without one, email is off).")
    var host: String?

    @Option(name: .customLong("smtp-port"), help: "Mail relay port (default: $TRESOR_SMTP_PORT or 587).")
    var port: Int?

    @Option(name: .customLong("smtp-sender"), help: "From address, e.g. 'Shop <noreply@shop.example>' (default: $TRESOR_SMTP_SENDER).")
    var sender: String?

    @Option(name: .customLong("smtp-country"), help: "ISO country of the relay, checked against residency.yaml (default: $TRESOR_SMTP_COUNTRY).")
    var country: String?

    @Option(name: .customLong("smtp-security"), help: "starttls (required, never downgraded) or none (default: $TRESOR_SMTP_SECURITY or starttls).")
    var security: String?

    @Option(name: .customLong("smtp-ca-file"), help: "PEM file of CAs to trust for the relay (default: $TRESOR_SMTP_CA_FILE, else the system's).")
    var trustRootsFile: String?

    /// The relay, checked: nil when none is configured. Throws a message naming the setting
    /// that is missing or wrong, or the residency policy when the relay's country is refused.
    func relay(residency: ResidencyPolicy, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (client: SMTPClient, settings: EmailSettings)? {
        func setting(_ option: String?, _ variable: String) -> String? { option ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } }
        guard let host = setting(host, "TRESOR_SMTP_HOST") else { return nil }
        guard let port = port ?? Int(setting(nil, "TRESOR_SMTP_PORT") ?? "587") else { throw ValidationError("--smtp-port must be a number") }
        guard let senderText = setting(sender, "TRESOR_SMTP_SENDER") else { throw ValidationError("--smtp-sender is required with --smtp-host") }
        guard let sender = MailAddress(parsing: senderText) else { throw ValidationError("--smtp-sender must be an address, e.g. 'Shop <noreply@shop.example>'") }
        guard let countryText = setting(country, "TRESOR_SMTP_COUNTRY") else {
            throw ValidationError("--smtp-country is required with --smtp-host: the relay's country is checked against the residency policy")
        }
        guard let country = CountryCode(countryText) else { throw ValidationError("--smtp-country must be an ISO 3166-1 alpha-2 code") }
        let securityText = setting(security, "TRESOR_SMTP_SECURITY") ?? "starttls"
        guard let security = SMTPConfiguration.Security(rawValue: securityText) else { throw ValidationError("--smtp-security must be starttls or none") }

        var relay = "mail relay \(host):\(port) (\(country.code))"
        switch residency.transferDecision(to: country) {
        case .withinEEA, .adequacy: break
        case let .recordedBasis(basis): relay += ", transfer basis: \(basis)"
        case .refused: throw CommandFailure(ServiceError.transferRefused(country: country.code, policyFile: residency.sourceFile).description)
        }
        var configuration = SMTPConfiguration(host: host, port: port, security: security, credentials: try credentials(environment),
                                              trustRootsFile: setting(trustRootsFile, "TRESOR_SMTP_CA_FILE"))
        configuration.clientName = ProcessInfo.processInfo.hostName
        do {
            return (try SMTPClient(configuration: configuration), EmailSettings(sender: sender, relay: relay))
        } catch let error as SMTPConfigurationError {
            throw CommandFailure("mail relay: \(error.description)")
        }
    }

    /// `TRESOR_SMTP_USERNAME` with `TRESOR_SMTP_PASSWORD` or `TRESOR_SMTP_PASSWORD_FILE`.
    private func credentials(_ environment: [String: String]) throws -> SMTPConfiguration.Credentials? {
        guard let username = environment["TRESOR_SMTP_USERNAME"], !username.isEmpty else { return nil }
        if let file = environment["TRESOR_SMTP_PASSWORD_FILE"], !file.isEmpty {
            guard var data = FileManager.default.contents(atPath: file) else { throw CommandFailure("TRESOR_SMTP_PASSWORD_FILE \(file) cannot be read") }
            defer { data.resetBytes(in: 0..<data.count) }
            while data.last == UInt8(ascii: "\n") || data.last == UInt8(ascii: "\r") { data.removeLast() }
            return .init(username: username, password: SecureBytes(copying: data))
        }
        guard let password = environment["TRESOR_SMTP_PASSWORD"] else {
            throw CommandFailure("TRESOR_SMTP_USERNAME is set: set TRESOR_SMTP_PASSWORD_FILE (or TRESOR_SMTP_PASSWORD) too")
        }
        return .init(username: username, password: SecureBytes(copying: password.utf8))
    }
}
