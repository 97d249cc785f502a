import Foundation
import Testing
import TresorCompliance
import TresorTestSupport

@Suite("tresor init, keys, policy check and serve")
struct DeploymentCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var dataDirectory: String { directory.appendingPathComponent("data").path }

    @Test("init prints an admin key once, writes a 0600 master key and warns about it; a second init refuses")
    func initialise() throws {
        let result = try TresorProcess.run(["init", "--data-dir", dataDirectory])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("tk_"))
        #expect(result.standardError.contains("next to the data it protects"))
        let attributes = try FileManager.default.attributesOfItem(atPath: dataDirectory + "/master.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let again = try TresorProcess.run(["init", "--data-dir", dataDirectory])
        #expect(again.exitCode != 0)
        #expect(again.standardError.contains("already initialised"))
    }

    @Test("serve on an empty directory, its output not a terminal: the first admin key goes to a 0600 file, not to the output (issue 21)")
    func firstKeyToFile() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServerProcess(try TresorProcess.executablePath, ["serve", "--data-dir", dataDirectory, "--port", "0"],
                                       environment: ["PATH": "/usr/bin:/bin"], readyLine: "listening")
        defer { server.kill(SIGTERM) }
        let file = URL(fileURLWithPath: dataDirectory).appendingPathComponent("initial-admin-key")
        #expect(server.standardOutput.contains("written to \(file.path) (mode 0600)"), "\(server.standardOutput)")
        #expect(!server.standardOutput.contains("tk_"), "no secret in the output")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let secret = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("tk_"))
        #expect(try await APIClient(port: try server.listeningPort, key: secret).send("GET", "/v2/customers/list", nil).status == 200)
    }

    @Test("with TRESOR_MASTER_KEY set, init writes no key file and gives no warning")
    func initialiseWithExternalKey() throws {
        let key = Data(repeating: 9, count: 32).base64EncodedString()
        let result = try TresorProcess.run(["init", "--data-dir", dataDirectory], environment: ["TRESOR_MASTER_KEY": key])
        #expect(result.exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: dataDirectory + "/master.key"))
        #expect(!result.standardError.contains("warning"))
        // Without the key, the deployment cannot be opened, and the error says how to fix it.
        let missing = try TresorProcess.run(["keys", "list", "--data-dir", dataDirectory])
        #expect(missing.exitCode != 0)
        #expect(missing.standardError.contains("TRESOR_MASTER_KEY"))
    }

    @Test("keys create prints a secret once, list shows no secret, revoke marks it revoked")
    func keys() throws {
        _ = try TresorProcess.run(["init", "--data-dir", dataDirectory])
        let created = try TresorProcess.run(["keys", "create", "--data-dir", dataDirectory, "--role", "integration", "--name", "Shop"])
        #expect(created.exitCode == 0)
        let secret = try #require(created.standardOutput.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces))
        #expect(secret.hasPrefix("tk_") && secret.count == 46)
        let id = try #require(created.standardOutput.split(separator: " ").first { $0.hasPrefix("key_") }.map(String.init))
        let listed = try TresorProcess.run(["keys", "list", "--data-dir", dataDirectory])
        #expect(listed.standardOutput.contains(id))
        #expect(!listed.standardOutput.contains(secret))
        #expect(try TresorProcess.run(["keys", "revoke", "--data-dir", dataDirectory, id]).exitCode == 0)
        #expect(try TresorProcess.run(["keys", "list", "--data-dir", dataDirectory]).standardOutput.contains("revoked"))
        let badRole = try TresorProcess.run(["keys", "create", "--data-dir", dataDirectory, "--role", "root"])
        #expect(badRole.exitCode != 0)
        #expect(badRole.standardError.contains("--role must be one of"))
        let agent = try TresorProcess.run(["keys", "create", "--data-dir", dataDirectory, "--role", "support-agent"])
        #expect(agent.exitCode != 0)
        #expect(agent.standardError.contains("--assigned-to"))
    }

    @Test("policy check passes on the shipped files and names file, line and field on a bad one")
    func policyCheck() throws {
        let policies = directory.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        try DefaultPolicies.residency.write(to: policies.appendingPathComponent("residency.yaml"), atomically: true, encoding: .utf8)
        try "roles:\n  a:\n    scopes: [customers.fly]\n    purpose: x\n".write(to: policies.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        let bad = try TresorProcess.run(["policy", "check", "--policies", policies.path])
        #expect(bad.exitCode != 0)
        #expect(bad.standardError.contains("roles.yaml:3: roles.a.scopes[0]: unknown scope 'customers.fly'"))
        try DefaultPolicies.roles.write(to: policies.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        let good = try TresorProcess.run(["policy", "check", "--policies", policies.path])
        #expect(good.exitCode == 0)
        #expect(good.standardOutput.hasPrefix("OK: 6 roles"))
    }

    @Test("serve refuses a storage region outside the EU/EEA, naming the region and the file")
    func serveRefusesNonEURegion() throws {
        let policies = directory.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        let residency = DefaultPolicies.residency.replacingOccurrences(of: "storage_region: eu-central-1", with: "storage_region: us-east-1")
        try residency.write(to: policies.appendingPathComponent("residency.yaml"), atomically: true, encoding: .utf8)
        let result = try TresorProcess.run(["serve", "--policies", policies.path, "--data-dir", dataDirectory, "--port", "0"])
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("us-east-1"))
        #expect(result.standardError.contains(policies.appendingPathComponent("residency.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: dataDirectory), "nothing is created before the check")
    }

    @Test("policy check fails on a purpose Tresor records but processing.yaml does not declare, and on a role's undeclared purpose")
    func undeclaredPurposes() throws {
        let policies = directory.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        let processing = policies.appendingPathComponent("processing.yaml")
        #expect(DefaultPolicies.processing.contains("  - id: webhook-notification\n"))
        try DefaultPolicies.processing.replacingOccurrences(of: "  - id: webhook-notification\n", with: "  - id: webhook-notices\n")
            .write(to: processing, atomically: true, encoding: .utf8)
        let missing = try TresorProcess.run(["policy", "check", "--policies", policies.path])
        #expect(missing.exitCode == 1, "\(missing.standardOutput)")
        #expect(missing.standardError.contains("'webhook-notification'") && missing.standardError.contains("processing.yaml"), "\(missing.standardError)")

        try DefaultPolicies.processing.write(to: processing, atomically: true, encoding: .utf8)
        try DefaultPolicies.roles.replacingOccurrences(of: "purpose: customer-support", with: "purpose: helpdesk")
            .write(to: policies.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        let role = try TresorProcess.run(["policy", "check", "--policies", policies.path])
        #expect(role.exitCode == 1)
        #expect(role.standardError.contains("'helpdesk'") && role.standardError.contains("support-agent"), "\(role.standardError)")

        try DefaultPolicies.roles.write(to: policies.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        #expect(try TresorProcess.run(["policy", "check", "--policies", policies.path]).exitCode == 0)
    }
}
