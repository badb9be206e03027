// The PartnerCenter library: everything else in this module is generated at build time
// from spec/*.yaml by the SpecCodegenPlugin (see spec/README.md).

// The runtime's types (APIError, TokenProvider, APIClient, PageSequence, JSONValue) and the
// identity module's (RefreshTokenProvider, CachedTokenProvider, TokenCache, DeviceCodeFlow)
// are part of this library's API, so a user needs only `import PartnerCenter`.
@_exported import APIIdentity
@_exported import APIRuntime
