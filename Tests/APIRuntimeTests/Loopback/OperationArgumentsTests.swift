import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// The runtime owns an operation's arguments: consts filled in, a JSON object parameter
/// given by its properties, and text read as each schema's type.
@Suite("Loopback: operation arguments")
struct OperationArgumentsTests {
    @Test func aFlattenedPropertyIsSentInsideItsParameterWithTheConstsFilledIn() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        _ = try await makeClient(server).sendJSON("listThings", parameters: ["filter.Value": .string("Con"), "size": .integer(3)])

        let request = try #require(server.requests.first)
        #expect(try JSONParser.parse(try #require(request.queryValue("filter"))) == TestDocument.filter("Con"))
        #expect(request.queryValue("size") == "3")
    }

    @Test func theWholeParameterWinsOverItsProperties() throws {
        let arguments = try Self.arguments("listThings")
        let whole = TestDocument.filter("Whole")
        let values = arguments.parameterValues(["filter": whole, "filter.Value": .string("Part")])
        #expect(values["filter"] == whole)
        #expect(values["filter.Value"] == nil, "a property's key is consumed, never sent as a parameter")
    }

    @Test func nothingGivenOfAFlattenedParameterLeavesItOutForValidationToName() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let error = await #expect(throws: APIError.self) {
            _ = try await makeClient(server).sendJSON("listThings", parameters: ["size": .integer(3)])
        }
        guard case let .invalidRequest(problems)? = error?.kind else { Issue.record("expected invalidRequest, got \(String(describing: error))"); return }
        #expect(problems == ["missing required parameter 'filter'"])
        #expect(server.requests.isEmpty)
    }

    @Test func theArgumentsListNamesEachPropertyAndTheWhole() throws {
        let arguments = try Self.arguments("listThings").arguments
        #expect(arguments.map(\.key) == ["size", "filter.Value", "filter"])
        let value = try #require(arguments.first { $0.property == "Value" })
        #expect(value.specName == "name")
        #expect(value.isRequired)
        #expect(arguments.last?.isRequired == false, "the whole object is an alternative to its properties")
    }

    @Test func unknownKeysArePassedOnForValidationToName() async throws {
        let server = try LoopbackServer { _, _ in .ok(#"{"id":"x"}"#) }
        defer { server.stop() }
        let error = await #expect(throws: APIError.self) {
            _ = try await makeClient(server).sendJSON("getThing", parameters: ["thing-id": .string("x"), "thing.id": .string("y")])
        }
        guard case let .invalidRequest(problems)? = error?.kind else { Issue.record("expected invalidRequest"); return }
        #expect(problems == ["unknown parameter 'thing.id'"])
    }

    @Test func textIsReadAsTheSchemasType() throws {
        func value(_ text: String, _ schema: String, json: Bool = false) throws -> JSONValue? {
            ParameterText.value(text, json: json, schema: try JSONSchema(json: JSONParser.parse(schema)))
        }
        #expect(try value("12345678901234567890", #"{"type": "integer"}"#) == JSONParser.parse("12345678901234567890"))
        #expect(try value("1.50", #"{"type": "number"}"#).map { JSONWriter.string(from: $0) } == "1.50", "the literal, exactly")
        #expect(try value("abc", #"{"type": "integer"}"#) == nil)
        #expect(try value("true", #"{"type": "boolean"}"#) == .bool(true))
        #expect(try value("7", #"{"type": ["integer", "string"]}"#) == .integer(7))
        #expect(try value("seven", #"{"type": ["integer", "string"]}"#) == .string("seven"))
        #expect(try value("Name", #"{"enum": ["Name"]}"#) == .string("Name"))
        #expect(try value(#"{"a":1}"#, #"{"type": "object"}"#) == .members(["a": .integer(1)]))
        #expect(try value("{", #"{"type": "string"}"#, json: true) == nil)
        #expect(try value("x", #"{}"#) == .string("x"))
    }

    @Test func textAndValueRoundTrip() {
        #expect(ParameterText.text(of: .string("a b"), json: false) == "a b")
        #expect(ParameterText.text(of: .string("a b"), json: true) == #""a b""#)
        #expect(ParameterText.text(of: .bool(false), json: false) == "false")
        #expect(ParameterText.text(of: .members(["x": .integer(1)]), json: false) == #"{"x":1}"#)
    }

    private static func arguments(_ id: String) throws -> OperationArguments {
        let contents = try TestDocument.document.get()
        return OperationArguments(operation: try #require(contents.operations[id]), schemas: contents.schemas)
    }
}
