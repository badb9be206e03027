/// How a collection operation pages: the spec's `paging:`, as the spec loader reads it and the
/// runtime follows it.
public struct Paging: Sendable, Hashable {
    /// How the next page is asked for.
    public enum Style: Sendable, Hashable {
        /// The page's next link at this property path names the next request: a link object
        /// (`["links", "next"]`: its `uri`, and `headers` such as `MS-ContinuationToken`) or a
        /// URL string (`["@odata.nextLink"]`); none on the last page.
        case nextLink([String])
        /// The query parameter `offset` is advanced by the items received; a page shorter than
        /// the `size` parameter's value, an empty page, or reaching the page property `total`
        /// ends the listing.
        case offset(parameter: String, size: String?, total: String?)
        /// Each page's response header of this name carries the token of the next page, which
        /// the next request (the first one again) sends in the request header of the same
        /// name (Partner Center's `MS-ContinuationToken`); a page without it is the last.
        case continuationHeader(String)
    }

    /// The property of a page that holds its items; nil when the page itself (the response
    /// body, an array) is the items.
    public var items: String?
    public var style: Style

    public init(items: String?, style: Style) {
        self.items = items
        self.style = style
    }

    /// The next-link path, for the `nextLink` style.
    public var next: [String]? {
        if case let .nextLink(path) = style { path } else { nil }
    }
}
