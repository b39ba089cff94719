import AirmHTTP
import AirmSpec
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fake's `reset` fault over a plain TCP socket: the connection really ends with a TCP
/// reset (the reader sees ECONNRESET), where `stream_cut` ends it with a clean close.
@Suite struct FakeResetTests {
    static let streamedChat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true}"#

    @Test func resetBeforeTheAnswer() async throws {
        try await withFakeServer { port, http in
            _ = try await raw(http, port: port, "/_airm/faults", body: #"{"type":"reset","target":"*"}"#)
            let read = await RawSocket.exchange(port: port, body: Self.streamedChat)
            #expect(read.reset)
            #expect(read.bytes.isEmpty)
        }
    }

    @Test(arguments: [#"{"type":"reset","target":"*","after_tokens":2}"#, #"{"type":"reset","target":"*","after":"100ms"}"#])
    func resetIntoTheStream(_ fault: String) async throws {
        try await withFakeServer(FixedLatencyBehavior(tokenInterval: .milliseconds(20))) { port, http in
            _ = try await raw(http, port: port, "/_airm/faults", body: fault)
            let read = await RawSocket.exchange(port: port, body: Self.streamedChat)
            #expect(read.reset, "\(fault)")
            let text = String(decoding: read.bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200"), "\(fault): \(text)")
            #expect(!text.contains("[DONE]"))
        }
    }

    @Test func aStreamCutClosesCleanly() async throws {
        try await withFakeServer { port, http in
            _ = try await raw(http, port: port, "/_airm/faults", body: #"{"type":"stream_cut","target":"*","after_tokens":2}"#)
            let read = await RawSocket.exchange(port: port, body: Self.streamedChat)
            #expect(!read.reset)
            #expect(String(decoding: read.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        }
    }
}

/// One HTTP/1.1 request on a blocking socket, read until the peer ends the connection.
enum RawSocket {
    struct Read: Sendable {
        var bytes: [UInt8]
        /// The connection ended with ECONNRESET rather than a clean close.
        var reset: Bool
    }

    static func exchange(port: Int, body: String) async -> Read {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: blocking(port: port, body: body)) }
        }
    }

    private static func blocking(port: Int, body: String) -> Read {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return Read(bytes: [], reset: false) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return Read(bytes: [], reset: false) }
        var limit = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let request = Array(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                bytes += buffer[0..<count]
            } else {
                return Read(bytes: bytes, reset: count < 0 && errno == ECONNRESET)
            }
        }
    }
}
