import Foundation
import Hummingbird
import Prometheus

/// Health, readiness, metrics and the API description; no authentication, no personal data.
enum SystemRoutes {
    static func add(to router: Router<TresorRequestContext>, openAPIDocument: String?, metrics: PrometheusCollectorRegistry) {
        let buildInfo = MetricNameDescriptor(namespace: "tresor", metricName: "build", unitName: "info", helpText: "Tresor version")
        metrics.makeGauge(descriptor: buildInfo, labels: [("version", "0.1.0")]).set(to: 1.0)
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.emitToString())))
        }
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        router.get("/readyz") { _, _ in JSONResponse.make(["status": "ready"]) }
        router.get("/openapi.yaml") { _, _ -> Response in
            guard let openAPIDocument else { throw Problem.notFound("this build has no OpenAPI document") }
            return Response(status: .ok, headers: [.contentType: "application/yaml"],
                            body: .init(byteBuffer: ByteBuffer(string: openAPIDocument)))
        }
    }
}
