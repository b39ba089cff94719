/// An HTTP response built without calling a provider: what an injected fault answers with.
public struct SynthesizedResponse: Sendable, Equatable {
    public var status: Int
    /// Header names in lower case, in order.
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Lower-cased header names to values, as the wire formats read them.
    public var headerMap: WireHeaders {
        var map: WireHeaders = [:]
        for (name, value) in headers { map[name.lowercased()] = value }
        return map
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public static func == (lhs: SynthesizedResponse, rhs: SynthesizedResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
    }
}
