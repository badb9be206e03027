import APIRuntime
import Testing

/// Reading an operation of a compiled document written by hand (or by another generator
/// version): the typed members it now has, and a clear error, not a trap, for a value outside
/// the spec format's lists.
@Suite struct CompiledDocumentTests {
    /// A one-operation document whose operation is `operation` (JSON members).
    private static func document(_ operation: String) -> APIDocument {
        APIDocument(json: """
        {
          "api": "Hand", "auth": "none", "servers": {"default": "https://h.invalid"}, "headers": [], "schemas": {},
          "operations": {"op": {"path": "/things", "parameters": [], "responses": {"200": {}, "default": {}}, \(operation)}}
        }
        """)
    }

    private static func failure(_ document: APIDocument) -> String? {
        do {
            _ = try document.get()
            return nil
        } catch {
            guard case let .invalidDocument(message) = error.kind else { return "\(error)" }
            return message
        }
    }

    @Test func idempotentIsTheDeclaredWordElseTheMethods() throws {
        let get = try #require(Self.document(#""method": "GET""#).get().operations["op"])
        #expect(get.declaredIdempotent == nil && get.isIdempotent)
        let post = try #require(Self.document(#""method": "POST""#).get().operations["op"])
        #expect(post.declaredIdempotent == nil && !post.isIdempotent)
        let declared = try #require(Self.document(#""method": "POST", "idempotent": true"#).get().operations["op"])
        #expect(declared.declaredIdempotent == true && declared.isIdempotent)
    }

    @Test func responsesAreSortedByStatusDefaultLast() throws {
        let operation = try #require(Self.document(#""method": "GET""#).get().operations["op"])
        #expect(operation.responses.map(\.status) == [.code(200), .default])
        #expect(operation.response(for: 404)?.status == .default && operation.response(for: 201) == nil)
    }

    @Test func anUnknownMethodIsAnInvalidDocument() {
        let message = Self.failure(Self.document(#""method": "TRACE""#))
        #expect(message?.contains("'TRACE' is no HTTP method") == true, "\(message ?? "read")")
    }

    @Test func anUnknownBodyMediaTypeIsAnInvalidDocument() {
        let message = Self.failure(Self.document(#""method": "POST", "body": {"schema": {}, "required": true, "mediaType": "text/plain"}"#))
        #expect(message?.contains("'text/plain' is no body media type") == true, "\(message ?? "read")")
    }
}
