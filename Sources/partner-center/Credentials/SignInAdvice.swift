import PartnerCenter

/// The tool's commands that fix a sign-in, added to the identity module's messages, which
/// say what to do ("sign in again") but name no program's commands.
enum SignInAdvice {
    /// The command that fixes `error`, in words; nil when no command does.
    static func command(for error: any Error) -> String? {
        if let error = error as? APIError {
            return error.hint == CachedTokenProvider.staleSignInHint ? "partner-center login" : nil
        }
        switch error as? TokenCacheError {
        case .corrupt?: return "partner-center logout --all, then partner-center login"
        case .notSignedIn?: return "partner-center login"
        default: return nil
        }
    }

    /// `error` as one line, followed by the command that fixes it in parentheses.
    static func describe(_ error: any Error) -> String {
        "\(error)" + (command(for: error).map { " (\($0))" } ?? "")
    }
}

/// The kept sign-in's tokens: a `CachedTokenProvider` whose token-cache errors name the
/// command that fixes them. The client reports a provider's error other than an `APIError`
/// by its description, inside a transport failure, where `Failure` no longer sees its type.
struct KeptSignInTokens: ScopedTokenProvider {
    let provider: any TokenProvider

    /// The same sign-in's tokens for another API's scopes, with the same advice.
    func provider(forScopes scopes: [String]) -> any TokenProvider {
        guard let scoped = provider as? any ScopedTokenProvider else { return self }
        return KeptSignInTokens(provider: scoped.provider(forScopes: scopes))
    }

    func token(refresh: Bool) async throws -> String {
        try await advising { try await provider.token(refresh: refresh) }
    }

    func token(replacing rejected: String) async throws -> String {
        try await advising { try await provider.token(replacing: rejected) }
    }

    /// What `body` returns; a token-cache error it throws as its advised description.
    private func advising(_ body: () async throws -> String) async throws -> String {
        do {
            return try await body()
        } catch let error as TokenCacheError {
            throw AdvisedError(description: SignInAdvice.describe(error))
        }
    }

    /// An error that is its description.
    struct AdvisedError: Error, CustomStringConvertible {
        let description: String
    }
}
