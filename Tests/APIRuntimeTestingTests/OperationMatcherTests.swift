import APIRuntime
@testable import APIRuntimeTesting
import Foundation
import Testing

/// How `MockTransport` finds the operation of a request: method and path template.
@Suite struct OperationMatcherTests {
    private static let document = APIDocument(json: #"""
    {
      "api": "Templates", "auth": "none", "servers": {"default": "https://t.invalid"}, "headers": [], "schemas": {},
      "operations": {
        "getFile": {"method": "GET", "path": "/files/{name}.json", "parameters": [], "responses": {"200": {}}},
        "getMe": {"method": "GET", "path": "/users/me", "parameters": [], "responses": {"200": {}}},
        "getUser": {"method": "GET", "path": "/users/{user-id}", "parameters": [], "responses": {"200": {}}},
        "putUser": {"method": "PUT", "path": "/users/{user-id}", "parameters": [], "responses": {"200": {}}},
        "getUserGroup": {"method": "GET", "path": "/users/{user-id}/groups/{group-id}", "parameters": [], "responses": {"200": {}}}
      }
    }
    """#)

    private func match(_ method: String, _ url: String) throws -> (operationID: String, parameters: [String: String])? {
        try OperationMatcher(contents: Self.document.get()).match(method: method, url: #require(URL(string: url)))
    }

    @Test func theMethodAndEverySegmentMustMatch() throws {
        #expect(try match("GET", "https://t.invalid/users/42")?.operationID == "getUser")
        #expect(try match("PUT", "https://t.invalid/users/42")?.operationID == "putUser")
        #expect(try match("DELETE", "https://t.invalid/users/42") == nil)
        #expect(try match("GET", "https://t.invalid/groups/42") == nil)
        #expect(try match("GET", "https://t.invalid/users/42/groups") == nil)
    }

    @Test func parametersArePercentDecodedAndASlashInOneStaysInIt() throws {
        let found = try match("GET", "https://t.invalid/users/a%2Fb%20c/groups/7?x=1")
        #expect(found?.operationID == "getUserGroup")
        #expect(found?.parameters == ["user-id": "a/b c", "group-id": "7"])
    }

    @Test func aLiteralTemplateWinsOverAParameter() throws {
        #expect(try match("GET", "https://t.invalid/users/me")?.operationID == "getMe")
    }

    @Test func aParameterMayShareItsSegmentWithText() throws {
        let found = try match("GET", "https://t.invalid/files/report.2026.json")
        #expect(found?.operationID == "getFile")
        #expect(found?.parameters == ["name": "report.2026"])
        #expect(try match("GET", "https://t.invalid/files/.json") == nil, "a parameter is never empty")
    }

    @Test func aBaseURLWithAPathOfItsOwnStillMatches() throws {
        #expect(try match("GET", "https://gateway.invalid/api/partner/users/42")?.parameters == ["user-id": "42"])
    }
}
