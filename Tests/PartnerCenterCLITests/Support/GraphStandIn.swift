import Foundation
import LocalHTTPServer

/// A Microsoft Graph billing export of its own, written apart from the stub and unlike it
/// where Microsoft's pages allow: the export is throttled once (429, fractional `Retry-After`,
/// OData body), its operation goes `notStarted` → `running` → `completed` with the manifest
/// inline (`resourceLocation` an object, as Microsoft's sample reads it), and the files are on
/// a second server (another origin), one of them sent with `Content-Encoding: gzip`.
///
/// It records the `Authorization` each server saw and the blob requests' raw targets.
final class GraphStandIn: Sendable {
    private let graph: LocalHTTPServer
    private let storage: LocalHTTPServer
    private let seen = Seen()

    /// The SAS the manifest gives, escaped as Azure's are: sent back byte for byte or refused.
    static let sas = "sv=2021-08-06&sr=d&sp=rl&se=2099-01-01T00%3A00%3A00Z&sig=a%2Bb%2Fc%3D"
    /// The records of each file, as JSON Lines.
    static let files: [(name: String, lines: [String])] = [
        ("part-00000.c000.json.gz", (0..<3).map { #"{"CustomerId":"c\#($0)","UnitPrice":36.0000,"Quantity":\#($0 + 1),"NewColumn":"x"}"# }),
        ("part-00001.c000.json.gz", (3..<5).map { #"{"CustomerId":"c\#($0)","UnitPrice":0.1200,"Quantity":\#($0 + 1),"NewColumn":"y"}"# }),
    ]

    init() throws {
        let seen = seen
        storage = try LocalHTTPServer { request in
            seen.record(storage: request)
            let name = request.path.split(separator: "/").last.map(String.init) ?? ""
            guard let index = Self.files.firstIndex(where: { $0.name == name }) else { return HTTPServerResponse(status: 404) }
            guard request.header("Authorization") == nil, request.target.hasSuffix("?" + Self.sas) else {
                let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.</Message></Error>"
                return HTTPServerResponse(status: 403, headers: [("Content-Type", "application/xml")], body: Data(xml.utf8))
            }
            let body = StoredGzip.member(Data(Self.files[index].lines.map { $0 + "\n" }.joined().utf8))
            let encoding: [(name: String, value: String)] = index == 1 ? [("Content-Encoding", "gzip")] : []
            return HTTPServerResponse(status: 200, headers: [("Content-Type", "application/octet-stream")] + encoding, body: body)
        }
        let storageRoot = storage.baseURL.absoluteString + "/billedusage/v1/PartnerTenantId=p/InvoiceId=G016907411"
        graph = try LocalHTTPServer { request in
            let number = seen.record(graph: request)
            let origin = "http://" + (request.header("Host") ?? "")
            switch (request.method, request.path) {
            case ("POST", "/v1.0/reports/partners/billing/reconciliation/billed/export"):
                if number == 1 {
                    return .json(429, #"{"error":{"code":"TooManyRequests","message":"Please retry again later.","innerError":{"request-id":"r1"}}}"#, headers: [("Retry-After", "0.1")])
                }
                return HTTPServerResponse(status: 202, headers: [("Location", origin + "/v1.0/reports/partners/billing/operations/op-1")])
            case ("GET", "/v1.0/reports/partners/billing/operations/op-1"):
                let reads = seen.operationReads()
                if reads == 1 { return .json(200, #"{"id":"op-1","status":"notStarted"}"#, headers: [("Retry-After", "0.05")]) }
                if reads == 2 { return .json(200, #"{"id":"op-1","status":"running","createdDateTime":"2023-03-09T08:12:53"}"#) }
                let blobs = Self.files.map { #"{"name":"\#($0.name)","partitionValue":"default","sizeInBytes":1}"# }.joined(separator: ",")
                let manifest = #"{"id":"m-1","schemaVersion":"2","dataFormat":"compressedJSONLines","rootDirectory":"\#(storageRoot)","sasToken":"\#(Self.sas)","blobCount":2,"blobs":[\#(blobs)]}"#
                return .json(200, #"{"id":"op-1","status":"completed","resourceLocation":\#(manifest)}"#)
            default:
                return .json(404, #"{"error":{"code":"Request_ResourceNotFound","message":"no such path"}}"#)
            }
        }
    }

    var graphURL: String { graph.baseURL.absoluteString }
    /// Every `Authorization` the Graph server saw.
    var graphAuthorizations: [String?] { seen.graphAuthorizations }
    /// Every `Authorization` the storage server saw (it must see none).
    var storageAuthorizations: [String?] { seen.storageAuthorizations }
    /// The storage requests' targets, as received.
    var storageTargets: [String] { seen.storageTargets }

    deinit {
        graph.stop()
        storage.stop()
    }

    private final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var graphAuthorizations: [String?] = []
        private(set) var storageAuthorizations: [String?] = []
        private(set) var storageTargets: [String] = []
        private var reads = 0

        func record(graph request: HTTPServerRequest) -> Int {
            lock.withLock {
                graphAuthorizations.append(request.header("Authorization"))
                return graphAuthorizations.count
            }
        }

        func record(storage request: HTTPServerRequest) {
            lock.withLock {
                storageAuthorizations.append(request.header("Authorization"))
                storageTargets.append(request.target)
            }
        }

        func operationReads() -> Int {
            lock.withLock {
                reads += 1
                return reads
            }
        }
    }
}

/// One gzip member (RFC 1952) of stored (uncompressed) deflate blocks, with its CRC-32: gzip
/// written here without zlib, so the client's decoder is checked against another writer.
enum StoredGzip {
    static func member(_ data: Data) -> Data {
        var out = Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
        let bytes = [UInt8](data)
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            let isLast = offset + count == bytes.count
            out.append(isLast ? 1 : 0)
            out.append(contentsOf: [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)])
            out.append(contentsOf: bytes[offset..<(offset + count)])
            offset += count
        } while offset < bytes.count
        for value in [crc32(bytes), UInt32(truncatingIfNeeded: bytes.count)] {
            out.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
        }
        return out
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
