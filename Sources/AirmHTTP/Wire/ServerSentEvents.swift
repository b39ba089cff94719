/// One server-sent event: an optional `event:` type and the joined `data:` lines.
public struct ServerSentEvent: Sendable, Equatable {
    public var event: String?
    public var data: String

    public init(event: String? = nil, data: String) {
        self.event = event
        self.data = data
    }

    /// The event framed for the wire: `event: <type>` when set, one `data: ` line per line
    /// of data (exactly one space after the colon), then a blank line.
    public var framed: [UInt8] {
        var text = ""
        if let event { text += "event: \(event)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        text += "\n"
        return Array(text.utf8)
    }
}

/// An incremental server-sent-events parser: feed it bytes as they arrive, get complete events.
///
/// Follows the HTML living standard's event-stream rules: lines end in LF, CR or CRLF; a line
/// starting with `:` is a comment (keep-alive); `data:` may be followed by one optional space;
/// an event is dispatched at a blank line and only when it carried data.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var lastWasCR = false
    private var eventType: String?
    private var dataLines: [String] = []
    private var hasData = false

    public init() {}

    /// Consumes a chunk of bytes and returns the events it completed, in order.
    public mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if lastWasCR {
                lastWasCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A:
                if let event = endLine() { events.append(event) }
            case 0x0D:
                lastWasCR = true
                if let event = endLine() { events.append(event) }
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Bytes received after the last complete line, which a cut stream leaves behind.
    public var hasPartialEvent: Bool { !line.isEmpty || hasData }

    // MARK: - Lines

    private mutating func endLine() -> ServerSentEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "data":
            dataLines.append(String(value))
            hasData = true
        case "event":
            eventType = String(value)
        default:
            break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            eventType = nil
            dataLines = []
            hasData = false
        }
        guard hasData else { return nil }
        return ServerSentEvent(event: eventType, data: dataLines.joined(separator: "\n"))
    }
}
