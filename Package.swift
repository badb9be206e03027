// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "partner-center-swift",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PartnerCenter", targets: ["PartnerCenter"]),
        .library(name: "APIRuntime", targets: ["APIRuntime"]),
        // Microsoft Entra sign-in: token providers, the device-code flow, the token cache.
        .library(name: "APIIdentity", targets: ["APIIdentity"]),
        // Test seams for code that uses a client: a mock transport and a fault-injecting one.
        .library(name: "APIRuntimeTesting", targets: ["APIRuntimeTesting"]),
        // The local Partner Center stand-in, for testing your own code against it.
        .library(name: "PartnerCenterStub", targets: ["PartnerCenterStub"]),
        // The loopback HTTP/1.1 server under the stub, for tests and benchmarks of your own.
        .library(name: "LocalHTTPServer", targets: ["LocalHTTPServer"]),
        .executable(name: "partner-center", targets: ["partner-center"]),
        .executable(name: "spec-codegen", targets: ["spec-codegen"]),
        .plugin(name: "SpecCodegenPlugin", targets: ["SpecCodegenPlugin"]),
    ],
    traits: [
        // A span per call and per attempt through apple/swift-distributed-tracing. Off by
        // default: it adds about 5 s to a clean build on 2 cores.
        .trait(
            name: "DistributedTracing",
            description: "A span per call and per attempt through apple/swift-distributed-tracing, and the trace context in each request"
        ),
        // AsyncHTTPClientHTTPTransport, on swift-server/async-http-client (SwiftNIO). Off by
        // default: without it nothing of NIO is fetched or built.
        .trait(
            name: "AsyncHTTPClientTransport",
            description: "AsyncHTTPClientHTTPTransport: the runtime's transport on swift-server/async-http-client (SwiftNIO)"
        ),
        // The `partner-center` command line tool's swift-argument-parser. On by default, so
        // `swift run partner-center` works in a checkout; a package that uses only the
        // libraries and the plugin declares `traits: []` (or the traits it wants), and SwiftPM
        // then leaves swift-argument-parser out of its graph: nothing of it is fetched, and
        // its two plugins are not compiled and checked on each build (about 1 s of every
        // rebuild after a spec edit).
        .trait(
            name: "CommandLineTool",
            description: "The partner-center executable's swift-argument-parser; leave it off in a package that uses only the libraries"
        ),
        .default(enabledTraits: ["CommandLineTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The runtime's logging (a `Logger` in the client's configuration, silent by default).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Only with the DistributedTracing trait: the runtime's spans.
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // Only with the AsyncHTTPClientTransport trait.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // `swift package generate-documentation --target PartnerCenter`; builds nothing unless run.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // libyaml, from the system (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // zlib, from the system (Debian: zlib1g-dev): gunzip for the runtime's export files.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // Shims for libcurl's variadic setopt (no libcurl header needed): the
        // runtime's streamed transfers on Linux call the libcurl that FoundationNetworking links.
        .systemLibrary(name: "CCurl"),
        // The names JSON Schema's vocabulary gives (types, string formats): one definition for
        // the spec loader, the generator and the runtime's validator.
        .target(name: "SchemaVocabulary"),
        // JSON values kept as written (numbers as their literals, members in order) and their
        // writer: one model for the generator and the runtime.
        .target(name: "JSONValues", dependencies: ["SchemaVocabulary"]),
        // What the spec loader reads and the runtime follows alike (paging, jobs): one
        // definition of each, no dependencies.
        .target(name: "APIDescription", dependencies: ["JSONValues", "SchemaVocabulary"]),
        // YAML with positions → validated spec model, or diagnostics.
        .target(name: "SpecKit", dependencies: ["CYAML", "SchemaVocabulary", "JSONValues", "APIDescription"]),
        // Spec model → deterministic Swift source text.
        .target(name: "CodeGen", dependencies: ["SpecKit", "APIDescription", "JSONValues"]),
        // Reads its own command line: the plugin builds it before any generated code, so a
        // dependency of its would be on the critical path of every build that uses the plugin.
        .executableTarget(name: "spec-codegen", dependencies: ["SpecKit", "CodeGen"]),
        .plugin(
            name: "SpecCodegenPlugin",
            capability: .buildTool(),
            dependencies: ["spec-codegen"]
        ),
        // Generic request execution and response validation: Foundation, swift-log and zlib (and the traits').
        .target(
            name: "APIRuntime",
            dependencies: [
                "SchemaVocabulary", "JSONValues", "APIDescription", "CZlib", .target(name: "CCurl", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing", condition: .when(traits: ["DistributedTracing"])),
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClientTransport"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClientTransport"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClientTransport"])),
            ]
        ),
        // Microsoft Entra (Azure AD) sign-in over the runtime's transport: the refresh-token,
        // client-credentials and device-code grants, and the token cache on disk.
        .target(name: "APIIdentity", dependencies: ["APIRuntime"]),
        // MockTransport (answers by operation id, records requests) and FaultInjectingTransport.
        .target(name: "APIRuntimeTesting", dependencies: ["APIRuntime"]),
        // The library users import: generated from spec/ at build time.
        .target(
            name: "PartnerCenter",
            dependencies: ["APIRuntime", "APIIdentity"],
            plugins: ["SpecCodegenPlugin"]
        ),
        // A local Partner Center stand-in: the CLI's demo mode and the tests' server.
        .target(name: "PartnerCenterStub", dependencies: ["PartnerCenter", "APIRuntime", "LocalHTTPServer", "CZlib"]),
        // The command-line tool: the main job.
        .executableTarget(
            name: "partner-center",
            dependencies: [
                "PartnerCenter", "PartnerCenterStub",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["CommandLineTool"])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SpecKitTests",
            dependencies: ["SpecKit", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        // Reads its fixtures and goldens from the source tree (so goldens can be re-recorded).
        .testTarget(
            name: "CodeGenTests",
            dependencies: ["CodeGen", "SpecKit", "APIRuntime", "TestSupport", "spec-codegen"],
            exclude: ["Fixtures", "Golden"]
        ),
        // A small HTTP/1.1 server on 127.0.0.1 (sockets, no dependencies): the stub's and the tests' server.
        .target(name: "LocalHTTPServer"),
        .testTarget(name: "LocalHTTPServerTests", dependencies: ["LocalHTTPServer", "TestSupport"]),
        .testTarget(
            name: "APIRuntimeTests",
            dependencies: [
                // CZlib: the gzip tests compress their inputs with zlib's deflate.
                "APIRuntime", "APIIdentity", "LocalHTTPServer", "TestSupport", "CZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing", condition: .when(traits: ["DistributedTracing"])),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing", condition: .when(traits: ["DistributedTracing"])),
            ]
        ),
        // The test seams through the generated client, and over real HTTP on 127.0.0.1.
        .testTarget(name: "APIRuntimeTestingTests", dependencies: ["APIRuntimeTesting", "PartnerCenter", "APIRuntime", "LocalHTTPServer", "TestSupport"]),
        // A client generated from a spec full of hostile names: it must compile and round-trip.
        .target(
            name: "HostileNames",
            dependencies: ["APIRuntime"],
            path: "Tests/Fixtures/HostileNames",
            plugins: ["SpecCodegenPlugin"]
        ),
        // A client generated from a spec of every write and response shape (format 2).
        .target(
            name: "WriteShapes",
            dependencies: ["APIRuntime"],
            path: "Tests/Fixtures/WriteShapes",
            plugins: ["SpecCodegenPlugin"]
        ),
        .testTarget(name: "GeneratedCodeTests", dependencies: ["HostileNames", "WriteShapes", "APIRuntime", "LocalHTTPServer", "TestSupport"]),
        // End-to-end: runs the built partner-center binary against the stub.
        .testTarget(
            name: "PartnerCenterCLITests",
            dependencies: ["partner-center", "PartnerCenterStub", "PartnerCenter", "LocalHTTPServer", "TestSupport"]
        ),
        // Helpers the test targets share: running subprocesses off the concurrency pool.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "PartnerCenterTests",
            dependencies: ["PartnerCenter", "APIRuntime", "PartnerCenterStub"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
