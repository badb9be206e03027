/// What a client does with a response body that breaks the spec's schema for its status.
///
/// Every response is validated either way; the policy decides whether a violation costs the
/// caller the response.
public enum ValidationPolicy: Sendable, Hashable {
    /// The call fails with ``APIError/Kind/invalidResponse(_:)``, each violation named by
    /// its JSON pointer; nothing is delivered. For tests and pipelines that must notice the
    /// moment the service and the spec part ways.
    case strict
    /// The response is delivered wherever the Swift type can hold it, its violations beside
    /// it (``APIResponse/violations``, ``PageSequence/Iterator/violations``) and logged at
    /// `warning`. When the value cannot be decoded into the Swift type, the call fails with
    /// ``APIError/Kind/invalidResponse(_:)`` as under ``strict``: the violations say what broke.
    case report
}
