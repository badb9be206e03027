import Foundation
import LocalHTTPServer

/// A server whose partner has the given indirect resellers, and nothing else: every other
/// request is answered 404 and counted, to show that a refused name sends none.
final class ResellerServer: Sendable {
    private let server: LocalHTTPServer
    private let otherRequests = Counter()

    /// - Parameter resellers: Name and tenant id of each reseller, in the order listed.
    init(_ resellers: [(name: String, id: String)]) throws {
        let items = resellers.map { #"{"id":"\#($0.id)","name":"\#($0.name)","relationshipType":"is_indirect_cloud_solution_provider_of"}"# }
        let page = #"{"totalCount":\#(resellers.count),"items":[\#(items.joined(separator: ","))]}"#
        let otherRequests = self.otherRequests
        server = try LocalHTTPServer { request in
            if request.path == "/v1/relationships" { return .json(200, page) }
            otherRequests.increment()
            return .json(404, #"{"code":404,"description":"not served here"}"#)
        }
    }

    var baseURL: String { server.baseURL.absoluteString }
    /// How many requests were not for the resellers.
    var otherRequestCount: Int { otherRequests.value }

    deinit {
        server.stop()
    }
}
