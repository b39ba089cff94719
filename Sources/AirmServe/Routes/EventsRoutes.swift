import AirmHTTP
import Hummingbird

/// `GET /events`: the dashboard's server-sent events (docs/serve.md "Dashboard").
///
/// The stream starts with a `snapshot` event, then carries every later event of the feed in
/// order; it ends when the client goes away or the feed finishes (shutdown).
struct EventsRoutes: RouteGroup {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        Self.add(to: router, feed: services.observability.feed)
    }

    static func add<Context: RequestContext>(to router: some RouterMethods<Context>, feed: LiveFeed) {
        router.get("events") { request, _ in
            try QueryCheck.only(request)
            let (snapshot, events) = await feed.subscribe()
            let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: snapshot.framed))
                for await event in events {
                    try await writer.write(ByteBuffer(bytes: event.framed))
                }
                try await writer.finish(nil)
            })
        }
    }
}
