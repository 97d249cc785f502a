import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to a loopback port driven byte by byte: for tests of what a server does with
/// slow or surplus clients.
public final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32

    public init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SpawnError(executable: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            close(descriptor)
            throw SpawnError(executable: "connect", code: errno)
        }
    }

    /// Sends `text`; false when the server has closed the connection.
    @discardableResult
    public func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Waits up to `milliseconds` for the server to send or close; true when it closed (or reset)
    /// the connection. What it sent is read and dropped.
    public func closedByServer(within milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let received = recv(descriptor, &buffer, buffer.count, 0)
        return received <= 0
    }

    /// Sends `text` one byte per `interval` until the server closes the connection or `limit`
    /// passes; returns the seconds from the first byte to the close, or nil if it stayed open.
    public func trickle(_ text: String, interval: Int32 = 1_000, limit: TimeInterval = 20) -> TimeInterval? {
        let start = Date()
        var remaining = Substring(text)
        while Date().timeIntervalSince(start) < limit {
            if let byte = remaining.first {
                remaining = remaining.dropFirst()
                guard send(String(byte)) else { return Date().timeIntervalSince(start) }
            }
            if closedByServer(within: interval) { return Date().timeIntervalSince(start) }
        }
        return nil
    }

    deinit {
        close(descriptor)
    }
}
