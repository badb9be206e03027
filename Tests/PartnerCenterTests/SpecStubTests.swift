import APIRuntime
import Foundation
import LocalHTTPServer
import PartnerCenter
@testable import PartnerCenterStub
import Testing

/// The stub's answers made from the spec alone (`SpecResponder`), for every operation of
/// `spec/`, through the generic client, which validates each answer against the spec.
@Suite struct SpecStubTests {
    /// The compiled spec (it loads, or no test here can run).
    static let contents = try! PartnerCenterClient.document.get()

    static let operationIDs = contents.operations.keys.sorted()

    /// A server that answers everything from the spec, none of the stub's own routes.
    private static func specServer() throws -> LocalHTTPServer {
        let responder = SpecResponder(contents: contents)
        return try LocalHTTPServer(port: 0) { request in
            (responder.respond(to: request) ?? .error(404, code: 404, description: "no operation")).response(headers: [])
        }
    }

    /// Values for every parameter of `operation`, and its body, made from their schemas.
    private static func arguments(for operation: OperationDescription) throws -> (parameters: [String: JSONValue?], body: JSONValue?) {
        var examples = SchemaExample(registry: contents.schemas, seed: operation.id)
        var parameters: [String: JSONValue?] = [:]
        for parameter in operation.parameters {
            parameters[parameter.name] = try examples.value(for: parameter.schema, hint: parameter.name)
        }
        return (parameters, try operation.body.map { try examples.value(for: $0.schema, hint: "body") })
    }

    @Test(arguments: operationIDs)
    func everyOperationIsAnsweredWithWhatTheClientAccepts(_ operationID: String) async throws {
        let server = try Self.specServer()
        defer { server.stop() }
        let client = PartnerCenterClient(
            baseURL: server.baseURL, tokenProvider: StaticTokenProvider("t"),
            apis: PartnerCenterClient.document.endpoints(allAt: server.baseURL, tokenProvider: StaticTokenProvider("t"))
        ).client
        let operation = try #require(Self.contents.operations[operationID])
        let (parameters, body) = try Self.arguments(for: operation)
        if operation.successResponses.contains(where: { $0.binaryMediaType != nil }) {
            let download = try await client.download(operationID, parameters: parameters, body: body)
            #expect(operation.successStatuses.contains(download.status))
            #expect(try await download.body.collect(upTo: 1 << 20).isEmpty == false)
        } else if let paging = operation.paging {
            var pages = 0
            for try await page in client.pages(operationID, as: JSONValue.self, parameters: { parameters }, items: { paging.items(of: $0) }) {
                pages += 1
                #expect((paging.items.map { page[$0] } ?? page)?.arrayValue != nil)
            }
            #expect(pages == 1, "the spec's answer is the last page")
        } else {
            let response = try await client.sendResponse(operationID, parameters: parameters, body: body)
            #expect(operation.successStatuses.contains(response.status))
        }
    }

    @Test func theSameRequestGetsTheSameAnswer() throws {
        let responder = SpecResponder(contents: Self.contents)
        let request = HTTPServerRequest(method: "GET", target: "/v1/customers/6c4b2d3e-0a47-4f54-9b8a-3d2e1f0a9b8c", headers: [], body: Data())
        let first = responder.respond(to: request)?.response(headers: [])
        let second = responder.respond(to: request)?.response(headers: [])
        #expect(first?.status == 200)
        #expect(first?.body == second?.body)
    }

    @Test func aParameterBreakingItsSchemaIsRefusedNamingIt() throws {
        let responder = SpecResponder(contents: Self.contents)
        let answer = try #require(responder.respond(to: HTTPServerRequest(method: "GET", target: "/v1/customers/not-a-uuid", headers: [], body: Data())))
            .response(headers: [])
        #expect(answer.status == 400)
        let text = String(decoding: answer.body, as: UTF8.self)
        #expect(text.contains("The path parameter customer-tenant-id"), "\(text)")
        #expect(text.contains("uuid"), "\(text)")
    }

    @Test func aQueryParameterOutOfRangeIsRefused() throws {
        let responder = SpecResponder(contents: Self.contents)
        let filter = #"{"Field":"IndirectReseller","Value":"484e548c-f5f3-4528-93a9-c16c6373cb59","Operator":"starts_with"}"#
        let target = "/v1/customers?size=501&filter=" + (filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let answer = try #require(responder.respond(to: HTTPServerRequest(method: "GET", target: target, headers: [], body: Data())))
            .response(headers: [])
        #expect(answer.status == 400)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("The query parameter size"))
    }

    @Test func aMethodTheSpecDoesNotListIsRefused() throws {
        let responder = SpecResponder(contents: Self.contents)
        let answer = try #require(responder.respond(to: HTTPServerRequest(method: "DELETE", target: "/v1/relationships", headers: [], body: Data())))
            .response(headers: [])
        #expect(answer.status == 405)
        #expect(responder.respond(to: HTTPServerRequest(method: "GET", target: "/v1/nothing/here", headers: [], body: Data())) == nil)
    }
}
