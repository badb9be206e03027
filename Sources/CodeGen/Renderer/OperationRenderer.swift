/// Prints one client method per operation, its `…Response` twin (the whole response), a
/// `…Pages` method for paged operations, for a download a twin that writes to a file, and
/// for an operation that starts a job a plain method that returns the job's location and an
/// `…AndWait` twin that returns its outcome.
struct OperationRenderer {
    func render(_ operation: OperationDeclaration, into printer: inout CodePrinter) {
        let arguments = (operation.body.map { [$0.argument] } ?? []) + operation.arguments
        let signature = arguments.enumerated().map { index, argument in
            let label = index == 0 && operation.body != nil ? "_ " : ""
            return "\(label)\(Naming.escaped(argument.name)): \(argument.type)" + (argument.defaultValue.map { " = \($0)" } ?? "")
        }.joined(separator: ", ")
        let selector = arguments.enumerated().map { index, argument in
            (index == 0 && operation.body != nil ? "_" : argument.name) + ":"
        }.joined()
        let method = Naming.escaped(operation.methodName)
        let resultType = operation.result.type
        let twin = Naming.escaped(operation.methodName + "Response")
        // The plain method calls its `…Response` twin, so a request is spelt out once.
        let forwarded = "self.\(twin)(" + arguments.enumerated().map { index, argument in
            (index == 0 && operation.body != nil ? "" : Naming.label(argument.name) + ": ") + Naming.escaped(argument.name)
        }.joined(separator: ", ") + ")"
        if operation.startsJob {
            renderJob(operation, method: method, signature: signature, selector: selector, into: &printer)
        } else {
            renderPlain(operation, method: method, signature: signature, forwarded: forwarded, into: &printer)
        }
        // A download already carries its status, headers and ids; its twin writes a file.
        if case .download = operation.result, let file = operation.fileArgument {
            renderCompanion(
                operation, selector: selector,
                "Writes the bytes to `\(file)` as they arrive, replacing it once all are there (left as it was when the call fails); memory stays flat. The value is the number of bytes written.",
                declaration: "\(method)(\((signature.isEmpty ? "" : signature + ", ") + "to \(Naming.escaped(file)): Foundation.URL")) async throws -> APIRuntime.APIResponse<Swift.Int>",
                body: "try await self.client.download(\(request(operation)), to: \(Naming.escaped(file)))", into: &printer
            )
            return
        }
        companionDoc(operation, selector: selector, "The whole response: status, headers, request ids and value.", into: &printer)
        printer.lines(operation.attributes)
        printer.block("public func \(twin)(\(signature)) async throws -> APIRuntime.APIResponse<\(resultType)> {") { body in
            switch operation.result {
            case let .value(type): body.line("try await self.client.sendResponse(\(request(operation)), as: \(type).self)")
            case .none: body.line("try await self.client.sendResponse(\(request(operation))).map { _ in () }")
            case let .cases(type): body.line("try await self.client.sendResponse(\(request(operation)), cases: \(type).self)")
            case .download: break
            }
        }
        guard let paging = operation.paging, case let .value(pageType) = operation.result else { return }
        companionDoc(operation, selector: selector, "Every page, one request after another; `.items` flattens them into items.", into: &printer)
        let pages = Naming.escaped(operation.methodName + "Pages")
        let operationID = SwiftLiteral.string(operation.operationID)
        printer.lines(operation.attributes)
        printer.block("public func \(pages)(\(signature)) -> APIRuntime.PageSequence<\(pageType), \(paging.itemType)> {") { body in
            body.line("self.client.pages(\(operationID), as: \(pageType).self, parameters: { \(parametersCall(operation)) }, items: { \(paging.itemsExpression) })")
        }
    }

    /// The plain method: the value of its `…Response` twin (or the download).
    private func renderPlain(_ operation: OperationDeclaration, method: String, signature: String, forwarded: String, into printer: inout CodePrinter) {
        printer.lines(operation.doc)
        printer.lines(operation.attributes)
        printer.block("public func \(method)(\(signature)) async throws -> \(operation.result.type) {") { body in
            switch operation.result {
            case .value, .cases: body.line("try await \(forwarded).value")
            case .none: body.line("_ = try await \(forwarded)")
            case .download: body.line("try await self.client.download(\(request(operation)))")
            }
        }
    }

    /// For an operation that starts a job: the plain method starts it and returns where it is;
    /// `…AndWait` starts it, waits for it and returns its outcome (its result, its files).
    private func renderJob(_ operation: OperationDeclaration, method: String, signature: String, selector: String, into printer: inout CodePrinter) {
        // The summary, description and parameters: what it returns and throws is the job's.
        printer.lines(operation.doc.prefix { !$0.hasPrefix("/// - Returns:") && !$0.hasPrefix("/// - Throws:") })
        printer.line("/// - Returns: Where the job is (its `202`'s `Location`): wait for it with ``\(operation.methodName)AndWait(\(selector)options:)``,")
        printer.line("///   or, from another process, `client.waitForJob(\(SwiftLiteral.string(operation.operationID)), at: url)`.")
        printer.line("/// - Throws: `APIError` when the request is invalid or fails.")
        printer.lines(operation.attributes)
        printer.block("public func \(method)(\(signature)) async throws -> APIRuntime.JobLocation {") { body in
            body.line("try await self.client.startJob(\(request(operation)))")
        }
        let options = (signature.isEmpty ? "" : signature + ", ") + "options: APIRuntime.JobWaitOptions = .init()"
        renderCompanion(
            operation, selector: selector,
            "Starts the job and waits for it (`options`: the longest wait, progress), then returns its outcome: its result and the files it lists (read them with `client.readResultFile`). Throws `APIError` with `jobFailed` or `jobUnfinished` when it does not succeed.",
            declaration: "\(Naming.escaped(operation.methodName + "AndWait"))(\(options)) async throws -> APIRuntime.JobOutcome",
            body: "try await self.client.runJob(\(request(operation)), options: options)", into: &printer
        )
    }

    /// A method beside the operation's own, of one line: its doc, attributes and declaration
    /// (`name(parameters) async throws -> Type`).
    private func renderCompanion(
        _ operation: OperationDeclaration, selector: String, _ returns: String, declaration: String, body line: String, into printer: inout CodePrinter
    ) {
        companionDoc(operation, selector: selector, returns, into: &printer)
        printer.lines(operation.attributes)
        printer.block("public func \(declaration) {") { body in body.line(line) }
    }

    /// The doc comment of a method beside the operation's own: its summary, what it returns,
    /// and a link to the operation's method for the parameters.
    private func companionDoc(_ operation: OperationDeclaration, selector: String, _ returns: String, into printer: inout CodePrinter) {
        printer.line()
        printer.lines(operation.doc.prefix { $0 != "///" })
        printer.line("///")
        printer.line("/// \(returns)")
        printer.line("/// Parameters as for ``\(operation.methodName)(\(selector))``.")
        printer.lines(operation.notes)
    }

    /// The operation id, parameters and body arguments of a `client.send…` call.
    private func request(_ operation: OperationDeclaration) -> String {
        "\(SwiftLiteral.string(operation.operationID)), parameters: \(parametersCall(operation))"
            + (operation.body.map { ", body: \($0.expression)" } ?? "")
    }

    private func parametersCall(_ operation: OperationDeclaration) -> String {
        guard !operation.parameterValues.isEmpty else { return "[:]" }
        let entries = operation.parameterValues.map { "\(SwiftLiteral.string($0.name)): \($0.expression)" }
        return "[" + entries.joined(separator: ", ") + "]"
    }
}
