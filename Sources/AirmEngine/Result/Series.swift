import AirmSpec

/// The run's time series: buckets of `bucketMs` (1 s, growing so that a run has at most 600).
public struct Series: Sendable, Codable, Equatable {
    /// One bucket. Requests are counted in the bucket of their scheduled arrival, attempts in the bucket they started.
    public struct Bucket: Sendable, Codable, Equatable {
        public struct ProviderCounts: Sendable, Codable, Equatable {
            public var calls = 0
            public var successes = 0
            public var rejected = 0
            public var errors: [String: Int] = [:]
            /// The breaker's state at the bucket's end.
            public var state: String = "closed"
            public init() {}
        }

        public var startMs: Double
        public var ok = 0
        public var fallback = 0
        public var degraded = 0
        public var failed = 0
        public var dropped = 0
        /// p50, p95, p99 and max of end-to-end latency of the bucket's requests, in ms.
        public var latencyMs = BucketLatency()
        public var providers: [String: ProviderCounts] = [:]

        enum CodingKeys: String, CodingKey {
            case ok, fallback, degraded, failed, dropped, providers
            case startMs = "start_ms"
            case latencyMs = "latency_ms"
        }

        public init(startMs: Double) { self.startMs = startMs }
    }

    public struct BucketLatency: Sendable, Codable, Equatable {
        public var p50: Double = 0
        public var p95: Double = 0
        public var p99: Double = 0
        public var max: Double = 0
        public init(p50: Double = 0, p95: Double = 0, p99: Double = 0, max: Double = 0) {
            self.p50 = p50
            self.p95 = p95
            self.p99 = p99
            self.max = max
        }
    }

    public var bucketMs: Double
    public var buckets: [Bucket]

    enum CodingKeys: String, CodingKey {
        case buckets
        case bucketMs = "bucket_ms"
    }

    public init(bucketMs: Double, buckets: [Bucket]) {
        self.bucketMs = bucketMs
        self.buckets = buckets
    }
}
