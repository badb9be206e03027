import APIRuntime
import Foundation

/// What the stub remembers while it runs: the resources its callers created, changed and
/// deleted, so that the daily jobs work against it as against Partner Center.
///
/// The rules follow the REST shape of the spec, not each operation: a `POST` to a collection
/// creates a resource (the body, completed from the response schema, with a new `id` and
/// `attributes.etag`) that a `GET` of its path then returns and a listing of the collection
/// lists; a `PATCH` or `PUT` changes it (a stale `If-Match` is answered 412) and gives it a new
/// ETag; a `DELETE` removes it, after which it is 404. Checking out a cart places an order with
/// the cart's line items and creates a subscription per line item. An operation that answers
/// either its data or `204` ("not ready yet", with `Retry-After`) answers 204 to the first
/// request for a path. One state per stub, thread-safe.
final class StubWorld: @unchecked Sendable {
    private let lock = NSLock()
    /// Resources by their path (`/v1/customers/{id}/carts/{cart-id}`, concrete).
    private var resources: [String: JSONValue] = [:]
    /// Paths created in order, for listings.
    private var created: [String] = []
    private var deleted: Set<String> = []
    private var notReadyAnswered: Set<String> = []
    private var counter = 0

    /// Forgets everything callers did: the world as the stub started (ids and ETags count
    /// from the start again, so a test after a reset sees what it would see first).
    func reset() {
        lock.withLock {
            resources = [:]
            created = []
            deleted = []
            notReadyAnswered = []
            counter = 0
        }
    }

    /// A new id: a UUID made from a counter, the same in every run.
    func newID() -> String {
        lock.withLock {
            counter += 1
            return String(format: "0000%04x-57ab-4c0d-9e1f-%012x", counter, counter)
        }
    }

    /// A new ETag.
    func newETag() -> String {
        lock.withLock {
            counter += 1
            return "\"etag-\(counter)\""
        }
    }

    func resource(at path: String) -> JSONValue? {
        lock.withLock { resources[path.lowercased()] }
    }

    func isDeleted(_ path: String) -> Bool {
        lock.withLock { deleted.contains(path.lowercased()) }
    }

    func store(_ value: JSONValue, at path: String) {
        lock.withLock {
            let key = path.lowercased()
            if resources[key] == nil { created.append(key) }
            resources[key] = value
            deleted.remove(key)
        }
    }

    func remove(at path: String) {
        lock.withLock {
            let key = path.lowercased()
            resources[key] = nil
            created.removeAll { $0 == key }
            deleted.insert(key)
        }
    }

    /// The resources created directly under `collection` (`/v1/customers/{id}/orders`), in order.
    func members(of collection: String) -> [JSONValue] {
        let prefix = collection.lowercased() + "/"
        return lock.withLock {
            created.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }.compactMap { resources[$0] }
        }
    }

    /// `/v1/customers/{id}` of a path under a customer.
    static func customerPath(of path: String) -> String {
        "/" + path.split(separator: "/").prefix(3).joined(separator: "/")
    }

    /// Whether this is the first request for `path` of an operation that may answer 204.
    func firstTimeNotReady(_ path: String) -> Bool {
        lock.withLock { notReadyAnswered.insert(path.lowercased()).inserted }
    }
}
