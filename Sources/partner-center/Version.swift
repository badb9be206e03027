/// The package's version, the one source of truth for `partner-center --version`.
///
/// To release: bump it here (semantic versioning: 0.MINOR.PATCH until the API is stable),
/// commit, and tag the commit with the same text (`git tag 0.2.0`).
enum PackageVersion {
    static let current = "0.1.0"
}
