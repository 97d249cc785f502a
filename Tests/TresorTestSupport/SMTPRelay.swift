import Foundation

/// A real SMTP server (`Tests/interop/smtp_relay.py`, aiosmtpd) on loopback, and the messages it
/// accepted, as Python's email package parsed them.
public final class SMTPRelay: @unchecked Sendable {
    public let port: Int
    public let directory: URL
    private let process: ServerProcess

    /// Starts the relay on a port the system chooses; `arguments` are its options (`--tls CERT KEY`,
    /// `--auth USER:PASSWORD`, `--reject ADDRESS:CODE`).
    public init(directory: URL, arguments: [String] = []) throws {
        self.directory = directory
        process = try ServerProcess(try PythonTools.python, [ChildProcess.testsFile("interop/smtp_relay.py"), "0", directory.path] + arguments,
                                    environment: ProcessInfo.processInfo.environment, readyLine: "relay listening")
        port = try process.listeningPort
    }

    /// Every message accepted so far, in order.
    public func messages() -> [[String: Any]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
            return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
    }

    /// Stops the relay (SIGKILL: Python children inherit a blocked SIGTERM).
    public func stop() {
        process.kill(SIGKILL)
    }

    /// A self-signed certificate for 127.0.0.1 and its key, made with the openssl command.
    public static func makeCertificate(in directory: URL) throws -> (certificate: String, key: String) {
        let certificate = directory.appendingPathComponent("relay-cert.pem").path
        let key = directory.appendingPathComponent("relay-key.pem").path
        let result = try ChildProcess.run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                                      "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
                                                      "-addext", "subjectAltName=IP:127.0.0.1"])
        guard result.exitCode == 0 else { throw ServerProcessError.exited(result.standardError) }
        return (certificate, key)
    }
}
