import Foundation
import Testing
@testable import APIRuntime

/// Inputs found by the `next-link` fuzz target (kept in `Fuzz/Corpus/next-link/`), fed
/// through the same path: the link object's parts, then `NextLink.url`.
@Suite("Next link: fuzz regressions")
struct NextLinkFuzzRegressionTests {
    /// The fuzz target's reading of its input: line 1 the base URL, line 2 the operation
    /// path, the rest the link object as JSON, or the link's `uri` when it is not JSON.
    static func resolve(_ bytes: [UInt8]) throws -> URL {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        try #require(lines.count == 3)
        let baseURL = try #require(URL(string: String(decoding: lines[0], as: UTF8.self)))
        let link = (try? JSONParser.parse(lines[2])) ?? .object(["uri": .string(String(decoding: lines[2], as: UTF8.self))])
        let parts = try #require(NextLink.parts(of: link))
        return try NextLink.url(for: parts.uri, operationPath: String(decoding: lines[1], as: UTF8.self), baseURL: baseURL)
    }

    @Test func escapesBesideCharactersToEncodeAreKept() throws {
        // `URL(string:)` encodes `{` and `"`, and then re-encodes every `%` of the same
        // component: the token `a%2Fb` used to be sent as `a%252Fb`.
        let url = try NextLink.url(
            for: #"/customers?filter={"Field":"Domain"}&token=a%2Fb%2Bc"#, operationPath: "/v1/customers",
            baseURL: URL(string: "https://api.partnercenter.microsoft.com")!
        )
        #expect(url.absoluteString == "https://api.partnercenter.microsoft.com/v1/customers?filter=%7B%22Field%22:%22Domain%22%7D&token=a%2Fb%2Bc")
        #expect(url.query(percentEncoded: false) == #"filter={"Field":"Domain"}&token=a/b+c"#)
    }

    @Test func escapesInTheBaseURLAreKeptWhenTheLinkNeedsEncoding() throws {
        // The space in the path made `URL(string:)` re-encode the whole path: `api%2520v2`.
        let url = try NextLink.url(for: "/things/a b", operationPath: "/v1/things", baseURL: URL(string: "https://example.com/api%20v2/")!)
        #expect(url.absoluteString == "https://example.com/api%20v2/v1/things/a%20b")
        #expect(url.path(percentEncoded: false) == "/api v2/v1/things/a b")
    }

    @Test func anAbsoluteLinkKeepsItsEscapesAndItsHost() throws {
        let url = try NextLink.url(
            for: "https://[::1]:8080/v1/things?token=a%2Fb&filter={}", operationPath: "/v1/things", baseURL: URL(string: "https://[::1]:8080")!
        )
        #expect(url.absoluteString == "https://[::1]:8080/v1/things?token=a%2Fb&filter=%7B%7D")
        #expect(url.host == "::1")
    }

    @Test func defaultPortAndUpperCaseSchemeAreTheSameOrigin() throws {
        let base = URL(string: "https://api.example.com")!
        let explicitPort = try NextLink.url(for: "https://api.example.com:443/v1/things?page=2", operationPath: "/v1/things", baseURL: base)
        #expect(explicitPort.absoluteString == "https://api.example.com:443/v1/things?page=2")
        let upperCase = try NextLink.url(for: "HTTPS://api.example.com/v1/things?page=2", operationPath: "/v1/things", baseURL: base)
        #expect(upperCase.host == "api.example.com")
        #expect(upperCase.path == "/v1/things")
        #expect(throws: APIError.self) {
            try NextLink.url(for: "https://api.example.com:8443/v1/things", operationPath: "/v1/things", baseURL: base)
        }
    }

    @Test func aLinkThatIsNoURLIsReportedRedacted() {
        let error = #expect(throws: APIError.self) {
            try NextLink.url(for: "http://[bad/?access_token=eyJhbGciOiJIUzI1NiJ9.secret", operationPath: "/v1/things", baseURL: URL(string: "https://example.com")!)
        }
        #expect(error.map { !$0.description.contains("eyJhbGciOiJIUzI1NiJ9.secret") } == true, "\(String(describing: error))")
    }

    @Test func fuzzInputWithAnEscapeInTheBaseAndABraceInTheLink() throws {
        // Fuzz/Corpus/next-link/finding-escape-encoded-twice.txt (minimised): the base URL is
        // one byte that is not UTF-8 (read as U+FFFD, `%EF%BF%BD`) and the uri is `{`; the
        // base's escapes became `%25EF%25BF%25BD`.
        let url = try Self.resolve([0xFF, 0x0A, 0x0A, UInt8(ascii: "{")])
        #expect(url.absoluteString == "%EF%BF%BD/%7B")
        #expect(url.path(percentEncoded: false) == "\u{FFFD}/{")
    }

    @Test func fuzzInputWithACombiningMarkAfterASlash() throws {
        // Fuzz/Corpus/next-link/finding-combining-mark-after-slash.txt (minimised): base `/`,
        // operation path `v`, uri `/` + U+0301. As Characters, the uri did not start with `/`
        // (the mark joins it), so a second `/` was put in front: `/v//\u{301}`.
        let url = try Self.resolve(Array("/\nv\n/\u{301}".utf8))
        #expect(url.absoluteString == "/v/%CC%81")
    }

    @Test func aCombiningMarkAfterTheRootDoesNotDoubleIt() throws {
        let url = try NextLink.url(for: "/v1/\u{301}x", operationPath: "/v1/things", baseURL: URL(string: "https://example.com")!)
        #expect(url.absoluteString == "https://example.com/v1/%CC%81x")
    }

    @Test func fuzzInputWithAHashAfterABaseURLWithAFragment() throws {
        // Fuzz/Corpus/next-link/finding-hash-after-base-fragment.txt (found against a first
        // version of the escaping): a `#` in the uri after a base that already has a fragment
        // is a second `#`, so it is encoded too.
        let url = try Self.resolve(Array(#"n#st"#.utf8) + [0x0A, UInt8(ascii: "/"), 0x0A] + Array(#"{#method":"}"#.utf8))
        #expect(url.absoluteString == "n#st/%7B%23method%22:%22%7D")
        #expect(url.fragment(percentEncoded: false) == #"st/{#method":"}"#)
    }

    @Test func fuzzInputWithAnAbsoluteLinkThatNamesNoHost() {
        // Fuzz/Corpus/next-link/finding-absolute-link-without-host.txt (found by CI's 60 s
        // run): base `https:/h` (no host either), uri `HTTPS://`. Both hosts were nil, so the
        // origins compared equal and `HTTPS://` was returned as the next request's URL.
        #expect(throws: APIError.self) { try Self.resolve(Array("https:/h\n/".utf8) + [0xEE] + Array("\nHTTPS://".utf8)) }
        for uri in ["https://", "http:///v1/things", "HTTPS://?page=2"] {
            #expect(throws: APIError.self, "\(uri)") {
                try NextLink.url(for: uri, operationPath: "/v1/things", baseURL: URL(string: "https://example.com")!)
            }
        }
    }

    @Test func anEmptyPortAndTheSchemesDefaultPortAreOneOrigin() throws {
        // Fuzz/Corpus/next-link/finding-empty-port-and-explicit-default-port.txt (found by a
        // local CI run): base `http://127.0.0.1:` (an empty port), link on `…:80`. The client
        // follows it (port 80 is http's default: one origin, RFC 6454); the fuzz target's
        // check compared the ports as written and said it had left the origin.
        let url = try NextLink.url(
            for: "http://127.0.0.1:80/v1/customers?seekOperation=Next", operationPath: "/v1/customers", baseURL: URL(string: "http://127.0.0.1:/")!
        )
        #expect(url.host == "127.0.0.1" && url.port == 80)
        #expect(throws: APIError.self, "another port is another origin") {
            try NextLink.url(for: "http://127.0.0.1:81/v1/customers", operationPath: "/v1/customers", baseURL: URL(string: "http://127.0.0.1:/")!)
        }
    }

    @Test func linkPartsAreReadAsThePagingIteratorReadsThem() throws {
        let link = try JSONParser.parse(#"{"uri":"/v1/things","headers":[{"key":"MS-ContinuationToken","value":"t"},{"key":"X"},{"value":"y"}]}"#)
        #expect(NextLink.parts(of: link) == NextLink.Parts(
            uri: "/v1/things", method: "GET", headers: [HeaderField(name: "MS-ContinuationToken", value: "t")]
        ))
        #expect(NextLink.parts(of: try JSONParser.parse(#"{"method":"POST"}"#)) == nil)
    }
}
