import ArgumentParser
import Foundation
import TresorModel

/// `tresor vat`: EU VAT number tools.
struct VATCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vat",
        abstract: "EU VAT identification numbers.",
        subcommands: [VATCheckCommand.self]
    )
}

/// `tresor vat check NUMBER...`: offline format and check-digit validation.
struct VATCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check EU VAT numbers offline: format and check digits for the 27 member states and XI.",
        discussion: """
            Separators (spaces, dots, dashes, slashes) and case do not matter. Whether a number is \
            registered is a question for VIES, which this does not ask. Exits 0 only if every \
            number is valid.

            Examples:
              tresor vat check DE136695976 "fr 61 954 506 077"
              tresor vat check --country GR 094259216
              tresor vat check --json ATU57194903 ATU57194904
            """
    )

    @Argument(help: "The numbers to check, with or without their country prefix.")
    var numbers: [String]

    @Option(name: .long, help: "Country implied for numbers without a prefix (ISO code, e.g. DE or GR).")
    var country: String?

    @Flag(name: .long, help: "Print one JSON object per number, one per line.")
    var json = false

    func validate() throws {
        if let country, CountryCode(country) == nil {
            throw ValidationError("--country must be an ISO 3166-1 alpha-2 code such as DE")
        }
    }

    func run() throws {
        let implied = country.flatMap(CountryCode.init)
        var allValid = true
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.keyEncodingStrategy = .convertToSnakeCase
        for number in numbers {
            let check = VATNumber.check(number, impliedCountry: implied)
            allValid = allValid && check.isValid
            if json {
                print(String(decoding: try encoder.encode(check), as: UTF8.self))
            } else {
                let verdict = check.isValid ? "valid" : "invalid: \(check.reason ?? "")"
                print("\(check.normalized)\t\(check.country ?? "--")\t\(verdict)")
            }
        }
        if !allValid { throw ExitCode(1) }
    }
}
