import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ports for the servers tests start (`tresor serve`, relays, receivers).
public enum TestPorts {
    /// A loopback port free now: the kernel picks it for a socket bound to port 0, which is then
    /// closed for the server to take. Unlike a random number, it is never one another test or an
    /// outgoing connection holds at that moment.
    public static func free() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SpawnError(executable: "socket", code: errno) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw SpawnError(executable: "bind", code: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
