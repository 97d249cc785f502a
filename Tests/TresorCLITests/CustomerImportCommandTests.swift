import Foundation
import Testing
import TresorTestSupport

/// `tresor customers import` and `list` as an operator moving customers in.
@Suite("tresor customers import")
struct CustomerImportCommandTests {
    static let header = "name,last_name,email,country,metadata.source,billing_name,billing_address,billing_city,billing_postcode,billing_country,"
        + "billing_vat,billing_is_company,shipping_address,shipping_city,shipping_country"

    static func row(_ index: Int, email: String? = nil, country: String = "de", vat: String = "DE136695976", isCompany: String = "true",
                    name: String? = nil) -> String {
        "\(name ?? "Anna\(index)"),Müller,\(email ?? "anna.\(index)@example.de"),\(country),crm,Anna \(index),\"Straße \(index), Hof\",Berlin,10117,de,"
            + "\(vat),\(isCompany),Lagerweg 7,Hamburg,de"
    }

    @Test("CSV with 5 bad rows among 45 good: the good ones are imported, the bad ones named by line and reason, exit code 2")
    func csvWithBadRows() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        #expect(try TresorProcess.run(["init", "--data-dir", data]).exitCode == 0)
        var lines = [Self.header]
        let bad: [Int: String] = [
            7: Self.row(5, email: "not-an-email"), 13: Self.row(11, country: "zz"), 20: Self.row(18, vat: "DE000000000"),
            31: Self.row(29, isCompany: "maybe"), 44: Self.row(42, email: "anna.3@example.de"),
        ]
        for line in 2...51 { lines.append(bad[line] ?? Self.row(line - 2)) }
        let file = directory.appendingPathComponent("customers.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)

        let imported = try TresorProcess.run(["customers", "import", file.path, "--data-dir", data, "--batch-size", "20"])
        #expect(imported.exitCode == 2, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("Imported 45 customers, rejected 5"), "\(imported.standardOutput)")
        #expect(imported.standardError.split(separator: "\n").last?.hasPrefix("imported 45, rejected 5 of 50 (100%)") == true,
                "plain progress lines when not on a terminal, the last at 100 %: \(imported.standardError)")
        let rejects = try String(contentsOf: URL(fileURLWithPath: file.path + ".rejects.csv"), encoding: .utf8)
        #expect(rejects.split(separator: "\n").map(String.init) == [
            "line,reason",
            "7,\"email: must be an email address like name@example.com\"",
            "13,\"country: must be an ISO 3166-1 alpha-2 country code such as DE\"",
            "20,\"billing_vat: must be 9 digits not starting with 0\"",
            "31,\"billing_is_company: must be true or false\"",
            "44,\"email: repeats the email of line 5\"",
        ])
        #expect(!rejects.contains("Anna"), "the reject file names lines and reasons, never content")

        let listed = try TresorProcess.run(["customers", "list", "--data-dir", data, "--email", "anna.10@example.de", "--json"])
        let customer = try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [String: Any])
        #expect(customer["name"] as? String == "Anna10" && customer["metadata"] as? [String: String] == ["source": "crm"])
        let billing = try #require((customer["billing_addresses"] as? [[String: Any]])?.first)
        #expect(billing["address"] as? String == "Straße 10, Hof" && billing["is_company"] as? Bool == true)
        #expect((customer["shipping_addresses"] as? [[String: Any]])?.first?["city"] as? String == "Hamburg")
        let table = try TresorProcess.run(["customers", "list", "--data-dir", data, "--per-page", "500"])
        #expect(table.standardOutput.contains("45 shown of 45"))
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", data]).exitCode == 0)
    }

    @Test("JSON Lines: Tamio create bodies, refused ones named by line with the API's field names; an unknown CSV column stops before any import")
    func jsonLinesAndUnknownColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        #expect(try TresorProcess.run(["init", "--data-dir", data]).exitCode == 0)
        let file = directory.appendingPathComponent("customers.jsonl")
        try """
            {"name": "Jo", "email": "jo@example.de", "country": "de", "billing_information": {"name": "Jo", "address": "Ring 1", "country": "de", "city": "Köln"}}
            {"name": "Bad", "email": "bad@example.de", "country": "de", "billing_addresses": [{"name": "Bad", "address": "Weg 2", "country": "de", "vat": "DE1"}]}

            {"name": "Ex", "email": "ex@example.de", "country": "at", "colour": "red"}
            not json
            {"name": "Li", "email": "li@example.de", "country": "nl"}
            {"name": "Vi", "email": "vi@example.de", "country": "de", "billing_information": {"name": "Vi", "address": "Weg 3", "country": "de", "city": "Bonn", "vat": "DE2"}}

            """.write(to: file, atomically: true, encoding: .utf8)
        let imported = try TresorProcess.run(["customers", "import", file.path, "--data-dir", data, "--rejects", directory.appendingPathComponent("r.csv").path])
        #expect(imported.exitCode == 2)
        #expect(imported.standardOutput.contains("Imported 2 customers, rejected 4"), "\(imported.standardOutput)")
        let rejects = try String(contentsOf: directory.appendingPathComponent("r.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rejects.count == 5)
        #expect(rejects[1].hasPrefix("2,\"billing_addresses[0].vat:"))
        #expect(rejects[2] == "4,\"colour: is not a known field\"")
        #expect(rejects[3] == "5,\"body: is not valid JSON\"")
        #expect(rejects[4].hasPrefix("7,\"billing_information.vat:"), "named as the record gave it: \(rejects[4])")

        let unknown = directory.appendingPathComponent("unknown.csv")
        try "name,email,country,favourite_colour\nA,a@example.de,de,red\n".write(to: unknown, atomically: true, encoding: .utf8)
        let refused = try TresorProcess.run(["customers", "import", unknown.path, "--data-dir", data])
        #expect(refused.exitCode == 1 && refused.standardError.contains("favourite_colour: is not a known column"), "\(refused.standardError)")
        #expect(try TresorProcess.run(["customers", "list", "--data-dir", data]).standardOutput.contains("2 shown of 2"))
    }

    @Test("an unclosed quote and a wrong cell count are rejected on their lines and never swallow the next record; progress ends at 100 %")
    func unclosedQuote() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        #expect(try TresorProcess.run(["init", "--data-dir", data]).exitCode == 0)
        var lines = [Self.header]
        for line in 2...7 { lines.append(Self.row(line)) }
        lines[2] = lines[2].replacingOccurrences(of: "\"Straße 3, Hof\"", with: "\"Straße 3, Hof")  // line 3: the quote is never closed
        lines[5] = "Kurt,Kurz,kurt@example.de,de"  // line 6: too few cells
        let file = directory.appendingPathComponent("broken.csv")
        try (lines.joined(separator: "\r\n") + "\r\n").write(to: file, atomically: true, encoding: .utf8)

        let imported = try TresorProcess.run(["customers", "import", file.path, "--data-dir", data])
        #expect(imported.exitCode == 2)
        #expect(imported.standardOutput.contains("Imported 4 customers, rejected 2"), "\(imported.standardOutput)")
        #expect(imported.standardError.contains("of 6 (100%)"), "\(imported.standardError)")
        let rejects = try String(contentsOf: URL(fileURLWithPath: file.path + ".rejects.csv"), encoding: .utf8)
        #expect(rejects.split(separator: "\n").map(String.init) == ["line,reason", "3,\"row: has a quote that is not closed on its line\"",
                                                                    "6,\"row: has 4 cells; the header has 15\""])
        let next = try TresorProcess.run(["customers", "list", "--data-dir", data, "--email", "anna.4@example.de", "--json"])
        #expect(next.standardOutput.contains("anna.4@example.de"), "line 4's customer was imported: \(next.standardOutput) \(next.standardError)")
    }

    @Test("the same file again: refused by default, skipped with --existing skip, updated with --existing update; --no-webhooks is in the access log")
    func existingCustomers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        #expect(try TresorProcess.run(["init", "--data-dir", data]).exitCode == 0)
        let file = directory.appendingPathComponent("customers.csv")
        try ([Self.header] + (0..<4).map { Self.row($0) }).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let first = try TresorProcess.run(["customers", "import", file.path, "--data-dir", data, "--no-webhooks"])
        #expect(first.exitCode == 0 && first.standardOutput.contains("Imported 4 customers") && first.standardOutput.contains("no customer-created events"),
                "\(first.standardOutput)")
        let log = try TresorProcess.run(["audit", "query", "--data-dir", data, "--action", "customer.create", "--json"])
        let entries = log.standardOutput.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!entries.isEmpty && entries.allSatisfy { ($0["fields"] as? [String])?.contains("webhooks:none") == true }, "\(log.standardOutput)")

        let again = try TresorProcess.run(["customers", "import", file.path, "--data-dir", data])
        #expect(again.exitCode == 2 && again.standardOutput.contains("Imported 0 customers, rejected 4"))
        let reasons = try String(contentsOf: URL(fileURLWithPath: file.path + ".rejects.csv"), encoding: .utf8)
        #expect(reasons.contains("2,\"a customer with this email already exists (--existing skip or update keeps or updates it)\""), "\(reasons)")

        let skipped = try TresorProcess.run(["customers", "import", file.path, "--data-dir", data, "--existing", "skip", "--rejects", directory.appendingPathComponent("s.csv").path])
        #expect(skipped.exitCode == 0 && skipped.standardOutput.contains("Imported 0 customers, skipped 4, rejected 0"), "\(skipped.standardOutput)")

        try ([Self.header] + (0..<4).map { Self.row($0, name: "Renamed\($0)") }).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let updated = try TresorProcess.run(["customers", "import", file.path, "--data-dir", data, "--existing", "update", "--rejects", directory.appendingPathComponent("u.csv").path])
        #expect(updated.exitCode == 0 && updated.standardOutput.contains("Imported 0 customers, updated 4, rejected 0"), "\(updated.standardOutput)")
        let listed = try TresorProcess.run(["customers", "list", "--data-dir", data, "--email", "anna.2@example.de", "--json"])
        #expect(listed.standardOutput.contains("\"name\":\"Renamed2\"") || listed.standardOutput.contains("\"name\": \"Renamed2\""), "\(listed.standardOutput)")
        #expect(try TresorProcess.run(["customers", "list", "--data-dir", data]).standardOutput.contains("4 shown of 4"))
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", data]).exitCode == 0)
    }
}
