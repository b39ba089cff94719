import Hummingbird

/// `GET /metrics`: the Prometheus exposition of the gateway's metrics (docs/serve.md "Metrics").
public struct MetricsRoutes: Sendable {
    public let metrics: GatewayMetrics

    public init(metrics: GatewayMetrics) {
        self.metrics = metrics
    }

    public func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get("metrics") { _, _ in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(8192)
            metrics.registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: GatewayMetrics.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
