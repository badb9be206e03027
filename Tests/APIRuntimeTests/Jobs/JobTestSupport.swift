import APIRuntime
import Foundation
import LocalHTTPServer
import TestSupport
import Testing

// Shared helpers of the job and result-file loopback tests: a compiled spec with a main API
// and a Graph API whose export starts a job, the responses of a Graph-like server, blob
// files, and a client that reaches Graph on one loopback server and the blobs on another.

/// A compiled spec: the main API `Main`, and `Graph` (its own per-call `client-request-id`
/// and scopes) with an export that starts a job, its operation and its manifest.
enum JobTestDocument {
    static let json = #"""
    {
      "api": "Main",
      "auth": "bearer",
      "servers": {"default": "https://main.invalid"},
      "headers": [{"generate": "uuid", "name": "MS-RequestId", "per": "call"}],
      "apis": {
        "Graph": {
          "auth": "bearer",
          "servers": {"default": "https://graph.invalid"},
          "headers": [{"generate": "uuid", "name": "client-request-id", "per": "call"}],
          "scopes": ["https://graph.microsoft.com/.default"]
        }
      },
      "operations": {
        "export": {
          "api": "Graph",
          "method": "POST",
          "path": "/v1.0/export",
          "parameters": [],
          "body": {"schema": {"type": "object", "properties": {"invoiceId": {"type": "string"}}}, "required": true, "mediaType": "application/json"},
          "idempotent": false,
          "responses": {"202": {}, "default": {"schema": "ODataError"}},
          "job": {
            "poll": "getOperation",
            "status": "status",
            "succeeded": ["succeeded", "completed"],
            "failed": ["failed"],
            "error": "error",
            "result": {
              "operation": "getManifest",
              "members": ["resourceLocation@odata.navigationLink", "resourceLocation"],
              "files": {"directory": "rootDirectory", "token": "sasToken", "list": "blobs", "name": "name", "record": "Record"}
            }
          }
        },
        "getOperation": {
          "api": "Graph",
          "method": "GET",
          "path": "/v1.0/operations/{id}",
          "parameters": [{"name": "id", "in": "path", "encoding": "plain", "required": true, "schema": {"type": "string"}}],
          "idempotent": true,
          "responses": {"200": {"schema": "Operation"}, "default": {"schema": "ODataError"}}
        },
        "getManifest": {
          "api": "Graph",
          "method": "GET",
          "path": "/v1.0/manifests/{id}",
          "parameters": [{"name": "id", "in": "path", "encoding": "plain", "required": true, "schema": {"type": "string"}}],
          "idempotent": true,
          "responses": {"200": {"schema": "Manifest"}, "default": {"schema": "ODataError"}}
        }
      },
      "schemas": {
        "Operation": {
          "type": "object",
          "required": ["id", "status"],
          "properties": {
            "id": {"type": "string"},
            "status": {"type": "string"},
            "resourceLocation@odata.navigationLink": {"type": "string"},
            "resourceLocation": {},
            "error": {"$ref": "#/schemas/PublicError"}
          }
        },
        "PublicError": {
          "type": "object",
          "properties": {"code": {"type": "string"}, "message": {"type": "string"}}
        },
        "Manifest": {
          "type": "object",
          "required": ["rootDirectory", "sasToken", "blobs"],
          "properties": {
            "id": {"type": "string"},
            "rootDirectory": {"type": "string"},
            "sasToken": {"type": "string"},
            "blobCount": {"type": "integer"},
            "blobs": {"type": "array", "items": {"$ref": "#/schemas/Blob"}}
          }
        },
        "Blob": {
          "type": "object",
          "required": ["name"],
          "properties": {"name": {"type": "string"}, "partitionValue": {"type": "string"}}
        },
        "Record": {
          "type": "object",
          "required": ["Id"],
          "properties": {"Id": {"type": "string"}, "Amount": {"type": ["number", "string"]}}
        },
        "ODataError": {
          "type": "object",
          "properties": {
            "error": {
              "type": "object",
              "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "innerError": {"type": "object"}}
            }
          }
        }
      }
    }
    """#

    static let document = APIDocument(json: json)

    /// The export's body.
    static let exportBody: JSONValue = .members(["invoiceId": .string("G016907411")])
}

// MARK: - Recording

/// How many requests each `METHOD path` has had, thread-safely: the handler's script.
final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    /// The 0-based index of this request among those of its method and path.
    func next(_ request: HTTPServerRequest) -> Int {
        lock.withLock {
            let key = request.method + " " + request.path
            let index = counts[key, default: 0]
            counts[key] = index + 1
            return index
        }
    }
}

/// A thread-safe count.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    var count: Int { lock.withLock { value } }

    func add() { lock.withLock { value += 1 } }
}

// MARK: - Graph's answers

enum GraphAnswers {
    /// `http://127.0.0.1:PORT` of the server that received `request` (from its `Host`).
    static func origin(of request: HTTPServerRequest) -> String {
        "http://" + (request.header("Host") ?? "127.0.0.1")
    }

    /// The export's `202`, naming the job with an absolute URL.
    static func accepted(_ location: String) -> HTTPServerResponse {
        HTTPServerResponse(status: 202, headers: [("Location", location)])
    }

    /// The job resource with `status` and more members (JSON text after a comma).
    static func operation(_ status: String, _ more: String = "", retryAfter: String? = nil) -> HTTPServerResponse {
        .ok(#"{"id":"op-1","status":"\#(status)"\#(more.isEmpty ? "" : "," + more)}"#, headers: retryAfter.map { [("Retry-After", $0)] } ?? [])
    }

    /// A succeeded job linking its manifest.
    static func succeeded(origin: String, status: String = "succeeded") -> HTTPServerResponse {
        operation(status, #""resourceLocation@odata.navigationLink":"\#(origin)/v1.0/manifests/m-1""#)
    }

    /// A manifest listing `names` under `rootDirectory`, read with `sasToken`.
    static func manifest(rootDirectory: String, sasToken: String, names: [String]) -> String {
        let blobs = names.map { #"{"name":"\#($0)","partitionValue":"default"}"# }.joined(separator: ",")
        return #"{"id":"m-1","rootDirectory":"\#(rootDirectory)","sasToken":"\#(sasToken)","blobCount":\#(names.count),"blobs":[\#(blobs)]}"#
    }

    /// Graph's OData error body.
    static func odataError(code: String, message: String) -> String {
        #"{"error":{"code":"\#(code)","message":"\#(message)","innerError":{"request-id":"r-1","date":"2024-01-01T00:00:00"}}}"#
    }
}

// MARK: - Blobs

enum Blobs {
    /// A SAS query as Azure gives it: already percent-encoded, `%3A`, `%2B`, `%2F`, `%3D` included.
    static let sasToken = "skoid=0c414a25&skt=2023-12-13T00%3A37%3A17Z&sv=2021-08-06&sr=d&sp=rl&sig=Rp%2BVY0WB%2FUHJ2APB3N%3D"
    /// The files' directory, under the blob server's origin (a path with `=` as Azure's has).
    static let directoryPath = "/container/v1/PartnerTenantId=0e195b37/Fragment=basic"

    /// The records `first..<first+count` as JSON Lines, each ending in `\n`.
    static func lines(_ ids: Range<Int>) -> [String] {
        ids.map { #"{"Id":"r-\#($0)","Amount":\#($0).50}"# }
    }

    static func jsonLines(_ lines: [String]) -> [UInt8] {
        Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    /// A blob server that answers `files` by name (the last path segment) and refuses any
    /// request with an `Authorization` header with a 400 (the tests also check none came).
    static func server(
        _ answer: @escaping @Sendable (_ name: String, _ request: HTTPServerRequest, _ nth: Int) -> HTTPServerResponse
    ) throws -> LoopbackServer {
        let counter = RequestCounter()
        return try LoopbackServer { request, _ in
            if request.header("Authorization") != nil { return .json(400, #"{"error":"a blob request carried a bearer token"}"#) }
            let name = String(request.path.split(separator: "/").last ?? "")
            return answer(name, request, counter.next(request))
        }
    }

    /// A 200 with `bytes` as the body, as Azure serves a `.json.gz` blob (no `Content-Encoding`).
    static func file(_ bytes: [UInt8], headers: [(name: String, value: String)] = []) -> HTTPServerResponse {
        .raw(200, contentType: "application/octet-stream", Data(bytes), headers: headers)
    }
}

// MARK: - Client

/// A client of the job document: the main API and Graph both on `server` (each with its own
/// token), sleeps recorded by `sleeps` (TestSupport's recorder, which does not sleep).
func makeJobClient(
    _ server: LoopbackServer, sleeps: SleepRecorder, configure: (inout APIClient.Configuration) -> Void = { _ in }
) -> APIClient {
    makeJobClient(server, sleep: sleeps.sleep, configure: configure)
}

/// A client of the job document that pauses with `sleep`.
func makeJobClient(
    _ server: LoopbackServer, sleep: @escaping @Sendable (Duration) async throws -> Void,
    configure: (inout APIClient.Configuration) -> Void = { _ in }
) -> APIClient {
    var configuration = APIClient.Configuration(
        transport: makeTransport(), requestTimeout: .seconds(600), callTimeout: .seconds(3_600), sleep: sleep
    )
    configure(&configuration)
    return APIClient(
        document: JobTestDocument.document, baseURL: server.baseURL, tokenProvider: StaticTokenProvider("main-token"),
        configuration: configuration, apis: ["Graph": .init(baseURL: server.baseURL, tokenProvider: StaticTokenProvider("graph-token"))]
    )
}

/// A Graph server whose export succeeds at once, linking a manifest that lists `names` on
/// `blobs`' origin.
func graphServer(listing names: [String], on blobs: LoopbackServer, sasToken: String = Blobs.sasToken) throws -> LoopbackServer {
    let root = blobs.baseURL.absoluteString + Blobs.directoryPath
    return try LoopbackServer { request, _ in
        let origin = GraphAnswers.origin(of: request)
        switch (request.method, request.path) {
        case ("POST", "/v1.0/export"): return GraphAnswers.accepted(origin + "/v1.0/operations/op-1")
        case ("GET", "/v1.0/operations/op-1"): return GraphAnswers.succeeded(origin: origin)
        case ("GET", "/v1.0/manifests/m-1"): return .ok(GraphAnswers.manifest(rootDirectory: root, sasToken: sasToken, names: names))
        default: return .json(404, GraphAnswers.odataError(code: "NotFound", message: "no \(request.path)"))
        }
    }
}

/// Every record of every file of `outcome`, in order.
func readAll(_ client: APIClient, _ outcome: JobOutcome) async throws -> [ResultRecord] {
    var records: [ResultRecord] = []
    for file in outcome.files {
        try await client.readResultFile(file) { records.append($0) }
    }
    return records
}

extension ResultRecord {
    /// The line as text.
    var text: String { String(decoding: line, as: UTF8.self) }
}

extension Duration {
    /// Whether this is `seconds` to within a microsecond.
    func isAbout(_ seconds: Double) -> Bool { abs(self.seconds - seconds) < 1e-6 }
}
