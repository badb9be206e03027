// swift-tools-version: 6.1
// Benchmarks for partner-center-swift, in their own package so the main build never pays
// for ordo-one/benchmark. Run with `swift package benchmark` from this folder (README.md).
import PackageDescription

/// A benchmark executable in `Benchmarks/NAME`, on ordo-one/benchmark and these products of
/// the main package.
func benchmark(_ name: String, using products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")] + products.map { .product(name: $0, package: "partner-center-swift") },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "partner-center-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "partner-center-swift", path: ".."),
        // The trait list replaces benchmark's defaults: MallocInterposer keeps the malloc
        // metrics without jemalloc; RuntimeInterposer (Swift 6.3 on Linux) is left out.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Response handling: plain decoding against parse + validate + decode, as the runtime does.
        benchmark("ResponseHandling", using: ["PartnerCenter", "APIRuntime", "PartnerCenterStub"]),
        // Billing export files: what the runtime does per record (gunzip, split, parse, validate).
        benchmark("ExportFiles", using: ["PartnerCenter", "APIRuntime", "PartnerCenterStub"]),
        // Streamed responses: peak memory of a 200 MB body through URLSessionHTTPTransport.stream.
        benchmark("Streaming", using: ["APIRuntime", "LocalHTTPServer"]),
    ],
    swiftLanguageModes: [.v6]
)
