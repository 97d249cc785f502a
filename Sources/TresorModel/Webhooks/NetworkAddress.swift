import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An IP address, judged as the destination of a webhook: Tresor sends personal data only to
/// public addresses, never into the network it runs in (loopback, private and link-local ranges,
/// cloud metadata services, addresses that embed any of these).
public struct NetworkAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 (IPv6), in network order.
    public let bytes: [UInt8]

    /// A literal in its standard form: dotted-decimal IPv4 (`192.0.2.1`) or IPv6 (`2001:db8::1`,
    /// with or without brackets). Legacy numeric forms (`2130706433`, `0x7f.1`, `127.1`) are not
    /// literals here; ``isLegacyNumericHost(_:)`` tells them apart from names.
    public init?(literal: String) {
        var text = literal
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4.s_addr) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// A host that the C library reads as an IPv4 address although it is not dotted decimal:
    /// one number (`2130706433`), hexadecimal or octal parts (`0x7f.0.0.1`, `0177.0.0.1`), or fewer
    /// than four parts (`127.1`). Such hosts hide loopback and private addresses from a reader.
    public static func isLegacyNumericHost(_ host: String) -> Bool {
        guard NetworkAddress(literal: host) == nil else { return false }
        var address = in_addr()
        return inet_aton(host, &address) != 0
    }

    public var isIPv4: Bool { bytes.count == 4 }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var copy = bytes
        let family = isIPv4 ? AF_INET : AF_INET6
        guard inet_ntop(family, &copy, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// What kind of non-public address this is, or nil for a public one.
    public var nonPublicKind: NonPublicKind? {
        isIPv4 ? Self.kind(ofIPv4: bytes) : kindOfIPv6
    }

    /// Why an address is not a public destination.
    public enum NonPublicKind: String, Sendable {
        case unspecified, loopback, privateNetwork = "private", sharedAddressSpace = "shared address space (carrier-grade NAT)"
        case linkLocal = "link-local", uniqueLocal = "unique-local", multicast, reserved, documentation
        case ipv4Mapped = "IPv4-mapped", ipv4Embedding = "IPv4-embedding (NAT64, 6to4 or IPv4-compatible)"
    }

    private static func kind(ofIPv4 b: [UInt8]) -> NonPublicKind? {
        switch (b[0], b[1], b[2]) {
        case (0, _, _): return .unspecified
        case (10, _, _): return .privateNetwork
        case (100, 64...127, _): return .sharedAddressSpace
        case (127, _, _): return .loopback
        case (169, 254, _): return .linkLocal
        case (172, 16...31, _): return .privateNetwork
        case (192, 0, 0): return .reserved
        case (192, 0, 2), (198, 51, 100), (203, 0, 113): return .documentation
        case (192, 168, _): return .privateNetwork
        case (198, 18...19, _): return .reserved
        case (224...239, _, _): return .multicast
        case (240...255, _, _): return .reserved
        default: return nil
        }
    }

    private var kindOfIPv6: NonPublicKind? {
        let b = bytes
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff { return .ipv4Mapped }
        if b[0..<12].allSatisfy({ $0 == 0 }) { return .ipv4Embedding }  // IPv4-compatible (deprecated)
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b { return .ipv4Embedding }  // 64:ff9b::/96, NAT64
        if b[0] == 0x20 && b[1] == 0x02 { return .ipv4Embedding }  // 2002::/16, 6to4
        if b[0] == 0xfe && (b[1] & 0xc0) == 0x80 { return .linkLocal }
        if (b[0] & 0xfe) == 0xfc { return .uniqueLocal }
        if b[0] == 0xff { return .multicast }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 { return .documentation }
        return nil
    }
}
