import Hummingbird

/// `GET /metrics`: the Prometheus exposition of the gateway's metrics (docs/serve.md "Metrics").
struct MetricsRoutes: RouteGroup {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        Self.add(to: router, metrics: services.observability.metrics)
    }

    static func add<Context: RequestContext>(to router: some RouterMethods<Context>, metrics: GatewayMetrics) {
        router.get("metrics") { request, _ in
            try QueryCheck.only(request)
            var buffer: [UInt8] = []
            buffer.reserveCapacity(8192)
            metrics.registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: GatewayMetrics.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
