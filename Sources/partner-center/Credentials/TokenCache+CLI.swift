import PartnerCenter

extension TokenCache {
    /// The tool's token cache, where `login` keeps its sign-in:
    /// `$XDG_CONFIG_HOME/partner-center/credentials.json`, else
    /// `~/.config/partner-center/credentials.json`.
    /// - Throws: `TokenCacheError.noConfigDirectory` when neither variable names a directory.
    static func partnerCenter(_ environment: [String: String]) throws(TokenCacheError) -> TokenCache {
        try TokenCache(application: "partner-center", environment: environment)
    }
}
