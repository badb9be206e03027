import APIRuntime
import Foundation
import LocalHTTPServer

/// Answers any operation of the spec from the spec itself: the stub's behaviour for the
/// operations it has no hand-written routes for, so that a new spec entry is served (and can
/// be tried from the CLI) with no stub change.
///
/// A request is matched to an operation by method and path template (literal segments win
/// over parameters); its parameters and JSON body are checked against their schemas (400 with
/// a Partner Center error naming the pointer, as the service answers); the answer has the
/// operation's lowest success status, a body made from the response schema by
/// ``SchemaExample`` (seeded by the request's path, so the same request gets the same body),
/// and its declared response headers. A next-link listing is one page (its next link left
/// out); an offset listing honours `offset` and `size` over five items.
struct SpecResponder: Sendable {
    private struct Route: Sendable {
        var operation: OperationDescription
        /// The path's segments: literal text, or nil for a `{parameter}`.
        var segments: [String?]
        var parameterNames: [String]
    }

    private let routes: [Route]
    let registry: SchemaRegistry
    /// What callers created, changed and deleted.
    let world: StubWorld
    /// The flows answered statefully (GDAP, migrations, transitions).
    private let lifecycles: StubLifecycles

    init(contents: APIDocument.Contents, world: StubWorld = StubWorld()) {
        registry = contents.schemas
        self.world = world
        lifecycles = StubLifecycles(world: world)
        routes = contents.operations.values.sorted { $0.id < $1.id }.map { operation in
            let parts = operation.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            return Route(
                operation: operation,
                segments: parts.map { $0.hasPrefix("{") && $0.hasSuffix("}") ? nil : $0 },
                parameterNames: parts.filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
            )
        }
    }

    /// What the spec makes of a request: the operation it is for, or its refusal.
    private enum Resolution {
        case operation(OperationDescription)
        case refused(StubResult)
    }

    /// The answer for `request`, or nil when no operation of the spec has its path.
    func respond(to request: HTTPServerRequest) -> StubResult? {
        switch resolve(request) {
        case nil: nil
        case let .refused(refusal)?: refusal
        case let .operation(operation)?: answer(operation, to: request)
        }
    }

    /// How Partner Center would refuse `request` by the spec alone (405 for a method its path
    /// does not have, 400 for a parameter or body that breaks its schema); nil when the spec
    /// has nothing against it. For the stub's own routes, which answer from sample data.
    func refusal(for request: HTTPServerRequest) -> StubResult? {
        if case let .refused(refusal)? = resolve(request) { refusal } else { nil }
    }

    /// The API of the spec's `apis:` whose operations have `request`'s path (Microsoft
    /// Graph's), or nil for the main API's, or a path no operation has.
    func apiName(of request: HTTPServerRequest) -> String? {
        let (_, candidates) = routes(matching: request)
        return candidates.max { Self.literals($0) < Self.literals($1) }?.operation.apiName
    }

    /// The request path's segments, and the routes whose path template they fit (any method).
    private func routes(matching request: HTTPServerRequest) -> (segments: [String], routes: [Route]) {
        // An empty segment (`/users//licenseupdates`, a trailing `/`) names nothing: no route
        // has one, so such a path is 404, as Partner Center answers it.
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let matching = routes.filter { route in
            route.segments.count == segments.count && zip(route.segments, segments).allSatisfy { literal, segment in
                literal.map { $0 == segment } ?? !segment.isEmpty
            }
        }
        return (segments, matching)
    }

    private func resolve(_ request: HTTPServerRequest) -> Resolution? {
        let (segments, candidates) = routes(matching: request)
        // The most specific paths answer (literal segments win over parameters:
        // `/v1/customers/relationshiprequests` is not a customer's path), whatever the method.
        guard let most = candidates.map(Self.literals).max() else { return nil }
        let specific = candidates.filter { Self.literals($0) == most }
        let sameMethod = specific.filter { $0.operation.method.rawValue == request.method }
        guard !sameMethod.isEmpty else {
            let allowed = Set(specific.map(\.operation.method.rawValue)).sorted().joined(separator: ", ")
            // RFC 9110 §15.5.6: a 405 names the methods the resource has in `Allow`.
            let refusal = StubResult.error(405, code: 405, description: "\(request.method) is not allowed on \(request.path); the spec has \(allowed).")
            return .refused(.response(refusal.response(headers: [("Allow", allowed)])))
        }
        // Several operations may share a method and path (`GET /v1/customers` filtered by
        // reseller or by name): the first whose parameters the request satisfies answers.
        var firstProblem: String?
        for route in sameMethod {
            let pathValues = Dictionary(
                zip(route.segments, segments).filter { $0.0 == nil }.map(\.1).enumerated().map { (route.parameterNames[$0.offset], $0.element) },
                uniquingKeysWith: { first, _ in first }
            )
            guard let problem = check(request, against: route.operation, pathValues: pathValues) else {
                return .operation(route.operation)
            }
            firstProblem = firstProblem ?? problem
        }
        return .refused(.error(400, code: 400, description: firstProblem ?? "The request matches no operation."))
    }

    private static func literals(_ route: Route) -> Int {
        route.segments.count { $0 != nil }
    }

    // MARK: - The answer

    /// The answer from what the world holds, else made from the spec.
    private func answer(_ operation: OperationDescription, to request: HTTPServerRequest) -> StubResult {
        var path = request.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if operation.successStatuses.contains(204), operation.successResponses.contains(where: { $0.schemaName != nil }),
            world.firstTimeNotReady(path)
        {
            return answer(operation, status: 204, seed: path)
        }
        let status = operation.successStatuses.first ?? 200
        let body = request.body.isEmpty ? nil : try? JSONParser.parse(Array(request.body))
        // What a caller deleted is gone for every method, a second delete included.
        if world.isDeleted(path) { return .error(404, code: 404, description: "\(path) was deleted.") }
        let madeBody = { Self.body(of: answer(operation, status: status, seed: path)) }
        if let value = lifecycles.respond(to: operation.id, path: path, query: { request.queryValue($0) }, body: body, made: madeBody) {
            return .response(Self.json(value, status: status))
        }
        // The schema of the success response (the one `status` names).
        let schema = operation.successResponse?.schemaName.flatMap { registry[$0] }
        let etagPlace = ETagPlace(schema: schema)
        switch request.method {
        case "POST" where path.hasSuffix("/checkout"):
            return checkout(cartPath: String(path.dropLast("/checkout".count)), operation: operation, status: status)
        case "POST":
            guard schema?.properties["id"] != nil else { break }
            return made(operation, status: status, seed: path) { value in
                let id = world.newID()
                let merged = Self.merge(value, body ?? .object([:]), id: id, etag: world.newETag(), at: etagPlace)
                let resource = lifecycles.created(merged, by: operation.id, at: path + "/" + id, body: body)
                world.store(resource, at: path + "/" + id)
                return resource
            }
        case "GET":
            if let stored = world.resource(at: path) { return .response(Self.json(lifecycles.read(stored, at: path), status: status)) }
            // A collection holds what was created under it: in its paging items, or its `items`.
            let members = world.members(of: path)
            if !members.isEmpty, let items = operation.paging?.items ?? (schema?.properties["items"]?.types == [.array] ? "items" : nil) {
                return made(operation, status: status, seed: path) { page in
                    guard var fields = page.objectValue else { return page }
                    fields[items] = .array(members)
                    if fields["totalCount"] != nil { fields["totalCount"] = .integer(members.count) }
                    return .object(fields)
                }
            }
            // A collection that is a bare array (Partner Center's newer lists) is what it holds.
            if !members.isEmpty, schema?.types == [.array] { return .response(Self.json(.array(members), status: status)) }
        case "PATCH", "PUT":
            guard let stored = world.resource(at: path) else { break }
            let place = ETagPlace(resource: stored)
            if let stale = Self.staleETag(request, of: stored, at: place) { return stale }
            let changed = Self.merge(stored, body ?? .object([:]), id: stored["id"]?.stringValue, etag: world.newETag(), at: place)
            world.store(changed, at: path)
            return .response(Self.json(changed, status: status))
        case "DELETE":
            if let stored = world.resource(at: path), let stale = Self.staleETag(request, of: stored, at: ETagPlace(resource: stored)) { return stale }
            world.remove(at: path)
        default:
            break
        }
        return answer(operation, status: status, seed: request.method + " " + path, request: request)
    }

    /// The orders a cart's checkout places: one, with the cart's line items, and a
    /// subscription per line item.
    private func checkout(cartPath: String, operation: OperationDescription, status: Int) -> StubResult {
        // A cart the stub never saw is answered as any resource it never saw: from the spec.
        guard let cart = world.resource(at: cartPath) else { return answer(operation, status: status, seed: cartPath) }
        let customerPath = StubWorld.customerPath(of: cartPath)
        var examples = SchemaExample(registry: registry, seed: cartPath)
        do {
            let orderID = world.newID()
            var lineItems: [JSONValue] = []
            for (index, item) in (cart["lineItems"]?.arrayValue ?? []).enumerated() {
                let subscriptionID = world.newID()
                var subscription = try examples.value(forSchemaNamed: "Subscription")
                subscription = Self.merge(subscription, .object([
                    "offerId": item["catalogItemId"] ?? item["offerId"] ?? .string("offer"), "quantity": item["quantity"] ?? .integer(1),
                    "orderId": .string(orderID), "status": .string("active"),
                ]), id: subscriptionID, etag: world.newETag())
                world.store(subscription, at: "\(customerPath)/subscriptions/\(subscriptionID)")
                lineItems.append(.object([
                    "lineItemNumber": .integer(index), "offerId": subscription["offerId"] ?? .string("offer"),
                    "quantity": subscription["quantity"] ?? .integer(1), "subscriptionId": .string(subscriptionID),
                ]))
            }
            var order = try examples.value(forSchemaNamed: "Order")
            order = Self.merge(order, .object(["lineItems": .array(lineItems), "status": .string("completed")]), id: orderID, etag: world.newETag())
            world.store(order, at: "\(customerPath)/orders/\(orderID)")
            return .response(Self.json(.object(["orders": .array([order]), "orderErrors": .array([])]), status: status))
        } catch {
            return .error(500, code: 500, description: "The stub cannot place the order: \(error)")
        }
    }

    /// `value` with the members of `changes` (objects merged member by member), `id`, and a
    /// new ETag in its `place`.
    private static func merge(_ value: JSONValue, _ changes: JSONValue, id: String?, etag: String, at place: ETagPlace = .attributes) -> JSONValue {
        func merged(_ left: JSONValue, _ right: JSONValue) -> JSONValue {
            guard case let .object(first) = left, case let .object(second) = right else { return right }
            return .object(first.merging(second) { merged($0, $1) })
        }
        var result = merged(value, changes).objectValue ?? [:]
        if let id { result["id"] = .string(id) }
        place.set(etag, in: &result)
        return .object(result)
    }

    /// The 412 for a request whose `If-Match` is not `stored`'s current ETag, or nil.
    private static func staleETag(_ request: HTTPServerRequest, of stored: JSONValue, at place: ETagPlace) -> StubResult? {
        guard let ifMatch = request.header("If-Match"), ifMatch != "*", let current = place.etag(of: stored), ifMatch != current else { return nil }
        return .error(412, code: 412, description: "The If-Match ETag \(ifMatch) is not the resource's current one: get it again.")
    }

    /// The JSON body of an answer, or nil.
    private static func body(of result: StubResult) -> JSONValue? {
        guard case let .response(response) = result else { return nil }
        return try? JSONParser.parse(Array(response.body))
    }

    private static func json(_ value: JSONValue, status: Int) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: Data(JSONWriter.string(from: value).utf8))
    }

    /// The answer with `status`, its body made from the spec and passed through `change`.
    private func made(_ operation: OperationDescription, status: Int, seed: String, _ change: (JSONValue) -> JSONValue) -> StubResult {
        guard case let .response(response) = answer(operation, status: status, seed: seed),
            let value = try? JSONParser.parse(Array(response.body))
        else { return answer(operation, status: status, seed: seed) }
        return .response(HTTPServerResponse(status: status, headers: response.headers, body: Data(JSONWriter.string(from: change(value)).utf8)))
    }

    /// The answer with `status` made from the spec alone (an offset listing's page from the
    /// `request`'s offset and size).
    private func answer(_ operation: OperationDescription, status: Int, seed: String, request: HTTPServerRequest? = nil) -> StubResult {
        guard let declared = operation.response(.code(status)) else {
            return .error(501, code: 501, description: "The spec declares no success status for \(operation.id).")
        }
        var examples = SchemaExample(registry: registry, seed: seed, linkPath: request.map { Self.linkPath($0.path) })
        var headers: [(name: String, value: String)] = []
        do {
            for header in declared.headers {
                // Its own listing is one page: no continuation token names a next one.
                if case let .continuationHeader(name)? = operation.paging?.style, name.lowercased() == header.name.lowercased() { continue }
                let value = try examples.value(for: header.schema, hint: header.name)
                headers.append((header.name, value.stringValue ?? JSONWriter.string(from: value)))
            }
            if let schemaName = declared.schemaName {
                var body = try examples.value(forSchemaNamed: schemaName)
                if let paging = operation.paging {
                    body = page(body, of: schemaName, paging: paging, seed: seed, request: request)
                } else if var members = body.objectValue {
                    // A collection that does not page counts what it holds, as Partner Center's do.
                    Self.countItems(in: &members, items: "items")
                    body = .object(members)
                }
                return .response(HTTPServerResponse(
                    status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: Data(JSONWriter.string(from: body).utf8)
                ))
            }
        } catch {
            return .error(500, code: 500, description: "The stub cannot make an answer for \(operation.id): \(error)")
        }
        if let mediaType = declared.binaryMediaType {
            let document = mediaType == "application/pdf"
                ? StatementPDF(invoiceID: operation.id, minimumLength: 0).wholeDocument
                : Data("An example \(mediaType) body for \(operation.id).\n".utf8)
            return .response(HTTPServerResponse(status: status, headers: [("Content-Type", mediaType)] + headers, body: document))
        }
        return .response(HTTPServerResponse(status: status, headers: headers))
    }

    /// Sets a collection's `totalCount`, where it has an integer one, to the number of items at
    /// `items`: what Partner Center's `totalCount` counts where the spec names no total.
    private static func countItems(in members: inout JSONObject, items: String) {
        guard members["totalCount"]?.intValue != nil, let count = members[items]?.arrayValue?.count else { return }
        members["totalCount"] = .integer(count)
    }

    /// `path` as Partner Center's links write it: relative to the API root, without `/v1`.
    private static func linkPath(_ path: String) -> String {
        path.hasPrefix("/v1/") ? String(path.dropFirst(3)) : path
    }

    /// How many items an offset listing the stub makes up holds.
    static let offsetListingCount = 5

    /// `page` as a page of the listing: in the next-link style the last page (no next link);
    /// in the offset style the items from the request's offset, as many as its size asks (all
    /// by default), of a listing of ``offsetListingCount`` items that is the same in every run
    /// (each item is made from its position), with that count as the total (where the spec
    /// names none, `totalCount` is the page's item count, as Partner Center's invoices say).
    private func page(_ page: JSONValue, of schemaName: String, paging: Paging, seed: String, request: HTTPServerRequest?) -> JSONValue {
        guard var members = page.objectValue else { return page }
        switch paging.style {
        case let .nextLink(path):
            members = Self.removing(path[...], from: .object(members)).objectValue ?? members
        case .continuationHeader:
            // No continuation header: the last page.
            break
        case let .offset(parameter, size, total):
            // An offset past what `Int` holds is past the end.
            let offset = request?.queryValue(parameter).map { text in
                Int(text) ?? (JSONNumber(validating: text).map { $0.isInteger && !text.hasPrefix("-") } == true ? .max : 0)
            } ?? 0
            let asked = size.flatMap { request?.queryValue($0) }.flatMap { Int($0) } ?? Self.offsetListingCount
            let count = max(0, min(asked, Self.offsetListingCount - max(0, offset)))
            if let items = paging.items, let itemSchema = registry[schemaName]?.properties[items]?.items {
                let start = max(0, offset)
                members[items] = .array((start..<start + count).compactMap { position in
                    var examples = SchemaExample(registry: registry, seed: "\(seed)#\(position)", linkPath: request.map { Self.linkPath($0.path) })
                    return try? examples.value(for: itemSchema, hint: items)
                })
            }
            if let total, members[total] != nil {
                members[total] = .integer(Self.offsetListingCount)
            } else {
                paging.items.map { Self.countItems(in: &members, items: $0) }
            }
        }
        return .object(members)
    }

    private static func removing(_ path: ArraySlice<String>, from value: JSONValue) -> JSONValue {
        guard let key = path.first, var members = value.objectValue else { return value }
        if path.count == 1 {
            members[key] = nil
        } else if let inner = members[key] {
            members[key] = removing(path.dropFirst(), from: inner)
        }
        return .object(members)
    }
}
