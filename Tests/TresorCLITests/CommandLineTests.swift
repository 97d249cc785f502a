import Testing
import TresorCLI

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

    @Test("tresor bench rejects a nonsensical duration before measuring anything")
    func benchValidation() throws {
        let result = try TresorProcess.run(["bench", "--seconds", "0"])
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("--seconds"))
    }
}
