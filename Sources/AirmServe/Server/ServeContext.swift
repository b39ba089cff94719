import Hummingbird
import NIOCore

/// The request context of `airm serve`: Hummingbird's core context and the client's address,
/// which the `/ai` rate limit counts by.
public struct ServeContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client, as the rate limit counts it: its IP address, without the port.
    var client: String { remoteAddress?.ipAddress ?? "unknown" }
}
