// swift-tools-version: 6.1
// Benchmarks for partner-center-swift, in their own package so the main build never pays
// for ordo-one/benchmark. Run with `swift package benchmark` from this folder (README.md).
import PackageDescription

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
        .executableTarget(
            name: "ResponseHandling",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PartnerCenter", package: "partner-center-swift"),
                .product(name: "APIRuntime", package: "partner-center-swift"),
                .product(name: "PartnerCenterStub", package: "partner-center-swift"),
            ],
            path: "Benchmarks/ResponseHandling",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Billing export files: what the runtime does per record (gunzip, split, parse, validate).
        .executableTarget(
            name: "ExportFiles",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PartnerCenter", package: "partner-center-swift"),
                .product(name: "APIRuntime", package: "partner-center-swift"),
                .product(name: "PartnerCenterStub", package: "partner-center-swift"),
            ],
            path: "Benchmarks/ExportFiles",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Streamed responses: peak memory of a 200 MB body through URLSessionHTTPTransport.stream.
        .executableTarget(
            name: "Streaming",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "APIRuntime", package: "partner-center-swift"),
                .product(name: "LocalHTTPServer", package: "partner-center-swift"),
            ],
            path: "Benchmarks/Streaming",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
