import PartnerCenter

/// Shell completion of operation ids (`partner-center call get<TAB>`), from the compiled spec.
enum OperationCompletion {
    /// Every operation id of the spec, sorted; none when the compiled spec cannot be read.
    static func operationIDs() -> [String] {
        ((try? PartnerCenterClient.document.get().operations.keys.sorted()) ?? [])
    }

    /// The operation ids starting with `prefix`: argument-parser's `CompletionKind.custom`
    /// callback (the command line's words, the index of the word completed, and its prefix).
    @Sendable static func complete(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        operationIDs().filter { $0.hasPrefix(prefix) }
    }
}
