import Foundation
import Hummingbird
import TresorModel

/// JSON responses in Tamio's envelope: `{"status": 200, …payload}`.
enum JSONResponse {
    static func make(_ object: [String: Any], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let data = JSONWriter.data(object)
        var headers = headers
        if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// A whole, unpaged list in the success envelope: `object` `list`, `data`, `has_more` false.
    static func list(_ items: [[String: Any]]) -> Response {
        envelope(["object": "list", "data": items, "has_more": false])
    }

    /// Tamio's success envelope with `payload` merged in.
    static func envelope(_ payload: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var object = payload
        object["status"] = status.code
        return make(object, status: status)
    }
}
