import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// An error body is read against the error schema the spec declares for its status: kept
/// whole as JSON (decodable with the spec's error model), and checked, its violations named.
@Suite("Loopback: the declared error schema")
struct DeclaredErrorSchemaTests {
    /// The test document's `PartnerCenterError`, as a generated model would read it.
    struct ThingError: JSONCodable {
        var code: String?
        var description: String?

        init(fromJSON json: JSONValue) throws(JSONDecodingError) {
            var object = try JSONObjectReader(json)
            code = (try object.optional("code") as JSONValue?).map { $0.stringValue ?? JSONWriter.string(from: $0) }
            description = try object.optional("description")
        }

        func toJSON() -> JSONValue { .members(["code": code.map(JSONValue.string), "description": description.map(JSONValue.string)]) }
    }

    private func failure(_ body: String) async throws -> APIErrorBody {
        let server = try LoopbackServer { _, _ in .json(400, body) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            _ = try await makeClient(server) { $0.retry = .none }.sendJSON("getThing", parameters: ["thing-id": .string("x")])
        })
        guard case let .status(400, body?) = error.kind else {
            Issue.record("expected HTTP 400 with a body, got \(error)")
            return APIErrorBody(json: nil, text: "")
        }
        return body
    }

    @Test func aBodyThatConformsHasNoViolationsAndDecodesWithTheSpecsModel() async throws {
        let body = try await failure(#"{"code": 600039, "description": "Bad input", "errorName": "InvalidInput"}"#)
        #expect(body.violations.isEmpty)
        #expect(body.json?["errorName"] == .string("InvalidInput"), "kept whole, members the fixed fields do not read included")
        let model = try body.decode(as: ThingError.self)
        #expect(model.code == "600039" && model.description == "Bad input")
    }

    @Test func aBodyThatBreaksTheDeclaredSchemaNamesWhere() async throws {
        let body = try await failure(#"{"code": 600039, "description": "Bad input", "data": [1, "two"]}"#)
        #expect(body.violations.map(\.pointer) == ["/data/0"])
        #expect(body.code == "600039", "still read and reported as the error it is")
    }

    @Test func secretsInTheKeptBodyAreRedacted() async throws {
        let body = try await failure(#"{"code": 1, "description": "x", "echo": "Bearer abc.def.ghi"}"#)
        #expect(body.json.map { JSONWriter.string(from: $0) }?.contains("abc.def.ghi") == false)
    }
}
