import JSONValues

// Paging's JSON form in the compiled document (written and read here alone).
extension Paging {
    /// The items of `page`, a page's JSON.
    public func items(of page: JSONValue) -> [JSONValue] {
        (items.map { page[$0] } ?? page)?.arrayValue ?? []
    }

    package init(_ reader: DocumentReader) throws(DocumentError) {
        let style: Style
        if let offset = reader.optionalString("offset") {
            style = .offset(parameter: offset, size: reader.optionalString("size"), total: reader.optionalString("total"))
        } else if let header = reader.optionalString("nextHeader") {
            style = .continuationHeader(header)
        } else {
            style = .nextLink(try reader.array("next").compactMap(\.stringValue))
        }
        self.init(items: reader.optionalString("items"), style: style)
    }

    /// `items` beside `next` (a path), `offset` (with `size` and `total`) or `nextHeader`.
    public var json: JSONValue {
        let items: (String, JSONValue?) = ("items", self.items.map(JSONValue.string))
        return switch style {
        case let .nextLink(path): .sortedObject([items, ("next", .strings(path))])
        case let .offset(parameter, size, total):
            .sortedObject([items, ("offset", .string(parameter)), ("size", size.map(JSONValue.string)), ("total", total.map(JSONValue.string))])
        case let .continuationHeader(header): .sortedObject([items, ("nextHeader", .string(header))])
        }
    }
}

// A job's JSON form in the compiled document (the spec's `job:`; the OpenAPI export's `x-job`).
extension Job {
    package init(_ reader: DocumentReader) throws(DocumentError) {
        var jobResult: JobResult?
        if let result = reader.member("result") {
            var files: ResultFiles?
            if let entry = result.member("files") {
                files = ResultFiles(
                    directory: try entry.string("directory"), token: try entry.string("token"), list: try entry.string("list"),
                    name: try entry.string("name"), record: try entry.string("record")
                )
            }
            jobResult = JobResult(operation: try result.string("operation"), members: try result.array("members").compactMap(\.stringValue), files: files)
        }
        self.init(
            poll: try reader.string("poll"), status: try reader.string("status"), succeeded: try reader.array("succeeded").compactMap(\.stringValue),
            failed: (reader.value["failed"]?.arrayValue ?? []).compactMap(\.stringValue), error: reader.optionalString("error"), result: jobResult
        )
    }

    public var json: JSONValue {
        let files = result?.files.map { files in
            JSONValue.sortedObject([
                ("directory", .string(files.directory)), ("token", .string(files.token)), ("list", .string(files.list)),
                ("name", .string(files.name)), ("record", .string(files.record)),
            ])
        }
        let resultValue = result.map { result in
            JSONValue.sortedObject([("operation", .string(result.operation)), ("members", .strings(result.members)), ("files", files)])
        }
        return .sortedObject([
            ("poll", .string(poll)), ("status", .string(status)), ("succeeded", .strings(succeeded)),
            ("failed", .strings(failed)), ("error", error.map(JSONValue.string)), ("result", resultValue),
        ])
    }
}
