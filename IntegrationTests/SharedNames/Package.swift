// swift-tools-version: 6.2
import PackageDescription

// APIRuntime imported beside the packages server-side Swift code commonly imports with it,
// every type of both named unqualified: it compiles only while no name of ours collides with
// theirs. A package of its own, so that the main package's `swift test` does not build three
// packages (and swift-collections) that only this check uses; CI runs it
// (`swift test --package-path IntegrationTests/SharedNames`).
let package = Package(
    name: "shared-names",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "partner-center-swift", path: "../.."),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
    ],
    targets: [
        .testTarget(
            name: "SharedNamesTests",
            dependencies: [
                .product(name: "APIRuntime", package: "partner-center-swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
