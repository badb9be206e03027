import APIRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import OpenAPIURLSession
import Testing

// This file imports our runtime beside the packages server-side Swift code commonly imports
// with it (swift-http-types, swift-openapi-runtime, swift-openapi-urlsession) and names
// every type of both unqualified. It compiles only while no name of ours collides with
// theirs: an ambiguity would be a compile error here, as it would be in a user's file.

/// A middleware of ours and one of swift-openapi-runtime's, side by side.
private struct CountingMiddleware: APIMiddleware {
    func intercept(
        _ request: TransportRequest, operationID: String, next: @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse {
        var request = request
        request.headers.append(HeaderField(name: "X-Seen-By", value: operationID))
        return try await next(request)
    }
}

private struct PassingClientMiddleware: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        try await next(request, body, baseURL)
    }
}

@Suite struct SharedNamesTests {
    @Test func ourTransportTypesAndSwiftHTTPTypesAreUsableTogether() async throws {
        // Theirs.
        var theirs = HTTPRequest(method: .get, scheme: "https", authority: "api.partnercenter.microsoft.com", path: "/v1/customers")
        theirs.headerFields[.accept] = "application/json"
        let theirResponse = HTTPResponse(status: .ok)
        // Ours.
        let ours = TransportRequest(
            method: "GET", url: URL(string: "https://api.partnercenter.microsoft.com/v1/customers")!,
            headers: [HeaderField(name: "Accept", value: "application/json")]
        )
        let ourResponse = TransportResponse(status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json")])

        #expect(ours.header("accept") == theirs.headerFields[.accept])
        #expect(ourResponse.status == theirResponse.status.code)
    }

    @Test func ourMiddlewareAndBodyTypesAndOpenAPIRuntimesAreUsableTogether() async throws {
        let middlewares: [any APIMiddleware] = [CountingMiddleware()]
        let theirMiddlewares: [any ClientMiddleware] = [PassingClientMiddleware()]
        let ourBody = ResponseBodyStream(Data("ours".utf8))
        let theirBody = HTTPBody("theirs")

        #expect(try await ourBody.collect(upTo: 100) == Data("ours".utf8))
        #expect(try await String(collecting: theirBody, upTo: 100) == "theirs")
        #expect(middlewares.count == theirMiddlewares.count)
    }

    @Test func ourURLSessionTransportAndSwiftOpenAPIURLSessionsAreUsableTogether() {
        let ours: any HTTPTransport = URLSessionHTTPTransport()
        let theirs: any ClientTransport = URLSessionTransport()
        #expect(ours is URLSessionHTTPTransport)
        #expect(theirs is URLSessionTransport)
    }
}
