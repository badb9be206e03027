extension APIClient.Configuration {
    /// Sleeps `duration` with the configuration's `sleep`; its failure (a cancelled task) is
    /// the call's cancellation.
    func wait(_ duration: Duration, context: CallContext) async throws(APIError) {
        do {
            try await sleep(duration)
        } catch {
            throw context.error(.cancelled)
        }
    }
}

extension Duration {
    /// The whole milliseconds of this duration, for logs.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// This duration rounded up to whole seconds, plus one: the whole-second backstop a
    /// transport gives FoundationNetworking (which truncates fractions) beyond a deadline kept
    /// elsewhere, and the longest silence of a server mid-body.
    var wholeSecondsBackstop: Double {
        (Double(components.seconds) + Double(components.attoseconds) / 1e18).rounded(.up) + 1
    }
}
