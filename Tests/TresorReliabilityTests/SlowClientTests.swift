import Foundation
import Testing
import TresorTestSupport

/// Slow and surplus clients against a real `tresor serve` with short limits.
@Suite("reliability: slow clients")
struct SlowClientTests {
    @Test("headers sent a byte a second: closed after the header timeout; a trickled body: closed after the body timeout; one connection over the limit: closed at once")
    func limits() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-slow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        _ = try TresorProcess.initialise(data)
        let server = try TresorProcess.serve(data, arguments: ["--header-timeout", "2", "--body-timeout", "5", "--max-connections", "3"])
        defer { server.kill(SIGTERM) }
        let port = try server.listeningPort

        let headers = try RawConnection(port: port)
        let headersClosed = try #require(headers.trickle("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + String(repeating: "a", count: 60)),
                                         "still open after 20 s of trickled headers")
        #expect((1.5...4.5).contains(headersClosed), "closed after \(headersClosed) s, the header timeout is 2 s")

        let body = try RawConnection(port: port)
        #expect(body.send("POST /v2/customers/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"))
        let bodyClosed = try #require(body.trickle(String(repeating: " ", count: 60)), "still open after 20 s of trickled body")
        #expect((4.0...9.0).contains(bodyClosed), "closed after \(bodyClosed) s, the body timeout is 5 s")

        // Three connections are the limit: a fourth is closed as soon as it is accepted, and a
        // request still works once one of the three has gone.
        // Each held connection has had its answer (so the server has counted it) before the next.
        var held: [RawConnection] = []
        for _ in 0..<3 {
            let connection = try RawConnection(port: port)
            #expect(connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
            #expect(!connection.closedByServer(within: 2_000), "a connection under the limit was refused")
            held.append(connection)
        }
        let surplus = try RawConnection(port: port)
        #expect(surplus.closedByServer(within: 1_000), "a fourth connection stayed open")
        held.removeLast()
        try await Task.sleep(for: .milliseconds(200))
        let admitted = try RawConnection(port: port)
        #expect(admitted.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        #expect(!admitted.closedByServer(within: 1_000), "a connection under the limit was refused")
        _ = held
    }
}
