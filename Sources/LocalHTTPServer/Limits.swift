extension LocalHTTPServer {
    /// What one client may take of the server: sizes, counts and times. The defaults are far
    /// above what the stub and the tests need and low enough that no client can exhaust the
    /// process (memory, threads, descriptors) or hold a worker forever.
    public struct Limits: Sendable, Hashable {
        /// The largest request head (request line and header fields); over it: 431.
        public var maximumHeadBytes: Int
        /// The most header fields in one request; over it: 431.
        public var maximumHeaderCount: Int
        /// The largest request body; over it: 413.
        public var maximumBodyBytes: Int
        /// Open connections at once; one more is answered 503 and closed.
        public var maximumConnections: Int
        /// Threads running the handler at once; further complete requests wait for one.
        public var maximumWorkers: Int
        /// Requests one connection may carry (keep-alive) before the server closes it.
        public var maximumRequestsPerConnection: Int
        /// How long a request may take to arrive, from its first byte to its last: a client
        /// that trickles bytes is answered 408 and closed.
        public var requestTimeout: Duration
        /// How long a connection may stay open with no request on it, before the first and
        /// between two (keep-alive); then it is closed.
        public var idleTimeout: Duration
        /// How long writing one response may block on a client that does not read.
        public var writeTimeout: Duration

        public init(
            maximumHeadBytes: Int = 64 * 1024, maximumHeaderCount: Int = 100, maximumBodyBytes: Int = 8 * 1024 * 1024,
            maximumConnections: Int = 512, maximumWorkers: Int = 64, maximumRequestsPerConnection: Int = 1_000,
            requestTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(15), writeTimeout: Duration = .seconds(10)
        ) {
            self.maximumHeadBytes = maximumHeadBytes
            self.maximumHeaderCount = maximumHeaderCount
            self.maximumBodyBytes = maximumBodyBytes
            self.maximumConnections = maximumConnections
            self.maximumWorkers = maximumWorkers
            self.maximumRequestsPerConnection = maximumRequestsPerConnection
            self.requestTimeout = requestTimeout
            self.idleTimeout = idleTimeout
            self.writeTimeout = writeTimeout
        }
    }
}
