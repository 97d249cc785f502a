import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import TresorCompliance
import TresorService
import TresorStore

/// Builds the HTTP application, the one way `tresor serve` and the tests get it.
///
/// - Parameters:
///   - service: the operations behind every endpoint.
///   - apiKeys: where bearer tokens are checked.
///   - idempotency: where `Idempotency-Key` responses are remembered (off when nil).
///   - policies: roles (for authorization) and residency.
///   - host, port: where to listen; port 0 lets the system choose a free port.
///   - limits: header and body timeouts and the most connections open at once.
///   - openAPIDocument: served at `/openapi.yaml` when given.
///   - metrics: served at `/metrics` in Prometheus's text format. Request counts and durations are
///     labelled by method and route pattern (never by the raw path, which could hold an id).
///   - services: background services run beside the server (access-log maintenance, deliveries).
///   - onServerRunning: called once the server accepts connections, with the port it listens on.
public func buildApplication(
    service: TresorService, apiKeys: APIKeyStore, idempotency: IdempotencyStore? = nil, policies: PolicySet,
    host: String = "127.0.0.1", port: Int = 8080, limits: ConnectionLimits = ConnectionLimits(),
    openAPIDocument: String? = nil, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    services: [any Service] = [],
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in },
    logger: Logger = Logger(label: "tresor")
) -> some ApplicationProtocol {
    let router = buildRouter(service: service, apiKeys: apiKeys, idempotency: idempotency, policies: policies,
                             openAPIDocument: openAPIDocument, metrics: metrics)
    return Application(router: router, server: limits.server(), configuration: .init(address: .hostname(host, port: port), serverName: "Tresor"),
                       services: services, onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) }, logger: logger)
}

/// Every route of the API with its middleware: what ``buildApplication`` serves, and what a test
/// enumerates (`router.routes`) to check that each route is covered.
public func buildRouter(
    service: TresorService, apiKeys: APIKeyStore, idempotency: IdempotencyStore? = nil, policies: PolicySet,
    openAPIDocument: String? = nil, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) -> Router<TresorRequestContext> {
    let router = Router(context: TresorRequestContext.self)
    let routeMethods = RouteMethodsBox()
    // Metrics outside problem details, so that they count the status actually answered.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware(routes: routeMethods, apiKeys: apiKeys))
    SystemRoutes.add(to: router, readiness: service.readiness, openAPIDocument: openAPIDocument, metrics: metrics)

    let authentication = AuthenticationMiddleware(apiKeys: apiKeys, roles: policies.roles, purposes: Set(policies.processing.purposes.map(\.id)),
                                                  failures: AuthenticationFailures(metrics: metrics, clock: { [clock = service.clock] in clock.seconds }))
    var api = router.group("v2").add(middleware: authentication)
    if let idempotency { api = api.add(middleware: IdempotencyMiddleware(store: idempotency)) }
    let customers = api.group("customers")
    CustomerRoutes(service: service).add(to: customers)
    BulkRoutes(service: service).add(to: customers)
    LeadRoutes(service: service).add(to: api.group("leads"))
    let emails = EmailRoutes(service: service)
    emails.addSending(to: customers)
    emails.addTemplates(to: api.group("email-templates"))
    emails.addRecords(to: api.group("emails"))
    let groups = GroupRoutes(service: service)
    groups.addAddresses(to: customers)
    groups.addMailingLists(to: api.group("mailing-lists"))
    groups.addTeammates(to: api.group("teammates"))
    AuditRoutes(service: service).add(to: api.group("audit"))
    APIKeyRoutes(service: service).add(to: api.group("api-keys"))
    WebhookRoutes(service: service).add(to: api.group("webhook-endpoints"))
    ExportRoutes(service: service, jobs: ExportJobs(clock: service.clock)).add(to: api.group("compliance/exports"))
    let erasure = ErasureRoutes(service: service, processing: policies.processing)
    erasure.add(to: api.group("compliance/erasure-requests"))
    erasure.addCertificates(to: api.group("compliance/erasure-certificates"))
    let holds = HoldRoutes(service: service)
    holds.addCustomerHolds(to: customers)
    holds.addCompliance(to: api.group("compliance/holds"))
    routeMethods.set(from: router)
    return router
}
