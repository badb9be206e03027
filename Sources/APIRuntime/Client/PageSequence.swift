import Foundation

/// The pages of a paged operation, fetched one at a time as they are iterated.
///
/// In the next-link style, the next request follows the page's next link (a link object: its
/// `uri` relative to the API root, with the link's headers such as `MS-ContinuationToken`; or
/// a URL string, as Microsoft Graph's `@odata.nextLink`), only on the API's own origin;
/// iteration ends when a page has no next link, and fails with `APIError.Kind.pagingLoop` when
/// a link comes back. In the continuation-header style, the next request is the first one
/// again with the token the page's response header carried, in the request header of the
/// same name; a page without it is the last, and a token that comes back is a loop. In the
/// offset style, the next request is the first one with its offset parameter
/// advanced by the items received; iteration ends on an empty page, on a page shorter than
/// the size asked for, or when the offset reaches the total the first page gave (a later
/// page's smaller total too): no more is asked for than the listing said it holds.
///
/// In either style, a page whose items are the previous page's again fails with
/// `APIError.Kind.pagingLoop` ("the server repeated a page") instead of being delivered: a
/// server or proxy that drops the `offset` query, or a link that changes while the page does
/// not, would otherwise be asked again and again.
public struct PageSequence<Page: Decodable & Sendable, Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page

    let client: APIClient
    let operationID: String
    let parameters: @Sendable () throws -> [String: JSONValue?]
    let itemsOfPage: @Sendable (Page) -> [Item]
    /// The most pages fetched; nil for all.
    public var maximumPages: Int?
    /// Where the listing starts: its first page, or the page a resume point names.
    var start: ListingResumePoint?

    init(
        client: APIClient, operationID: String, parameters: @escaping @Sendable () throws -> [String: JSONValue?],
        items: @escaping @Sendable (Page) -> [Item], maximumPages: Int? = nil
    ) {
        self.client = client
        self.operationID = operationID
        self.parameters = parameters
        self.itemsOfPage = items
        self.maximumPages = maximumPages
    }

    /// The rest of a listing that stopped (in this process or another) at `point`: the page
    /// it names first, then the pages after it. The point must be this operation's.
    public func resuming(from point: ListingResumePoint) -> PageSequence {
        var copy = self
        copy.start = point
        return copy
    }

    /// The same pages, stopping after `count`.
    public func prefix(pages count: Int) -> PageSequence {
        var copy = self
        copy.maximumPages = count
        return copy
    }

    /// The items of every page, in order.
    public var items: ItemSequence<Page, Item> {
        ItemSequence(pages: self)
    }

    /// The items of one page of this sequence.
    public func items(of page: Page) -> [Item] {
        itemsOfPage(page)
    }

    /// The same listing (same requests, same page limit), each page as its validated JSON and
    /// each item as the JSON it was received as: with the members the spec does not list and
    /// numbers as written, for callers that pass the data on rather than read it in Swift.
    public var json: PageSequence<JSONValue, JSONValue> {
        let paging = (try? client.document.get().operations[operationID]?.paging) ?? nil
        var json = PageSequence<JSONValue, JSONValue>(
            client: client, operationID: operationID, parameters: parameters,
            items: { page in paging?.items(of: page) ?? [] }, maximumPages: maximumPages
        )
        json.start = start
        return json
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    /// Fetches the next page on demand.
    public struct Iterator: AsyncIteratorProtocol {
        let sequence: PageSequence
        private var next: NextRequest? = .first
        /// The first request's parameters, which offset paging sends again.
        private var parameters: [String: JSONValue?] = [:]
        /// The offset of the last page requested (offset paging), nil before the first.
        private var offset: Int?
        private var seenLinks = Set<String>()
        /// The items of the last page, to tell a repeated page.
        private var previousItems: JSONValue?
        /// The total the first page of an offset listing gave.
        private var firstTotal: Int?
        private var fetched = 0
        /// How the page ``next()`` returned last breaks the spec's schema, each violation with
        /// its JSON pointer in that page: empty when it conforms, and always under
        /// ``ValidationPolicy/strict`` (which throws instead).
        public private(set) var violations: [SchemaViolation] = []
        /// A problem with the last page's next link, thrown after that page was returned.
        private var pendingError: APIError?
        /// Whether a request failed: the iteration is over (its resume point is that request).
        private var failed = false

        init(sequence: PageSequence) {
            self.sequence = sequence
            guard let start = sequence.start else { return }
            guard start.operationID == sequence.operationID else {
                pendingError = APIError(.invalidRequest(["the resume token is for \(start.operationID), not \(sequence.operationID)"]))
                next = nil
                return
            }
            switch start.next {
            case let .link(uri, method, headers): next = .resumedLink(uri: uri, method: method, headers: headers)
            case let .offset(offset, parameters):
                self.parameters = (parameters.objectValue?.dictionary ?? [:]).mapValues { $0 }
                next = .offset(offset)
            case let .continuation(token, parameters):
                self.parameters = (parameters.objectValue?.dictionary ?? [:]).mapValues { $0 }
                next = .continuation(token)
            }
        }

        /// What the next request is, for another process to go on from (see
        /// ``ListingResumePoint``): after a page that links to another, or after a request
        /// that failed; nil before the first page and after the last.
        public var resumePoint: ListingResumePoint? {
            switch next {
            case nil, .first?: nil
            case let .link(url, method, headers)?:
                ListingResumePoint(operationID: sequence.operationID, next: .link(uri: relativeURI(url), method: method, headers: headers))
            case let .resumedLink(uri, method, headers)?:
                ListingResumePoint(operationID: sequence.operationID, next: .link(uri: uri, method: method, headers: headers))
            case let .offset(offset)?:
                ListingResumePoint(operationID: sequence.operationID, next: .offset(offset, parameters: .members(parameters)))
            case let .continuation(token)?:
                ListingResumePoint(operationID: sequence.operationID, next: .continuation(token, parameters: .members(parameters)))
            }
        }

        /// Whether iteration stopped at `maximumPages` while the last page still linked to a
        /// next one: the listing is incomplete.
        public var stoppedBeforeTheEnd: Bool {
            fetched >= (sequence.maximumPages ?? .max) && next != nil
        }

        private enum NextRequest {
            case first
            case link(url: URL, method: String, headers: [HeaderField])
            /// A link from a resume point: relative to the base URL unless it left it.
            case resumedLink(uri: String, method: String, headers: [HeaderField])
            case offset(Int)
            /// The first request again, with this continuation token.
            case continuation(String)
        }

        /// `url` relative to the client's base URL (`/v1/customers?…`), so that a resume point
        /// works with the same API at another address (a stub on another port); absolute
        /// when it is not under the base URL.
        private func relativeURI(_ url: URL) -> String {
            guard let operation = try? operation(), var base = try? sequence.client.baseURL(of: operation).absoluteString else { return url.absoluteString }
            while base.hasSuffix("/") { base.removeLast() }
            let text = url.absoluteString
            return text.hasPrefix(base + "/") ? String(text.dropFirst(base.count)) : text
        }

        public mutating func next() async throws(APIError) -> Page? {
            if let pendingError {
                self.pendingError = nil
                throw pendingError
            }
            guard !failed, let request = next, fetched < (sequence.maximumPages ?? .max) else { return nil }
            let response: ValidatedResponse
            do {
                response = try await fetch(request)
            } catch {
                // Kept as the resume point; nothing more is fetched.
                failed = true
                throw error
            }
            next = nil
            violations = []
            try checkNotRepeated(response)
            fetched += 1
            let page = try response.decode(as: Page.self)
            violations = response.violations
            do {
                next = try nextRequest(after: response)
            } catch {
                // The page itself is good: return it, and report the broken link on the next call.
                pendingError = error
            }
            return page
        }

        /// Fails when the items of `response` are those of the page before (and some): the
        /// server answered the same page to a request for the next one. A check that costs
        /// one comparison of the first items in the common case, where they differ.
        private mutating func checkNotRepeated(_ response: ValidatedResponse) throws(APIError) {
            let paging = try? sequence.client.document.get().operations[sequence.operationID]?.paging
            let items = paging.map { JSONValue.array($0.items(of: response.json)) }
            defer { previousItems = items }
            guard let items, let previousItems, items.arrayValue?.isEmpty == false, items == previousItems else { return }
            failed = true
            var hint = ""
            if case let .offset(parameter, _, _)? = paging?.style {
                hint = ": it may ignore the query parameter '\(parameter)'"
            }
            throw response.context.error(.pagingLoop("the server repeated a page (page \(fetched + 1) holds the items of page \(fetched))\(hint)"))
        }

        /// The response to `request`.
        private mutating func fetch(_ request: NextRequest) async throws(APIError) -> ValidatedResponse {
            let client = sequence.client
            let response: ValidatedResponse
            switch request {
            case .first:
                let parameters: [String: JSONValue?]
                do {
                    parameters = try sequence.parameters()
                } catch let error as APIError {
                    throw error
                } catch {
                    throw APIError(.invalidRequest(["\(error)"]))
                }
                self.parameters = parameters
                response = try await client.call(sequence.operationID, parameters: parameters)
            case let .offset(offset):
                guard case let .offset(parameter, _, _)? = try client.document.get().operations[sequence.operationID]?.paging?.style else {
                    throw APIError(.invalidRequest(["\(sequence.operationID) does not page by offset"]))
                }
                var parameters = self.parameters
                parameters[parameter] = .integer(offset)
                self.offset = offset
                response = try await client.call(sequence.operationID, parameters: parameters)
            case let .continuation(token):
                guard case let .continuationHeader(header)? = try client.document.get().operations[sequence.operationID]?.paging?.style else {
                    throw APIError(.invalidRequest(["\(sequence.operationID) does not page by a continuation header"]))
                }
                response = try await client.call(sequence.operationID, parameters: parameters, continuation: HeaderField(name: header, value: token))
            case let .link(url, method, headers):
                response = try await client.execute(try operation(), method: method, url: url, extraHeaders: headers)
            case let .resumedLink(uri, method, headers):
                // Resolved and checked like a page's own link: only to the API's own origin.
                let operation = try operation()
                let url = try NextLink.url(for: uri, operationPath: operation.path, baseURL: client.baseURL(of: operation))
                response = try await client.execute(operation, method: method, url: url, extraHeaders: headers)
            }
            return response
        }

        private func operation() throws(APIError) -> OperationDescription {
            guard let operation = try sequence.client.document.get().operations[sequence.operationID] else {
                throw APIError(.invalidRequest(["the spec has no operation '\(sequence.operationID)'"]))
            }
            return operation
        }

        /// The request for the page after `response`, or nil on the last page.
        private mutating func nextRequest(after response: ValidatedResponse) throws(APIError) -> NextRequest? {
            let contents = try sequence.client.document.get()
            guard let operation = contents.operations[sequence.operationID], let paging = operation.paging else { return nil }
            let path: [String]
            switch paging.style {
            case let .nextLink(linkPath): path = linkPath
            case let .continuationHeader(header):
                guard let token = response.response.headers.value(named: header), !token.isEmpty else { return nil }
                guard seenLinks.insert("continuation\n" + token).inserted else {
                    throw response.context.error(.pagingLoop("the continuation token of page \(fetched) repeats an earlier one"))
                }
                return .continuation(token)
            case let .offset(parameter, size, total):
                let received = paging.items(of: response.json).count
                // Advanced by the items received, so it grows with each page: no loop.
                let offset = self.offset ?? (parameters[parameter] ?? nil)?.intValue ?? 0
                let asked = size.flatMap { (parameters[$0] ?? nil)?.intValue }
                let totalCount = total.flatMap { response.json[$0]?.intValue }
                if fetched == 1 { firstTotal = totalCount }
                let bound = Swift.min(totalCount ?? .max, firstTotal ?? .max)
                guard received > 0, received >= (asked ?? 1), offset + received < bound else { return nil }
                return .offset(offset + received)
            }
            var link: JSONValue? = response.json
            for key in path { link = link?[key] }
            guard let link, let parts = NextLink.parts(of: link) else { return nil }
            let url: URL
            do {
                url = try NextLink.url(for: parts.uri, operationPath: operation.path, baseURL: sequence.client.baseURL(of: operation))
            } catch {
                throw response.context.error(error.kind)
            }
            // The resolved URL, so that `/things?…` and `/v1/things?…` are the same request.
            let identity = url.absoluteString + "\n" + parts.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            guard seenLinks.insert(identity).inserted else {
                throw response.context.error(.pagingLoop("the next link \(parts.uri) repeats an earlier one"))
            }
            return .link(url: url, method: parts.method, headers: parts.headers)
        }
    }
}

/// The items of a `PageSequence`, page after page.
public struct ItemSequence<Page: Decodable & Sendable, Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item

    let pages: PageSequence<Page, Item>

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: pages.makeAsyncIterator(), itemsOfPage: pages.itemsOfPage)
    }

    /// Yields the items of the current page, fetching the next page when they run out.
    public struct Iterator: AsyncIteratorProtocol {
        var pages: PageSequence<Page, Item>.Iterator
        let itemsOfPage: @Sendable (Page) -> [Item]
        var buffered: [Item] = []
        var index = 0

        public mutating func next() async throws(APIError) -> Item? {
            while index == buffered.count {
                guard let page = try await pages.next() else { return nil }
                buffered = itemsOfPage(page)
                index = 0
            }
            defer { index += 1 }
            return buffered[index]
        }
    }
}
