import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import TresorCompliance
import TresorHTTP
import TresorJobs
import TresorService
import TresorStore

extension Deployment {
    /// The service a deployment's requests and jobs go through, with its policies and relay.
    public func service(store: any CustomerStore, configuration: ServerConfiguration) -> TresorService {
        let policies = configuration.policies
        let exporter = store.accessLog.signingKey.map {
            SubjectExporter(store: store, policies: policies, signingKey: $0, tresorVersion: configuration.tresorVersion, clock: clock)
        }
        return TresorService(store: store, residency: policies.residency, retention: policies.retention, email: configuration.mailRelay?.settings,
                             exporter: exporter, webhookDestinations: configuration.webhookDestinations, roles: policies.roles, clock: clock)
    }

    /// The background jobs of a deployment: access-log checkpoints and pruning, webhook and
    /// email delivery, and the retention job.
    public func jobs(store: any CustomerStore, service: TresorService, configuration: ServerConfiguration) -> [any Service] {
        let policies = configuration.policies
        var jobs: [any Service] = [
            AccessLogMaintenance(log: store.accessLog, retention: policies.retention, logger: Logger(label: "tresor.access-log"), clock: clock),
            WebhookDeliveryService(outbox: store.outbox, endpoints: store.webhookEndpoints, residency: policies.residency, roles: policies.roles,
                                   destinations: configuration.webhookDestinations, logger: Logger(label: "tresor.webhooks"), clock: clock),
            RetentionJob(service: service, logger: Logger(label: "tresor.retention")),
        ]
        if let relay = configuration.mailRelay {
            jobs.append(EmailDeliveryService(outbox: store.emails, client: relay.client, sender: relay.settings.sender, logger: Logger(label: "tresor.email"), clock: clock))
        }
        return jobs
    }

    /// Runs the deployment as `configuration.role` says until SIGINT or SIGTERM: the HTTP API,
    /// the background jobs, or both. `onRunning` is called once it is up, with the port the HTTP API
    /// listens on (nil for a worker, which has none).
    public func run(_ configuration: ServerConfiguration, store: any CustomerStore, metrics: PrometheusCollectorRegistry,
                    onRunning: @escaping @Sendable (_ port: Int?) async -> Void) async throws {
        let service = service(store: store, configuration: configuration)
        let jobs = configuration.role.runsJobs ? jobs(store: store, service: service, configuration: configuration) : []
        guard configuration.role.servesHTTP else {
            let group = ServiceGroup(configuration: .init(services: jobs.map { .init(service: $0) },
                                                          gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "tresor.worker")))
            await onRunning(nil)
            try await group.run()
            return
        }
        let app = buildApplication(service: service, apiKeys: store.apiKeys, idempotency: store.idempotency, policies: configuration.policies,
                                   host: configuration.host, port: configuration.port, limits: configuration.limits, openAPIDocument: configuration.openAPIDocument,
                                   metrics: metrics, services: jobs, onServerRunning: { port in await onRunning(port) })
        try await app.runService()
    }
}
