/// A fixed access token, e.g. one a program reads from its environment.
public struct StaticTokenProvider: TokenProvider, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    /// Uses `token` for every request.
    public init(_ token: String) {
        self.value = token
    }

    public func token(refresh: Bool) async throws -> String { value }

    /// A fixed token is what it is: a 401 is final.
    public var canRefresh: Bool { false }

    /// Never shows the token.
    public var description: String { "StaticTokenProvider(token: <redacted>)" }
    public var debugDescription: String { description }

    /// `dump` and debuggers show no token either.
    public var customMirror: Mirror { Mirror(self, children: ["token": "<redacted>"]) }
}
