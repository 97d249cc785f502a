import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ports for tests that need one before anything listens on it.
///
/// Servers tests start (`tresor serve`, the SMTP relay, the webhook receiver) listen on port 0 and
/// name the port they took (`ServerProcess.listeningPort`): a port reserved here and taken later
/// can be taken first by someone else (an outgoing connection's ephemeral port), which once made
/// `tresor serve` fail with "Address already in use". Use this only for a port where nothing must
/// listen yet (a relay or receiver that is down, then started on it).
public enum TestPorts {
    /// A loopback port free now: the kernel picks it for a socket bound to port 0, which is then
    /// closed.
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
