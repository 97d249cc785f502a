import NIOCore

/// One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines. A multi-line reply
/// (`250-…` lines ending with `250 …`) arrives as one value.
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx and 3xx: the command was accepted (3xx: send more).
    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: the server may accept the same command later.
    public var isTransient: Bool { (400..<500).contains(code) }

    /// The code and, when the server sent one, the enhanced status code (RFC 3463), e.g.
    /// `450 4.2.1`. The free text is left out: servers echo addresses in it, and this summary is
    /// stored and logged.
    public var summary: String {
        guard let first = lines.first?.split(separator: " ").first, Self.isEnhancedStatus(first) else { return String(code) }
        return "\(code) \(first)"
    }

    static func isEnhancedStatus(_ token: Substring) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

/// Decodes the server's byte stream into ``SMTPReply`` values: lines end with CRLF (a bare LF is
/// tolerated), and continuation lines (`code-text`) are gathered until the last (`code text`).
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    /// A longer line means the peer is not an SMTP server (RFC 5321 allows 512 octets).
    static let maximumLineLength = 4_096

    private var pending: [String] = []
    private var pendingCode: Int?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPError.protocolViolation("reply line too long") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200..<600).contains(code),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else { throw SMTPError.protocolViolation("malformed reply line") }
        if let pendingCode, pendingCode != code { throw SMTPError.protocolViolation("reply code changed within a multi-line reply") }
        pending.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") {
            pendingCode = code
        } else {
            context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: pending)))
            pending = []
            pendingCode = nil
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
