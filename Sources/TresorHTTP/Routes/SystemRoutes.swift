import Foundation
import Hummingbird
import Prometheus
import TresorStore

/// Health, readiness, metrics and the API description; no authentication, no personal data.
enum SystemRoutes {
    static func add(to router: Router<TresorRequestContext>, readiness: StoreReadiness, openAPIDocument: String?, metrics: PrometheusCollectorRegistry) {
        let buildInfo = MetricNameDescriptor(namespace: "tresor", metricName: "build", unitName: "info", helpText: "Tresor version")
        metrics.makeGauge(descriptor: buildInfo, labels: [("version", "0.1.0")]).set(to: 1.0)
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.emitToString())))
        }
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        // Liveness above; readiness: the store can commit a write and none failed on storage lately.
        router.get("/readyz") { _, _ -> Response in
            guard let fault = await readiness.check() else { return JSONResponse.make(["status": "ready"]) }
            return JSONResponse.make(["status": "unavailable", "reason": fault.kind.rawValue], status: .serviceUnavailable,
                                     headers: [.retryAfter: String(fault.retryAfterSeconds)])
        }
        router.get("/openapi.yaml") { _, _ -> Response in
            guard let openAPIDocument else { throw Problem.notFound("this build has no OpenAPI document") }
            return Response(status: .ok, headers: [.contentType: "application/yaml"],
                            body: .init(byteBuffer: ByteBuffer(string: openAPIDocument)))
        }
    }
}
