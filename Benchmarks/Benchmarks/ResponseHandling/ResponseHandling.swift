import APIRuntime
import Benchmark
import Foundation
import PartnerCenter

/// What each benchmark starts from, made once per benchmark outside the measurement.
struct Fixture: Sendable {
    /// The API's largest page.
    static let pageSize = 500
    /// Ten pages' worth in one body, to show that the cost per customer does not grow with the body.
    static let largeBodySize = 5_000

    /// The page's JSON bytes, as the stub serves them.
    let data: Data
    /// The page parsed, for validating alone.
    let json: JSONValue
    /// The compiled spec's schemas, for `$ref`s.
    let registry: SchemaRegistry
    /// The schema the spec gives the listing's 200 response.
    let schema: JSONSchema

    /// Makes a page of `customerCount` customers and checks that it parses, validates and decodes.
    ///
    /// - Throws: ``FixtureError`` when the page does not conform, so no benchmark measures an error path.
    init(customerCount: Int = pageSize) throws {
        data = try SamplePage.json(customerCount: customerCount)
        let contents = try PartnerCenterClient.document.get()
        registry = contents.schemas
        guard let schema = contents.schemas["CustomerCollection"] else { throw FixtureError("the spec has no schema CustomerCollection") }
        self.schema = schema
        json = try JSONParser.parse(data)
        let violations = SchemaValidator(registry: registry).validate(json, against: schema)
        guard violations.isEmpty else { throw FixtureError("the sample page does not validate: \(violations)") }
        let page = try CustomerCollection(fromJSON: json)
        let plain = try JSONDecoder().decode(Plain.CustomerCollection.self, from: data)
        guard page.items.count == customerCount, plain.items.count == customerCount else {
            throw FixtureError("the sample page decoded to \(page.items.count) customers (plain: \(plain.items.count))")
        }
    }
}

/// A fixture that could not be made.
struct FixtureError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 5,
        maxDuration: .seconds(3),
        maxIterations: 2_000
    )

    // 1. The baseline: what a client that trusts Codable does per response (synthesized
    // `Decodable` models of the same shape, see PlainModels.swift).
    // 2. What the runtime does per response: parse, validate against the spec, decode.
    // Both for the API's largest page, and for a body ten times larger.
    for (suffix, customerCount) in [("", Fixture.pageSize), (", 5,000 customers", Fixture.largeBodySize)] {
        Benchmark("Decode (JSONDecoder, baseline)\(suffix)") { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                blackHole(try JSONDecoder().decode(Plain.CustomerCollection.self, from: fixture.data))
            }
        } setup: {
            try Fixture(customerCount: customerCount)
        }

        Benchmark("Parse + validate + decode (runtime)\(suffix)") { benchmark, fixture in
            for _ in benchmark.scaledIterations {
                let json = try JSONParser.parse(fixture.data)
                let violations = SchemaValidator(registry: fixture.registry).validate(json, against: fixture.schema)
                guard violations.isEmpty else { throw FixtureError("unexpected violations: \(violations)") }
                blackHole(try CustomerCollection(fromJSON: json))
            }
        } setup: {
            try Fixture(customerCount: customerCount)
        }
    }

    Benchmark("Parse (JSONParser)") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONParser.parse(fixture.data))
        }
    } setup: {
        try Fixture()
    }

    Benchmark("Decode (generated init(fromJSON:), parsed page)") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            blackHole(try CustomerCollection(fromJSON: fixture.json))
        }
    } setup: {
        try Fixture()
    }

    Benchmark("Validate (SchemaValidator, parsed page)") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            blackHole(SchemaValidator(registry: fixture.registry).validate(fixture.json, against: fixture.schema))
        }
    } setup: {
        try Fixture()
    }
}
