/// Cuts a server-sent-event byte stream short, as a `stream_cut` fault does. Pure.
public enum StreamCut {
    /// The bytes of the first `count` complete events (each up to and including its blank line).
    public static func prefix(_ stream: [UInt8], events count: Int) -> [UInt8] {
        prefix(stream, tokens: count) { _ in true }
    }

    /// The bytes up to the end of the `count`-th event that `isToken` accepts, dropping
    /// everything after it; non-token events before that point are kept.
    public static func prefix(_ stream: [UInt8], tokens count: Int,
                              isToken: (ServerSentEvent) -> Bool) -> [UInt8] {
        guard count > 0 else { return [] }
        var parser = ServerSentEventParser()
        var seen = 0
        var position = 0
        while position < stream.count {
            let end = nextLineEnd(in: stream, from: position)
            for event in parser.feed(stream[position..<end]) where isToken(event) {
                seen += 1
                if seen == count { return Array(stream[..<end]) }
            }
            position = end
        }
        return stream
    }

    /// The index just past the next LF (or the end).
    private static func nextLineEnd(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            index += 1
            if bytes[index - 1] == 0x0A { return index }
        }
        return index
    }
}
