/// Supplies bearer tokens for the `Authorization` header.
public protocol TokenProvider: Sendable {
    /// A token to send. After a 401 the client asks once more with `refresh: true`, and a
    /// provider that can renew its token should then return a fresh one.
    func token(refresh: Bool) async throws -> String
}
