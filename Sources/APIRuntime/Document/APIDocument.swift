import Foundation

/// The compiled spec a generated client embeds: servers, shared headers, operations and the
/// schemas that requests and responses are validated against.
///
/// It is read once, when first used. A document that cannot be read (a generator and
/// runtime of different versions) does not trap: every call then fails with
/// `APIError.Kind.invalidDocument`.
public final class APIDocument: Sendable {
    private let contents: Result<Contents, APIError>

    /// Reads the document from its JSON text.
    public init(json: String) {
        do {
            contents = .success(try Contents(CompiledDocument(json: JSONParser.parse(Data(json.utf8)))))
        } catch let error as APIError {
            contents = .failure(error)
        } catch let error as DocumentError {
            contents = .failure(APIError(.invalidDocument(error.message)))
        } catch {
            contents = .failure(APIError(.invalidDocument("\(error)")))
        }
    }

    /// The document's contents, or the error that reading it gave.
    public func get() throws(APIError) -> Contents {
        try contents.get()
    }

    /// What a compiled spec holds.
    public struct Contents: Sendable {
        /// The main API's name (the spec's `api:`).
        public var api: String
        /// Every API of the spec by name, the main one included: its servers, headers, scopes.
        public var apis: [String: API]
        /// Operations by id.
        public var operations: [String: OperationDescription]
        /// Named schemas, for `$ref`.
        public var schemas: SchemaRegistry

        /// The main API.
        public var mainAPI: API { apis[api] ?? API(name: api) }
        /// Whether the main API's requests carry `Authorization: Bearer …`.
        public var usesBearerAuth: Bool { mainAPI.usesBearerAuth }
        /// The main API's base URLs by server name.
        public var servers: [String: String] { mainAPI.servers }
        /// The main API's shared headers.
        public var headers: [SharedHeader] { mainAPI.headers }

        /// The spec's APIs besides the main one (`apis:`), sorted by name.
        public var otherAPIs: [API] {
            apis.values.filter { $0.name != api }.sorted { $0.name < $1.name }
        }

        /// The API `operation` belongs to.
        public func api(of operation: OperationDescription) -> API {
            operation.apiName.flatMap { apis[$0] } ?? mainAPI
        }

        /// The contents of `document`, its schemas checked as a registry.
        init(_ document: CompiledDocument) throws(APIError) {
            api = document.api
            apis = document.apis
            operations = document.operations
            do throws(JSONSchemaError) {
                schemas = try SchemaRegistry(document.schemas)
            } catch {
                throw APIError(.invalidDocument("schemas\(error.pointer): \(error.message)"))
            }
        }
    }

    /// One API of the spec: where it is served, how its requests authenticate, the headers
    /// they all carry.
    public typealias API = APIConnection

    /// A header sent on every request.
    public typealias SharedHeader = SharedHeaderDescription
}

extension APIDocument {
    /// Every API of the spec besides the main one reached at `baseURL` with `tokenProvider`:
    /// the `apis` of an ``APIClient`` for a stand-in that serves them all on one origin (a
    /// local stub; paths keep their version prefix, so they do not collide).
    public func endpoints(allAt baseURL: URL, tokenProvider: (any TokenProvider)?) -> [String: APIClient.Endpoint] {
        guard let contents = try? get() else { return [:] }
        var endpoints: [String: APIClient.Endpoint] = [:]
        for api in contents.otherAPIs {
            endpoints[api.name] = APIClient.Endpoint(baseURL: baseURL, tokenProvider: tokenProvider)
        }
        return endpoints
    }
}
