/// Merges the files of a spec and runs the checks that need all of them:
/// one `api`, unique schema names and operation ids, paging that fits its response,
/// and `$ref` cycles that no Swift value type could hold.
enum SpecAssembler {
    static func assemble(_ files: [FileContents], locations: [String: SourceLocation], diagnostics: inout DiagnosticCollector) -> Spec? {
        let mains = files.filter { $0.api != nil }
        for extra in mains.dropFirst() {
            if let node = extra.api?.node {
                diagnostics.error("only one file may declare 'api'; \(mains[0].path) already does", at: node.location)
            }
        }
        guard let main = mains.first, let api = main.api else {
            if let first = files.first {
                diagnostics.error("the spec declares no 'api' name", at: SourceLocation(file: first.path, line: 1, column: 1))
            }
            return nil
        }
        for file in files where file.api == nil && file.connection.declaresConnection {
            diagnostics.error(
                "'servers', 'headers', 'scopes' and 'error' belong in the file that declares 'api' (or under its 'apis')",
                at: SourceLocation(file: file.path, line: 1, column: 1)
            )
        }
        if main.connection.servers.isEmpty {
            diagnostics.error("the spec declares no 'servers'", at: api.node.location)
        }
        let otherAPIs = checkedAPIs(files, main: main, mainName: api.name, diagnostics: &diagnostics)
        let files = files.map { placeOperations(of: $0, mainName: api.name, otherAPIs: otherAPIs, mainErrorSchema: main.connection.errorSchema, diagnostics: &diagnostics) }
        let schemas = unique(files.flatMap(\.schemas), name: \.schema.name, key: \.key, what: "schema", diagnostics: &diagnostics).map(\.schema)
        let operations = unique(files.flatMap(\.operations), name: \.operation.id, key: \.key, what: "operation id", diagnostics: &diagnostics).map(\.operation)
        let byName = Dictionary(schemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        for file in files {
            for (operationID, itemsNode, styleNode, totalNode) in file.paging {
                guard let operation = operations.first(where: { $0.id == operationID }) else { continue }
                checkPaging(operation, items: itemsNode, style: styleNode, total: totalNode, schemas: byName, diagnostics: &diagnostics)
            }
        }
        let jobCheck = JobCheck(operations: operations, schemas: byName)
        for (operationID, key) in files.flatMap(\.jobs) {
            guard let operation = operations.first(where: { $0.id == operationID }) else { continue }
            jobCheck.check(operation, key: key, diagnostics: &diagnostics)
        }
        for check in files.flatMap(\.parameterChecks) {
            checkParameter(check, schemas: byName, diagnostics: &diagnostics)
        }
        CycleFinder(schemas: byName, locations: locations).report(diagnostics: &diagnostics)
        var spec = Spec(mainAPI: main.connection, operations: operations.sorted { $0.id < $1.id }, schemas: schemas.sorted { $0.name < $1.name })
        spec.locations = locations
        spec.otherAPIs = otherAPIs.sorted { $0.name < $1.name }
        return spec
    }

    /// The APIs of `apis:`: declared in the main file only, each name once and not the main API's.
    private static func checkedAPIs(
        _ files: [FileContents], main: FileContents, mainName: String, diagnostics: inout DiagnosticCollector
    ) -> [APIConnection] {
        for file in files where file.api == nil {
            for (_, key) in file.apis {
                diagnostics.error("'apis' belong in the file that declares 'api' (\(main.path))", at: key.location)
            }
        }
        var apis: [APIConnection] = []
        for (api, key) in main.apis {
            if api.name == mainName {
                diagnostics.error("'\(api.name)' is the main API's name ('api'); another API needs a name of its own", at: key.location)
            } else if apis.contains(where: { $0.name == api.name }) {
                diagnostics.error("duplicate API name '\(api.name)'", at: key.location)
            } else {
                apis.append(api)
            }
        }
        return apis
    }

    /// `file` with each operation placed in its API (its own `belongsTo`, else its file's,
    /// else the main API) and given its API's error schema as `default` response when it
    /// declares none.
    private static func placeOperations(
        of file: FileContents, mainName: String, otherAPIs: [APIConnection], mainErrorSchema: String?, diagnostics: inout DiagnosticCollector
    ) -> FileContents {
        let names = [mainName] + otherAPIs.map(\.name)
        func known(_ name: String, at node: YAMLNode) -> Bool {
            if names.contains(name) { return true }
            diagnostics.error("'belongsTo' names no API '\(name)'\(Suggestion.clause(for: name, in: names)); the spec's APIs are \(names.sorted().joined(separator: ", "))", at: node.location)
            return false
        }
        if file.api != nil, let (_, node) = file.belongsTo {
            diagnostics.error("the operations of the file that declares 'api' belong to that API; 'belongsTo' is for the other files", at: node.location)
        }
        let fileAPI = file.belongsTo.flatMap { known($0.name, at: $0.node) ? $0.name : nil }
        var placed = file
        for index in placed.operations.indices {
            let id = placed.operations[index].operation.id
            let own = file.operationAPIs.first { $0.operationID == id }.flatMap { known($0.name, at: $0.node) ? $0.name : nil }
            let name = own ?? fileAPI ?? mainName
            let api = otherAPIs.first { $0.name == name }
            placed.operations[index].operation.apiName = api?.name
            let errorSchema = api.map(\.errorSchema) ?? mainErrorSchema
            if let errorSchema, !placed.operations[index].operation.responses.contains(where: { $0.status == .default }) {
                placed.operations[index].operation.responses.append(ResponseDescription(status: .default, body: .json(schemaName: errorSchema)))
            }
        }
        return placed
    }

    /// The entries with a first-seen name; later duplicates are reported.
    private static func unique<Entry>(
        _ entries: [Entry], name: KeyPath<Entry, String>, key: KeyPath<Entry, YAMLNode>, what: String,
        diagnostics: inout DiagnosticCollector
    ) -> [Entry] {
        var firstSeen: [String: SourceLocation] = [:]
        var result: [Entry] = []
        for entry in entries {
            let entryName = entry[keyPath: name]
            let location = entry[keyPath: key].location
            if let first = firstSeen[entryName] {
                diagnostics.error("duplicate \(what) '\(entryName)' (first defined at \(first))", at: location)
            } else {
                firstSeen[entryName] = location
                result.append(entry)
            }
        }
        return result
    }

    /// A parameter's `arguments` name properties of its JSON-encoded object schema, and an
    /// object or array parameter is JSON-encoded (its schema resolved through `$ref`).
    private static func checkParameter(_ check: ParameterCheck, schemas: [String: JSONSchema], diagnostics: inout DiagnosticCollector) {
        let schema = check.schema.resolved(in: schemas)
        if check.encoding == .plain, let type = schema.singleType, type == .object || type == .array {
            diagnostics.error("an object or array parameter needs 'encoding: json'", at: check.schemaKey.location)
        }
        guard let arguments = check.arguments else { return }
        let names = schema.properties.map(\.name)
        if check.encoding != .json || names.isEmpty {
            diagnostics.error("'arguments' applies only to a JSON-encoded object parameter", at: arguments.location)
            return
        }
        guard case let .mapping(pairs) = arguments.content else { return }
        for pair in pairs {
            guard let key = pair.key.scalar, !names.contains(key) else { continue }
            diagnostics.error("'arguments' names no property '\(key)' of the parameter\(Suggestion.clause(for: key, in: names))", at: pair.key.location)
        }
    }

    /// `paging.items` must name an array property of the success response (or, left out, the
    /// response be an array), `paging.next` a property path that exists in it, and
    /// `paging.total` an integer property of it; each problem is reported at the value that
    /// names it.
    private static func checkPaging(
        _ operation: OperationDescription, items itemsNode: YAMLNode?, style styleNode: YAMLNode, total totalNode: YAMLNode?, schemas: [String: JSONSchema],
        diagnostics: inout DiagnosticCollector
    ) {
        guard let paging = operation.paging else { return }
        guard operation.successResponses.count == 1, let pageName = operation.successResponse?.schemaName, let named = schemas[pageName] else {
            diagnostics.error("a paged operation needs exactly one success response, with a JSON body ('$ref')", at: (itemsNode ?? styleNode).location)
            return
        }
        let page = named.resolved(in: schemas)
        if let items = paging.items {
            let itemsSchema = page.properties.first { $0.name == items }?.schema.resolved(in: schemas)
            if itemsSchema?.singleType != .array {
                diagnostics.error("paging 'items' must name an array property of '\(pageName)', found '\(items)'", at: (itemsNode ?? styleNode).location)
            }
        } else if page.singleType != .array {
            diagnostics.error("paging without 'items' needs an array response, and '\(pageName)' is not one: name the property that holds the items", at: styleNode.location)
            return
        }
        switch paging.style {
        case let .nextLink(path):
            var current = page
            for component in path {
                guard let property = current.resolved(in: schemas).properties.first(where: { $0.name == component }) else {
                    diagnostics.error("paging 'next' path '\(path.joined(separator: "."))' does not exist in '\(pageName)'", at: styleNode.location)
                    return
                }
                current = property.schema.resolved(in: schemas)
            }
            if let type = current.singleType, type != .object, type != .string {
                diagnostics.error("paging 'next' path '\(path.joined(separator: "."))' must hold a link object or a URL string, not \(type.rawValue)", at: styleNode.location)
            }
        case let .offset(_, _, total?):
            let names = page.properties.map(\.name)
            guard let property = page.properties.first(where: { $0.name == total }) else {
                diagnostics.error("paging 'total' names no property '\(total)' of '\(pageName)'\(Suggestion.clause(for: total, in: names))", at: (totalNode ?? styleNode).location)
                return
            }
            if property.schema.resolved(in: schemas).singleType != .integer {
                diagnostics.error("paging 'total' property '\(total)' of '\(pageName)' must be of type 'integer'", at: (totalNode ?? styleNode).location)
            }
        case .offset, .continuationHeader:
            break
        }
    }
}

extension APIConnection {
    /// Whether it has `servers`, `headers`, `scopes` or `error`: what only the main file
    /// (or its `apis:`) may declare.
    fileprivate var declaresConnection: Bool {
        !servers.isEmpty || !headers.isEmpty || !scopes.isEmpty || errorSchema != nil
    }
}
