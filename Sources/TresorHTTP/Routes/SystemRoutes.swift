import Foundation
import Hummingbird

/// Health, readiness and the API description; no authentication.
enum SystemRoutes {
    static func add(to router: Router<TresorRequestContext>, openAPIDocument: String?) {
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        router.get("/readyz") { _, _ in JSONResponse.make(["status": "ready"]) }
        router.get("/openapi.yaml") { _, _ -> Response in
            guard let openAPIDocument else { throw Problem.notFound("this build has no OpenAPI document") }
            return Response(status: .ok, headers: [.contentType: "application/yaml"],
                            body: .init(byteBuffer: ByteBuffer(string: openAPIDocument)))
        }
    }
}
