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
/// and its declared response headers. A paged response is the last page: its next link is left
/// out, its total is its item count.
struct SpecResponder: Sendable {
    private struct Route: Sendable {
        var operation: OperationDescription
        /// The path's segments: literal text, or nil for a `{parameter}`.
        var segments: [String?]
        var parameterNames: [String]
    }

    private let routes: [Route]
    private let registry: SchemaRegistry

    init(contents: APIDocument.Contents) {
        registry = contents.schemas
        routes = contents.operations.values.sorted { $0.id < $1.id }.map { operation in
            let parts = operation.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            return Route(
                operation: operation,
                segments: parts.map { $0.hasPrefix("{") && $0.hasSuffix("}") ? nil : $0 },
                parameterNames: parts.filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
            )
        }
    }

    /// The answer for `request`, or nil when no operation of the spec has its path.
    func respond(to request: HTTPServerRequest) -> StubResult? {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let candidates = routes.filter { route in
            route.segments.count == segments.count && zip(route.segments, segments).allSatisfy { $0 == nil || $0 == $1 }
        }
        guard !candidates.isEmpty else { return nil }
        let sameMethod = candidates.filter { $0.operation.method == request.method }
        guard let most = sameMethod.map(Self.literals).max() else {
            let allowed = Set(candidates.map(\.operation.method)).sorted().joined(separator: ", ")
            return .error(405, code: 405, description: "\(request.method) is not allowed on \(request.path); the spec has \(allowed).")
        }
        // Several operations may share a method and path (`GET /v1/customers` filtered by
        // reseller or by name): the first whose parameters the request satisfies answers.
        var firstProblem: String?
        for route in sameMethod where Self.literals(route) == most {
            let pathValues = Dictionary(
                zip(route.segments, segments).filter { $0.0 == nil }.map(\.1).enumerated().map { (route.parameterNames[$0.offset], $0.element) },
                uniquingKeysWith: { first, _ in first }
            )
            guard let problem = check(request, against: route.operation, pathValues: pathValues) else {
                return answer(route.operation, seed: request.method + " " + request.path)
            }
            firstProblem = firstProblem ?? problem
        }
        return .error(400, code: 400, description: firstProblem ?? "The request matches no operation.")
    }

    private static func literals(_ route: Route) -> Int {
        route.segments.count { $0 != nil }
    }

    // MARK: - Checking the request

    /// What is wrong with the request's parameters or body, or nil.
    private func check(_ request: HTTPServerRequest, against operation: OperationDescription, pathValues: [String: String]) -> String? {
        let validator = SchemaValidator(registry: registry)
        for parameter in operation.parameters {
            let text: String? = switch parameter.location {
            case .path: pathValues[parameter.name]
            case .query: request.queryValue(parameter.name)
            case .header: request.header(parameter.name)
            }
            guard let text else {
                if parameter.isRequired { return "The \(parameter.location.rawValue) parameter \(parameter.name) is required." }
                continue
            }
            guard let value = Self.value(of: text, json: parameter.isJSON, schema: parameter.schema) else {
                return "The \(parameter.location.rawValue) parameter \(parameter.name) is not valid JSON."
            }
            if let violation = validator.validate(value, against: parameter.schema).first {
                return "The \(parameter.location.rawValue) parameter \(parameter.name)\(Self.at(violation.pointer)): \(violation.message)."
            }
        }
        guard let body = operation.body else { return nil }
        if request.body.isEmpty {
            return body.isRequired ? "The request body is required." : nil
        }
        guard body.mediaType == "application/json" else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(request.body))
        } catch {
            return "The request body is not valid JSON: \(error)."
        }
        if let violation = validator.validate(value, against: body.schema).first {
            return "The request body\(Self.at(violation.pointer)): \(violation.message)."
        }
        return nil
    }

    /// A parameter's text as the JSON value its schema checks: parsed JSON, a number or a
    /// boolean where the schema asks for one, else the string. Nil for JSON that does not parse.
    private static func value(of text: String, json: Bool, schema: JSONSchema) -> JSONValue? {
        if json { return try? JSONParser.parse(Array(text.utf8)) }
        if schema.types.contains(.integer), let number = Int(text) { return .integer(number) }
        if schema.types.contains(.number), let number = Double(text), let value = JSONNumber(number) { return .number(value) }
        if schema.types.contains(.boolean), let flag = Bool(text) { return .bool(flag) }
        return .string(text)
    }

    private static func at(_ pointer: String) -> String {
        pointer.isEmpty ? "" : " at \(pointer)"
    }

    // MARK: - The answer

    private func answer(_ operation: OperationDescription, seed: String) -> StubResult {
        guard let status = operation.successStatuses.first, let declared = operation.responses[status] else {
            return .error(501, code: 501, description: "The spec declares no success status for \(operation.id).")
        }
        var examples = SchemaExample(registry: registry, seed: seed)
        var headers: [(name: String, value: String)] = []
        do {
            for header in declared.headers {
                let value = try examples.value(for: header.schema, hint: header.name)
                headers.append((header.name, value.stringValue ?? JSONWriter.string(from: value)))
            }
            if let schemaName = declared.schemaName {
                var body = try examples.value(forSchemaNamed: schemaName)
                if let paging = operation.paging { body = Self.lastPage(body, paging: paging) }
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

    /// `page` as the last page: no next link; the total, if it has one, its item count.
    private static func lastPage(_ page: JSONValue, paging: PagingDescription) -> JSONValue {
        guard var members = page.objectValue else { return page }
        switch paging.style {
        case let .nextLink(path):
            members = removing(path[...], from: .object(members)).objectValue ?? members
        case let .offset(_, _, total):
            if let total, members[total] != nil {
                members[total] = .integer(members[paging.items]?.arrayValue?.count ?? 0)
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
