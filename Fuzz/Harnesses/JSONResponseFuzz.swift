// libFuzzer target `json-response`: any bytes, as the body of a 200 response to
// getCustomersOfIndirectReseller, through the runtime's response path: `ResponseValidator`
// (JSON parser, then the schema `CustomerCollection` of the compiled spec: the quick conformance walk, checked here against the full run), then
// `ValidatedResponse.decode` into the generated `CustomerCollection`; and the byte-level
// `ConformanceScan` of the same bytes (result files' lines), whose yes the validator must share.
// Built and run by scripts/fuzz; see Fuzzing.md.

import Foundation
import PartnerCenter
@testable import APIRuntime

/// Stops the run with `message` when `condition` is false (unlike `precondition`, the
/// message survives `-O`, so libFuzzer's report says which property broke).
private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

private func fail(_ message: String) -> Never {
    fatalError("fuzz property violated: \(message)")
}

/// The compiled spec and the operation whose response is fuzzed (checked once, at start).
private let contents: APIDocument.Contents = {
    do {
        return try PartnerCenterClient.document.get()
    } catch {
        fail("the compiled spec does not load: \(error)")
    }
}()

private let operation: OperationDescription = {
    guard let operation = contents.operations["getCustomersOfIndirectReseller"],
        operation.response(for: 200)?.schemaName == "CustomerCollection"
    else { fail("getCustomersOfIndirectReseller no longer answers a CustomerCollection") }
    return operation
}()

private let maximumViolations = APIClient.Configuration().maximumViolations

/// The value an RFC 6901 pointer names in `json`, or nil when there is none.
private func value(at pointer: String, in json: JSONValue) -> JSONValue? {
    guard !pointer.isEmpty else { return json }
    guard pointer.hasPrefix("/") else { return nil }
    var current = json
    for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map({ JSONPointer.unescape(String($0)) }) {
        switch current {
        case let .object(members):
            guard let member = members[token] else { return nil }
            current = member
        case let .array(items):
            guard let position = Int(token), items.indices.contains(position) else { return nil }
            current = items[position]
        default:
            return nil
        }
    }
    return current
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let response = TransportResponse(
        status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json; charset=utf-8")],
        body: Data(bytes: data, count: size)
    )
    let validator = ResponseValidator(contents: contents, operation: operation, maximumViolations: maximumViolations, policy: .strict)
    var scan = ConformanceScan(registry: contents.schemas)
    let scanned = contents.schemas.compiled(named: "CustomerCollection").map { root in
        scan.conforms(UnsafeBufferPointer(start: data, count: size), to: root)
    } ?? false
    let validated: ValidatedResponse
    do {
        validated = try validator.validate(response, context: CallContext(operationID: operation.id))
    } catch {
        check(!scanned, "the byte-level scan accepted a body that validation refuses: \(error)")
        switch error.kind {
        case .malformedResponse:
            break
        case let .invalidResponse(violations):
            check(!violations.isEmpty && violations.count <= maximumViolations, "\(violations.count) violations")
            // Each violation points at a value the body really has (its JSON is valid here).
            let json = try? JSONParser.parse(response.body.starts(with: [0xEF, 0xBB, 0xBF]) ? response.body.dropFirst(3) : response.body)
            for violation in violations {
                check(json.flatMap { value(at: violation.pointer, in: $0) } != nil, "violation at a pointer the body lacks: \(violation)")
            }
        default:
            fail("unexpected error from validation: \(error)")
        }
        return 0
    }
    // The quick conformance walk said yes (validation found nothing): the full run agrees.
    if let schema = contents.schemas["CustomerCollection"] {
        let root = contents.schemas.compiled(schema)
        var run = ValidationRun(registry: contents.schemas, maximumViolations: maximumViolations)
        check(run.validate(validated.json, against: root).isEmpty, "the quick walk accepted what the full run refuses")
    }
    // What the CLI prints is the validated value written back: it must read back the same.
    let written = JSONWriter.bytes(from: validated.json)
    do {
        let reread = try JSONParser.parse(written)
        check(reread == validated.json, "written JSON reads back differently: \(String(decoding: written, as: UTF8.self))")
    } catch {
        fail("written JSON does not parse: \(error): \(String(decoding: written, as: UTF8.self))")
    }
    // A body that matches the schema decodes into the model generated from that schema; the
    // only refusal allowed is a number too large for its Swift type (never rounded).
    do {
        let page = try validated.decode(as: CustomerCollection.self)
        check(page.items.count == validated.json["items"]?.arrayValue?.count, "items lost in decoding")
    } catch {
        guard case let .decoding(message) = error.kind, message.contains("does not fit") else {
            fail("a body that matches the schema does not decode: \(error)")
        }
    }
    return 0
}
