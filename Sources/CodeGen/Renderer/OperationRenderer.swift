/// Prints one client method per operation, plus a `…Pages` method for paged operations.
struct OperationRenderer {
    func render(_ operation: OperationDeclaration, into printer: inout CodePrinter) {
        let signature = operation.arguments.map { argument in
            "\(Naming.escaped(argument.name)): \(argument.type)" + (argument.defaultValue.map { " = \($0)" } ?? "")
        }.joined(separator: ", ")
        let operationID = SwiftLiteral.string(operation.operationID)
        let method = Naming.escaped(operation.methodName)
        printer.lines(operation.doc)
        printer.block("public func \(method)(\(signature)) async throws -> \(operation.responseType) {") { body in
            body.line("try await client.send(\(operationID), parameters: \(parametersCall(operation)), as: \(operation.responseType).self)")
        }
        guard let paging = operation.paging else { return }
        printer.line()
        printer.lines(operation.doc.prefix { $0 != "///" })
        printer.line("///")
        printer.line("/// Every page, following each page's next link; `.items` flattens them into items.")
        printer.line("/// Parameters as for ``\(operation.methodName)(\(operation.arguments.map { $0.name + ":" }.joined()))``.")
        let pages = Naming.escaped(operation.methodName + "Pages")
        printer.block("public func \(pages)(\(signature)) -> PageSequence<\(operation.responseType), \(paging.itemType)> {") { body in
            body.line("client.pages(\(operationID), as: \(operation.responseType).self, parameters: { \(parametersCall(operation)) }, items: { \(paging.itemsExpression) })")
        }
    }

    private func parametersCall(_ operation: OperationDeclaration) -> String {
        guard !operation.parameterValues.isEmpty else { return "[:]" }
        let entries = operation.parameterValues.map { "\(SwiftLiteral.string($0.name)): \($0.expression)" }
        return "[" + entries.joined(separator: ", ") + "]"
    }
}
