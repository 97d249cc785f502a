import Foundation
import Testing
import TresorCLI
import TresorTestSupport

@Suite("The tresor command line")
struct CommandLineTests {
    @Test("tresor --version prints the version and exits 0")
    func version() throws {
        let result = try TresorProcess.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == TresorVersion.current)
    }

    @Test("tresor --help names the product and its subcommands")
    func help() throws {
        let result = try TresorProcess.run(["--help"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("USAGE: tresor"))
        #expect(result.standardOutput.contains("bench"))
        #expect(result.standardOutput.contains("GDPR"))
    }

    @Test("an unknown subcommand fails with a non-zero exit and a one-line reason")
    func unknownSubcommand() throws {
        let result = try TresorProcess.run(["frobnicate"])
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("frobnicate"))
    }

    @Test("a server that exits before it is ready is reported with its exit status and the last lines of its standard error")
    func serverThatNeverStarts() throws {
        do {
            _ = try ServerProcess(try TresorProcess.executablePath, ["serve", "--port", "99999"], environment: ["PATH": "/usr/bin:/bin"], readyLine: "listening")
            Issue.record("a server with port 99999 started")
        } catch ServerProcessError.exited(let report) {
            #expect(report.contains("exited with status 64") && report.contains("--port must be 0 to 65535"), "\(report)")
        }
    }

    @Test("tresor bench rejects a nonsensical duration before measuring anything")
    func benchValidation() throws {
        let result = try TresorProcess.run(["bench", "--seconds", "0"])
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("--seconds"))
        // Every option's range is in the help, and --seconds says it is per measurement.
        let help = try TresorProcess.run(["bench", "--help"]).standardOutput.replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for range in ["10000 to 10000000", "1000 to 100000000", "1000 to 10000000", "1000 to 1000000", "not for the whole run"] {
            #expect(help.contains(range), "bench --help lacks \(range)")
        }
        let refused = try TresorProcess.run(["bench", "--erasures", "300"])
        #expect(refused.exitCode != 0 && refused.standardError.contains("between 1000 and 1000000"))
    }
}

@Suite("tresor vat check")
struct VATCheckCommandTests {
    @Test("valid numbers print normalised and exit 0")
    func valid() throws {
        let result = try TresorProcess.run(["vat", "check", "de 136.695.976", "ATU57194903"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == "DE136695976\tDE\tvalid\nATU57194903\tAT\tvalid\n")
    }

    @Test("one invalid number makes the exit code 1 and prints its reason; --json prints JSON lines")
    func invalidAndJSON() throws {
        let result = try TresorProcess.run(["vat", "check", "--json", "DE136695976", "DE136695977"])
        #expect(result.exitCode == 1)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == #"{"country":"DE","is_valid":true,"normalized":"DE136695976"}"#)
        #expect(lines[1] == #"{"country":"DE","is_valid":false,"normalized":"DE136695977","reason":"the check digits do not match"}"#)
    }

    @Test("--country supplies the prefix; a bad --country is a usage error")
    func impliedCountry() throws {
        #expect(try TresorProcess.run(["vat", "check", "--country", "GR", "094259216"]).standardOutput == "EL094259216\tEL\tvalid\n")
        let bad = try TresorProcess.run(["vat", "check", "--country", "Greece", "094259216"])
        #expect(bad.exitCode == 64)
        #expect(bad.standardError.contains("--country"))
    }
}

@Suite("tresor bench")
struct BenchCommandTests {
    @Test("the crypto figures come with OpenSSL's own rate measured in the same run")
    func cryptoFigures() throws {
        let result = try TresorProcess.run(["bench", "--suite", "crypto", "--seconds", "1", "--json"])
        #expect(result.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let figures = try #require(object["figures"] as? [[String: Any]])
        let pairs = figures.filter { ($0["name"] as? String)?.hasPrefix("field seal+open") == true }
        #expect(pairs.count == 2)
        for figure in pairs {
            #expect((figure["value"] as? Double ?? 0) > 0)
            #expect((figure["baselineValue"] as? Double ?? 0) > 0, "openssl speed must have run: \(figure)")
            #expect(figure["ratio"] as? Double != nil)
        }
    }

    @Test("the export figures time a real tresor export process, its own peak memory, and the deflate floor")
    func exportFigures() throws {
        let result = try TresorProcess.run(["bench", "--suite", "export", "--export-entries", "1000", "--json"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let figures = try #require(object["figures"] as? [[String: Any]])
        func figure(_ prefix: String) throws -> [String: Any] {
            try #require(figures.first { ($0["name"] as? String)?.hasPrefix(prefix) == true }, "no figure \(prefix) in \(figures)")
        }
        let export = try figure("tresor export of a subject with 1000 access-log entries")
        #expect((export["value"] as? Double ?? 0) > 0)
        #expect((export["baselineValue"] as? Double ?? 0) > 0)
        #expect((try figure("ZIPFoundation deflating")["value"] as? Double ?? 0) > 0)
        // The child's own high-water mark: more than an empty process, far less than a leak would make it.
        let peak = try #require(try figure("peak memory")["value"] as? Double)
        #expect(peak > 5 && peak < 500, "peak \(peak) MB")
    }
}
