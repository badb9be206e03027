import APIRuntime
import Foundation
import LocalHTTPServer

/// Microsoft Graph's partner billing exports as the stub plays them, from the request to the
/// files:
///
/// 1. `POST …/reconciliation|usage/billed|unbilled/export` is accepted: `202` and a `Location`
///    naming its operation;
/// 2. reading the operation answers `running` (with `Retry-After: 0.2`) for the first
///    ``StubConfiguration/exportPolls`` reads, then `succeeded` with the manifest's link, or
///    `failed` ("No data available", code `5000`) for an invoice the stub does not have (it
///    has its own and those of Microsoft's examples, `G016907411` and `G031809528`);
/// 3. the manifest lists gzip JSON Lines blobs at the stub's own blob endpoint, with a SAS
///    token that has `%2B`, `%2F` and `%3D` in it, as Azure's do;
/// 4. a blob is served only with that SAS, exactly as given, and **never with an
///    `Authorization` header** (which a client must not send to storage): either is Azure
///    Storage's `403 AuthenticationFailed`, in its XML.
///
/// An operation or manifest id the stub never issued is answered from the spec (its examples),
/// as any operation without a route of its own.
///
/// The lines are made from the sample customers, the same on every run:
/// ``StubConfiguration/exportLines`` records, ``StubConfiguration/exportLinesPerBlob`` per blob.
final class BillingExports: Sendable {
    private let data: SampleData
    private let configuration: StubConfiguration
    private let exports = LockedExports()

    /// The invoices of Microsoft's examples, which the stub has exports of besides its own.
    static let documentedInvoiceIDs = ["G016907411", "G031809528"]

    /// The path under which blobs are served; not Graph's, so outside `/v1.0`.
    static let blobPath = "/stub/blobs/"
    private static let billingPath = "/v1.0/reports/partners/billing/"

    init(data: SampleData, configuration: StubConfiguration) {
        self.data = data
        self.configuration = configuration
    }

    /// One export the stub was asked for.
    struct Export: Sendable {
        var kind: ExportRecords.Kind
        /// The invoice of a billed export; nil for an unbilled one.
        var invoiceID: String?
        var reads = 0
        var succeeds: Bool
        var basic: Bool
    }

    /// Whether `request` is the storage's (a blob), answered without Graph's authentication.
    static func isBlobRequest(_ request: HTTPServerRequest) -> Bool {
        request.path.hasPrefix(blobPath)
    }

    /// The answer for an export, its operation or manifest; nil for another path.
    func respond(to request: HTTPServerRequest) -> StubResult? {
        guard request.path.hasPrefix(Self.billingPath) else { return nil }
        let rest = request.path.dropFirst(Self.billingPath.count).split(separator: "/").map(String.init)
        let origin = "http://" + (request.header("Host") ?? "127.0.0.1")
        if request.method == "POST", rest.count == 3, rest[2] == "export", ["reconciliation", "usage"].contains(rest[0]),
            ["billed", "unbilled"].contains(rest[1])
        {
            let body = (try? JSONParser.parse(Array(request.body))) ?? .object([:])
            let invoiceID = rest[1] == "billed" ? body["invoiceId"]?.stringValue : nil
            let export = Export(
                kind: rest[0] == "usage" ? .usage : .reconciliation, invoiceID: invoiceID,
                succeeds: invoiceID.map((data.invoiceIDs + Self.documentedInvoiceIDs).contains) ?? true, basic: body["attributeSet"]?.stringValue == "basic"
            )
            let id = exports.add(export)
            return .response(HTTPServerResponse(status: 202, headers: [("Location", "\(origin)\(Self.billingPath)operations/\(id)")]))
        }
        guard request.method == "GET", rest.count == 2 else { return nil }
        let id = rest[1]
        switch rest[0] {
        case "operations":
            // An id the stub never issued is answered from the spec, as any other operation.
            return exports.read(id).map { .response(operation(id, $0, origin: origin)) }
        case "manifests":
            guard let export = exports.export(id) else { return nil }
            guard export.succeeds, export.reads > configuration.exportPolls else { return .error(404, code: 404, description: "No manifest \(id) yet.") }
            return .response(Self.json(manifest(id, export, origin: origin)))
        default:
            return nil
        }
    }

    /// The answer for a blob request: the blob, or storage's refusal.
    func respondToBlob(_ request: HTTPServerRequest) -> HTTPServerResponse {
        let parts = request.path.dropFirst(Self.blobPath.count).split(separator: "/").map(String.init)
        guard parts.count == 2, let export = exports.export(parts[0]), export.succeeds,
            let number = Int(parts[1].dropFirst("part-".count).prefix(5)), parts[1] == Self.blobName(number), number < blobCount
        else {
            return Self.storageError(404, "BlobNotFound", "The specified blob does not exist.")
        }
        let query = request.target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init)
        // Storage takes one credential: a request with a bearer token besides the SAS is refused.
        if request.header("Authorization") != nil {
            return Self.storageError(403, "AuthenticationFailed", "Server failed to authenticate the request. The request carries an Authorization header and a SAS.")
        }
        guard query == Self.sasToken(for: parts[0]) else {
            return Self.storageError(
                403, "AuthenticationFailed",
                "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature."
            )
        }
        let first = number * configuration.exportLinesPerBlob
        let count = min(configuration.exportLinesPerBlob, configuration.exportLines - first)
        var writer = GzipWriter()
        ExportRecords(kind: export.kind, invoiceID: export.invoiceID ?? "", basic: export.basic, data: data).write(lines: first..<(first + count), into: &writer)
        return HTTPServerResponse(status: 200, headers: [("Content-Type", "application/octet-stream"), ("x-ms-blob-type", "BlockBlob")], body: writer.finish())
    }

    private var blobCount: Int {
        max(1, (configuration.exportLines + configuration.exportLinesPerBlob - 1) / max(1, configuration.exportLinesPerBlob))
    }

    private func operation(_ id: String, _ export: Export, origin: String) -> HTTPServerResponse {
        var members: [String: JSONValue] = [
            "id": .string(id), "createdDateTime": .string("2024-06-03T08:12:53"), "lastActionDateTime": .string("2024-06-03T08:37:48.5046691Z"),
        ]
        var headers: [(name: String, value: String)] = []
        if export.reads <= configuration.exportPolls {
            members["@odata.type"] = .string("#microsoft.graph.partners.billing.runningOperation")
            members["status"] = .string("running")
            headers.append(("Retry-After", "0.2"))
        } else if export.succeeds {
            members["@odata.type"] = .string("#microsoft.graph.partners.billing.exportSuccessOperation")
            members["status"] = .string("succeeded")
            members["resourceLocation@odata.navigationLink"] = .string("\(origin)\(Self.billingPath)manifests/\(id)")
        } else {
            members["@odata.type"] = .string("#microsoft.graph.partners.billing.failedOperation")
            members["status"] = .string("failed")
            members["error"] = .object(["code": .string("5000"), "message": .string("No data available")])
        }
        var response = Self.json(.object(JSONObject(members.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })))
        response.headers += headers
        return response
    }

    private func manifest(_ id: String, _ export: Export, origin: String) -> JSONValue {
        let blobs = (0..<blobCount).map { JSONValue.object(["name": .string(Self.blobName($0)), "partitionValue": .string("default")]) }
        return .object([
            "id": .string(id), "schemaVersion": .string("2"), "dataFormat": .string("compressedJSON"),
            "createdDateTime": .string("2024-06-03T08:37:48Z"), "eTag": .string("stub-\(id.prefix(8))"),
            "partnerTenantId": .string(ExportRecords.partnerTenantID), "rootDirectory": .string("\(origin)\(Self.blobPath)\(id)"),
            "sasToken": .string(Self.sasToken(for: id)), "partitionType": .string("default"), "blobCount": .integer(blobCount),
            "blobs": .array(blobs),
        ])
    }

    static func blobName(_ number: Int) -> String {
        String(format: "part-%05d-b016029b-a7a7-4c46-9b5e-c925ac317ac6.c000.json.gz", number)
    }

    /// The SAS of an export's blobs: escaped as Azure's are (`%3A`, `%2B`, `%2F`, `%3D`), so a
    /// client that decodes or re-encodes it is refused.
    static func sasToken(for id: String) -> String {
        let signature = Data("stub-signature-\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
        return "sv=2021-08-06&se=2099-12-31T23%3A59%3A59Z&sr=d&sp=rl&sig=\(signature)%2B%2F%3D"
    }

    /// Azure Storage's error: XML, and its code in `x-ms-error-code`.
    static func storageError(_ status: Int, _ code: String, _ message: String) -> HTTPServerResponse {
        let body = "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>\(code)</Code><Message>\(message)\nRequestId:stub\nTime:2024-06-03T08:40:00.0000000Z</Message></Error>"
        return HTTPServerResponse(status: status, headers: [("Content-Type", "application/xml"), ("x-ms-error-code", code)], body: Data(body.utf8))
    }

    private static func json(_ value: JSONValue) -> HTTPServerResponse {
        HTTPServerResponse(status: 200, headers: [("Content-Type", "application/json; odata.metadata=minimal; charset=utf-8")], body: Data(JSONWriter.bytes(from: value)))
    }
}

/// The exports by id, across threads.
private final class LockedExports: @unchecked Sendable {
    private let lock = NSLock()
    private var exports: [String: BillingExports.Export] = [:]
    private var counter = 0

    /// Keeps `export` under a new id, the same in every run.
    func add(_ export: BillingExports.Export) -> String {
        lock.withLock {
            counter += 1
            let id = String(format: "6fe687d7-1e0f-4bd6-9091-%012x", counter)
            exports[id] = export
            return id
        }
    }

    /// Counts one read of export `id`'s operation and returns the export as read.
    func read(_ id: String) -> BillingExports.Export? {
        lock.withLock {
            exports[id]?.reads += 1
            return exports[id]
        }
    }

    func export(_ id: String) -> BillingExports.Export? {
        lock.withLock { exports[id] }
    }
}
