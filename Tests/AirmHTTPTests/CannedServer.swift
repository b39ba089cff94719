#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A loopback HTTP server that answers every request with the same raw response, for
/// answers no well-behaved fake would send (hostile headers and bodies).
///
/// It listens on an ephemeral 127.0.0.1 port, reads each request head and body (by its
/// `content-length`), writes `response`, and closes the connection; with `holdsOpen`, it leaves
/// the connection open after `response` until `stop()`, as a server that stops sending mid-answer.
final class CannedServer: Sendable {
    let port: Int
    private let listener: Int32

    init(response: String, holdsOpen: Bool = false) throws {
        let listener = socket(AF_INET, Self.streamType, 0)
        guard listener >= 0 else { throw CannedServerError.socket }
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw CannedServerError.socket
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let bytes = Array(response.utf8)
        Thread.detachNewThread {
            var held: [Int32] = []
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 {
                    held.forEach { close($0) }
                    return
                }
                Self.readRequest(connection)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Self.sendFlags) }
                if holdsOpen { held.append(connection) } else { close(connection) }
            }
        }
    }

    /// Stops accepting; the serving thread ends at its next `accept`.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// A response of `status` (429 unless given) with `headers` and `body`, in HTTP/1.1.
    static func response(status: Int = 429, headers: [(String, String)], body: String) -> String {
        var text = "HTTP/1.1 \(status) Error\r\ncontent-type: application/json\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return text + "content-length: \(body.utf8.count)\r\nconnection: close\r\n\r\n" + body
    }

    private static func readRequest(_ connection: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            received += buffer[0..<count]
            let text = String(decoding: received, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { continue }
            let head = text[..<end.lowerBound].lowercased()
            let length = head.split(separator: "\r\n")
                .first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length { return }
        }
    }

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let streamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #endif
}

enum CannedServerError: Error { case socket }
