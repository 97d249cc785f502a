import Foundation
import Testing
import TresorCrypto

@Suite("Loading the master key")
struct MasterKeyFileTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func write(_ text: String, mode: Int, name: String = "master.key") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test("a key file saved by Tresor has mode 0600 and loads back to the same keys")
    func saveAndLoad() throws {
        let keyring = try MasterKeyring.generate().addingNewVersion()
        let path = directory.appendingPathComponent("master.key").path
        try MasterKeyFile.save(keyring, to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let loaded = try MasterKeyFile.read(path: path)
        #expect(loaded.versions == [1, 2])
        #expect(try loaded.key(version: 2) == keyring.key(version: 2))
    }

    @Test("a 0644 key file is refused with a message that says how to fix it")
    func worldReadableFileRefused() throws {
        let path = try write("1:\(Data(repeating: 7, count: 32).base64EncodedString())\n", mode: 0o644)
        let error = try #require(throws: MasterKeyError.self) { try MasterKeyFile.read(path: path) }
        #expect(error == .insecurePermissions(path: path, mode: 0o100644))
        #expect(error.description.contains("chmod 600 \(path)"))
        #expect(error.description.contains("644"))
        // Group-readable is refused too.
        let groupPath = try write("1:\(Data(repeating: 7, count: 32).base64EncodedString())\n", mode: 0o640, name: "group.key")
        #expect(throws: MasterKeyError.insecurePermissions(path: groupPath, mode: 0o100640)) { try MasterKeyFile.read(path: groupPath) }
    }

    @Test("a key of the wrong length is refused with the expected length and how to make one")
    func wrongLengthRefused() throws {
        let short = Data(repeating: 7, count: 16).base64EncodedString()
        let path = try write("1:\(short)\n", mode: 0o600)
        let error = try #require(throws: MasterKeyError.self) { try MasterKeyFile.read(path: path) }
        #expect(error == .wrongLength(source: path, version: 1, byteCount: 16))
        #expect(error.description.contains("exactly 32 bytes"))
        #expect(error.description.contains("openssl rand -base64 32"))

        let environmentError = try #require(throws: MasterKeyError.self) {
            try MasterKeyFile.load(environment: ["TRESOR_MASTER_KEY": short], defaultPath: path)
        }
        #expect(environmentError == .wrongLength(source: "TRESOR_MASTER_KEY", version: 1, byteCount: 16))
    }

    @Test("bad base64, a bad version, duplicates and an empty file each name the problem")
    func malformedKeyText() throws {
        #expect(throws: MasterKeyError.malformedLine(source: "t", line: 2, reason: "the key is not valid base64")) {
            try MasterKeyring.parse("# comment\n1:not base64!!\n", source: "t")
        }
        #expect(throws: MasterKeyError.malformedLine(source: "t", line: 1, reason: "the version must be a whole number from 1")) {
            try MasterKeyring.parse("x:\(Data(count: 32).base64EncodedString())", source: "t")
        }
        let key = Data(repeating: 1, count: 32).base64EncodedString()
        #expect(throws: MasterKeyError.duplicateVersion(source: "t", version: 1)) {
            try MasterKeyring.parse("1:\(key)\n\(key)\n", source: "t")
        }
        #expect(throws: MasterKeyError.empty(source: "t")) { try MasterKeyring.parse("# nothing\n\n", source: "t") }
    }

    @Test("the environment wins over the key file, and a missing file says how to create one")
    func sourcesInOrder() throws {
        let fileKey = Data(repeating: 1, count: 32)
        let environmentKey = Data(repeating: 2, count: 32)
        let path = try write("1:\(fileKey.base64EncodedString())\n", mode: 0o600)
        let otherPath = try write("3:\(fileKey.base64EncodedString())\n", mode: 0o600, name: "other.key")

        let fromEnvironment = try MasterKeyFile.load(environment: ["TRESOR_MASTER_KEY": environmentKey.base64EncodedString()], defaultPath: path)
        #expect(try fromEnvironment.key(version: 1) == SecureBytes(copying: environmentKey))
        let fromVariableFile = try MasterKeyFile.load(environment: ["TRESOR_MASTER_KEY_FILE": otherPath], defaultPath: path)
        #expect(fromVariableFile.versions == [3])
        let fromDefault = try MasterKeyFile.load(environment: [:], defaultPath: path)
        #expect(try fromDefault.key(version: 1) == SecureBytes(copying: fileKey))

        let missing = directory.appendingPathComponent("absent.key").path
        let error = try #require(throws: MasterKeyError.self) { try MasterKeyFile.load(environment: [:], defaultPath: missing) }
        #expect(error == .notFound(path: missing))
        #expect(error.description.contains("tresor init"))
    }
}
