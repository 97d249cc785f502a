import ArgumentParser
import Foundation
import Metrics
import Prometheus
import TresorCompliance
import TresorDeployment
import TresorHTTP
import TresorService

/// `tresor serve`: the HTTP API, the background jobs, or both (`--role`).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API and the background jobs (initialising the data directory on first start).",
        discussion: """
            Stops gracefully on SIGINT or SIGTERM. Refuses to start when policies/residency.yaml names a \
            storage region outside the EU/EEA.

            --role api runs the HTTP API only (emails and webhook events are queued); --role worker runs \
            the background work only (webhook and email delivery, the retention job, access-log \
            checkpoints and pruning); the default, all, runs both. Several API processes can share one \
            worker on the same data.

            Examples:
              tresor serve
              tresor serve --host 0.0.0.0 --port 9000 --data-dir /srv/tresor
              tresor serve --role api --port 8080   and beside it   tresor serve --role worker
              TRESOR_SMTP_USERNAME=tresor TRESOR_SMTP_PASSWORD_FILE=/run/secrets/smtp \\
                tresor serve --smtp-host smtp.example.eu --smtp-sender 'Shop <noreply@shop.example>' --smtp-country de
            """
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var policies: PolicyOptions
    @OptionGroup(title: "Email") var mail: MailRelayOptions

    @Option(help: "Address to listen on (default: $TRESOR_HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default: $TRESOR_PORT or 8080); 0 lets the system choose one, which the start-up line names.")
    var port: Int?

    @Flag(name: .customLong("allow-loopback-webhooks"),
          help: "Development only: let webhook endpoints use plain http to a receiver on this machine (loopback addresses).")
    var allowLoopbackWebhooks = false

    @Option(help: "Seconds a client has to send a request's headers (also how long an idle connection stays open); 1 to 300.")
    var headerTimeout = 10

    @Option(help: "Seconds a client has to send a request's body once its headers arrived; 1 to 3600.")
    var bodyTimeout = 30

    @Option(help: "Most connections open at once; one more is closed when accepted. 1 to 100000.")
    var maxConnections = 1_024

    @Option(help: "What this process runs: api (the HTTP API), worker (deliveries, retention, access-log checkpoints) or all.")
    var role: ServerRole = .all

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let policySet = try PolicySet.load(directory: PolicySet.directory(option: policies.directory, environment: environment))
        try policySet.residency.checkStorageRegion()
        for undeclared in policySet.undeclaredPurposes { Console.error("warning: \(undeclared); `tresor policy check` fails until it is") }
        let relay = try mail.relay(residency: policySet.residency).map { MailRelay(client: $0.client, settings: $0.settings) }
        let host = self.host ?? environment["TRESOR_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        guard let port = self.port ?? Int(environment["TRESOR_PORT"] ?? "8080"), (0...65_535).contains(port) else {
            throw ValidationError("--port must be 0 to 65535")
        }

        // Before the store opens: it makes its storage-failure counters when it opens.
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        guard (1...300).contains(headerTimeout) else { throw ValidationError("--header-timeout must be 1 to 300 seconds") }
        guard (1...3_600).contains(bodyTimeout) else { throw ValidationError("--body-timeout must be 1 to 3600 seconds") }
        guard (1...100_000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1 to 100000") }
        let limits = ConnectionLimits(headerTimeout: .seconds(headerTimeout), bodyTimeout: .seconds(bodyTimeout), maximumConnections: maxConnections)
        let deployment = Deployment(directory: data.url)
        if !deployment.isInitialised {
            let created = try await deployment.initialise()
            Console.out("Initialised \(deployment.directory.path)")
            try announceFirstKey(id: created.keyID, secret: created.secret, in: deployment.directory)
            for warning in created.warnings { Console.error("warning: \(warning)") }
        }
        let retention = policySet.retention
        let store = try await deployment.openStore(checkpoints: .init(entries: retention.checkpointEveryEntries, seconds: retention.checkpointEverySeconds))
        let conflicts = try await store.emailIndexConflicts()
        if !conflicts.isEmpty {
            Console.error("warning: \(conflicts.count) customer(s) share an email address with an earlier customer once addresses are "
                          + "normalised (Docs/crypto.md); look them up by id and change or merge them: "
                          + conflicts.map(\.lowercaseText).joined(separator: ", "))
        }
        let configuration = ServerConfiguration(
            policies: policySet, mailRelay: relay, role: role, webhookDestinations: allowLoopbackWebhooks ? .development : .production,
            host: host, port: port, limits: limits, openAPIDocument: OpenAPIDocument.text(), tresorVersion: TresorVersion.current)
        try await deployment.run(configuration, store: store, metrics: metrics) { [role, directory = deployment.directory.path, source = policySet.source] listening in
            switch role {
            case .worker: Console.out("Tresor worker running: deliveries, retention, access-log checkpoints (data: \(directory), policies: \(source))")
            case .api, .all: Console.out("Tresor listening on http://\(host):\(listening ?? port) (data: \(directory), policies: \(source), role: \(role.rawValue))")
            }
        }
        try store.close()
    }
}

extension ServeCommand {
    /// The name of the file the first admin key goes to when standard output is not a terminal.
    static let firstKeyFileName = "initial-admin-key"

    /// Shows the first admin key: on a terminal, printed once; otherwise (a service manager, a
    /// pipe: output that ends up in a journal or a log file) written to a file only its owner can
    /// read, and the output says where.
    func announceFirstKey(id: String, secret: String, in directory: URL) throws {
        guard isatty(STDOUT_FILENO) == 0 else {
            Console.out("Admin API key (\(id)), shown only now:\n  \(secret)")
            return
        }
        let file = directory.appendingPathComponent(Self.firstKeyFileName)
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ValidationError("cannot create \(file.path) for the first admin key") }
        defer { close(descriptor) }
        let bytes = Array((secret + "\n").utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            throw ValidationError("cannot write the first admin key to \(file.path)")
        }
        Console.out("Admin API key (\(id)) written to \(file.path) (mode 0600): read it, store it in a secret manager, delete the file")
    }
}

/// Unbuffered output, so a supervisor or a test reading a pipe sees lines as they happen.
enum Console {
    static func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    static func error(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

/// The OpenAPI document served at `/openapi.yaml`: `Docs/openapi.yaml` from the working directory
/// or `$TRESOR_OPENAPI`, when present.
enum OpenAPIDocument {
    static func text(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = environment["TRESOR_OPENAPI"].flatMap { $0.isEmpty ? nil : $0 } ?? "Docs/openapi.yaml"
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}
