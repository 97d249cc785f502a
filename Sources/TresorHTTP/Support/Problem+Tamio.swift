import Hummingbird

/// Errors as Tamio answers them, for keys in Tamio compatibility mode (Docs/api.md
/// "Compatibility mode"): HTTP 400 with `{status, error, error_code}`.
extension Problem {
    /// Whether a key in Tamio mode gets this problem as a 400: every client error but 401
    /// (Tamio's own answer for a bad key) and 429 (a client must wait, whatever it expects).
    /// Server errors keep their status, and 503 its `Retry-After`, so that clients retry.
    var becomesBadRequestForTamio: Bool {
        (400..<500).contains(status.code) && status != .unauthorized && status != .tooManyRequests
    }

    /// Tamio's error body. `error_code` is Tamio's code where Tamio has one (1002 not found,
    /// 10142 and 10082 duplicate email); otherwise the status Tresor would have answered (422
    /// invalid field, 403 missing scope, 409 wrong state, 404 no such endpoint, 405 wrong method),
    /// so that nothing Tresor knows is lost. Headers such as `Allow` are kept.
    func tamioResponse() -> Response {
        let body: [String: Any] = ["status": 400, "error": detail, "error_code": errorCode ?? status.code]
        var headers = self.headers
        headers[.contentType] = "application/json"
        return JSONResponse.make(body, status: .badRequest, headers: headers)
    }
}
