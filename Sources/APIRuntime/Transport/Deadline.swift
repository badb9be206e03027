/// The result of `work`, or ``HTTPTransportError/timedOut`` once `timeout` has passed (and
/// `work` is cancelled): a transport's bound on the wait for a response.
func withDeadline<T: Sendable>(_ timeout: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() ?? nil else { throw HTTPTransportError.timedOut }
        return result
    }
}
