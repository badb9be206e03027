import Foundation

/// One record of a job's result file: a line as it came, validated.
public struct ResultRecord: Sendable {
    /// The line's bytes exactly as received (its members, their order, number literals such
    /// as `36.0000`): what to print to pass on what the service sent.
    public var line: ArraySlice<UInt8>
    /// How it breaks the file's record schema: empty when it conforms (a violation is never
    /// a reason to drop a record: the client's validation policy decides, as for responses).
    public var violations: [SchemaViolation]
    /// Its line number in its file, from 1 (blank lines counted).
    public var number: Int
    /// The line parsed, when reading it made the value (it broke its schema).
    private var parsed: JSONValue?

    init(line: ArraySlice<UInt8>, parsed: JSONValue?, violations: [SchemaViolation], number: Int) {
        self.line = line
        self.parsed = parsed
        self.violations = violations
        self.number = number
    }

    /// The line parsed, made when asked for: a conforming line is checked over its bytes,
    /// without making its value. Every record handed out is valid JSON (a line that is not
    /// fails the read), so this is the line's value; to parse many lines, a
    /// ``JSONDocumentParser`` over ``line`` is faster (it makes each key once).
    public var json: JSONValue {
        get { parsed ?? (try? JSONParser.parse(line)) ?? .null }
        set { parsed = newValue }
    }
}

extension APIClient {
    /// Reads `file`, a file a job's result lists (``JobOutcome/files``), and hands each record
    /// to `record`, in order.
    ///
    /// The file is fetched from its own origin with only the access token its URL carries:
    /// no bearer token and none of the API's headers. It is streamed, decompressed as it
    /// arrives (gzip, with or without `Content-Encoding`; plain JSON Lines pass through),
    /// and split into lines, so memory stays flat whatever its size. Each line is validated
    /// against the file's record schema, over its bytes (a conforming line's value is made
    /// only when ``ResultRecord/json`` is asked for); under ``ValidationPolicy/strict`` a
    /// violation fails the read.
    ///
    /// A failure on the way (a dropped connection, HTTP 408, 429 or 5xx, a body cut short) is
    /// retried as the client's retry policy allows, resuming after the records already
    /// delivered: none is delivered twice, and a file that stays incomplete is an error,
    /// never a short result.
    /// - Returns: The number of records.
    /// - Throws: `APIError`: `resultFileRefused` when the storage refuses the file (403
    ///   `AuthenticationFailed` once its access expired: run the job again),
    ///   `malformedResponse` for a line that is not JSON or a file that stays truncated;
    ///   and whatever `record` throws.
    @discardableResult
    public func readResultFile(_ file: ResultFile, record: (ResultRecord) async throws -> Void) async throws -> Int {
        let contents = try document.get()
        let validator = SchemaValidator(registry: contents.schemas, maximumViolations: configuration.maximumViolations)
        let context = CallContext(operationID: file.name)
        var delivered = 0
        var attempt = 0
        var totalDelay = Duration.zero
        var retryAfter: String?
        while true {
            attempt += 1
            if Task.isCancelled { throw context.error(.cancelled) }
            let failure: APIError
            do {
                return try await readOnce(file, skipping: delivered, validator: validator, context: context) { next in
                    do {
                        try await record(next)
                    } catch {
                        throw DeliveryFailure(error: error)
                    }
                    delivered += 1
                }
            } catch let error as DeliveryFailure {
                throw error.error
            } catch let error as ResultFileFailure {
                failure = error.error
                guard error.isTransient else { throw failure }
                retryAfter = error.retryAfter
            }
            guard let delay = configuration.retry.nextDelay(afterAttempt: attempt, retryAfter: retryAfter, waited: totalDelay) else { throw failure }
            totalDelay += delay
            configuration.log.logger?.notice(
                "result file \(file.name): \(failure.description); reading it again, after \(delivered) records, in \(delay.wholeMilliseconds) ms"
            )
            try await configuration.wait(delay, context: context)
        }
    }

    /// One download of `file`: the records after the first `skipping`, to `deliver`.
    private func readOnce(
        _ file: ResultFile, skipping: Int, validator: SchemaValidator, context: CallContext, deliver: (ResultRecord) async throws -> Void
    ) async throws -> Int {
        // Nothing of the API's: no Authorization, no shared headers. The URL's query is the
        // file's only credential.
        let request = TransportRequest(method: "GET", url: file.url, headers: [HeaderField(name: "Accept", value: "*/*")], timeout: configuration.requestTimeout)
        let response: TransportStreamedResponse
        do {
            response = try await configuration.transport.stream(request)
        } catch {
            if Task.isCancelled { throw context.error(.cancelled) }
            throw ResultFileFailure(error: context.error(.transport(Redaction.redact(Self.withoutQuery("\(error)", of: file)))), isTransient: true)
        }
        guard (200...299).contains(response.status) else {
            let body = (try? await response.body.collect(upTo: 64 * 1024)) ?? Data()
            var error = context.error(.resultFileRefused(response.status, code: StorageError.code(headers: response.headers, body: body)))
            error.status = response.status
            throw ResultFileFailure(
                error: error, isTransient: configuration.retry.retriedStatuses.contains(response.status), retryAfter: response.header("Retry-After")
            )
        }
        var gzip = GzipStreamDecoder()
        var lines = JSONLinesSplitter()
        // Each line is checked over its bytes; one that does not conform (or is not JSON) is
        // parsed and validated, to say why. One parser for those lines: keys made once.
        var scan = ConformanceScan(registry: validator.registry)
        let recordSchema = validator.registry.compiled(named: file.recordSchema)
        var parser = JSONDocumentParser()
        func record(_ line: ArraySlice<UInt8>) throws -> ResultRecord {
            if let recordSchema, line.withContiguousStorageIfAvailable({ scan.conforms($0, to: recordSchema) }) == true {
                return ResultRecord(line: line, parsed: nil, violations: [], number: lines.lineNumber)
            }
            return try parse(line, number: lines.lineNumber, file: file, parser: &parser, validator: validator, context: context)
        }
        var count = 0
        func drain() async throws {
            while let bytes = try reading(file, context: context, isTransient: true, { () throws(FileError) in try gzip.nextOutput() }) {
                lines.feed(bytes)
                while let line = try reading(file, context: context, isTransient: false, { () throws(FileError) in try lines.nextLine() }) {
                    count += 1
                    if count > skipping {
                        try await deliver(try record(line))
                    }
                }
            }
        }
        do {
            for try await chunk in response.body {
                gzip.feed(chunk)
                try await drain()
            }
        } catch let failure as ResultFileFailure {
            throw failure
        } catch let failure as DeliveryFailure {
            throw failure
        } catch where !(error is CancellationError) && !Task.isCancelled {
            // The body stream failed: the connection dropped, or timed out.
            throw ResultFileFailure(error: context.error(.transport(Redaction.redact(Self.withoutQuery("\(error)", of: file)))), isTransient: true)
        } catch {
            // The task was cancelled: `cancelled`, as for the client's other calls (not the
            // stream's own CancellationError or URLError).
            throw context.error(.cancelled)
        }
        try reading(file, context: context, isTransient: true) { () throws(FileError) in try gzip.finish() }
        try await drain()
        if let last = try reading(file, context: context, isTransient: false, { () throws(FileError) in try lines.finish() }) {
            count += 1
            if count > skipping { try await deliver(try record(last)) }
        }
        return count
    }

    /// `step` (the gzip decoder's or the line splitter's), its `FileError` as the read's failure,
    /// named by the file; `isTransient` when reading the file again may not meet it (a body cut
    /// short), unlike a line over the limit.
    private func reading<T>(_ file: ResultFile, context: CallContext, isTransient: Bool, _ step: () throws(FileError) -> T) throws -> T {
        do {
            return try step()
        } catch {
            throw ResultFileFailure(error: context.error(.malformedResponse("result file \(file.name): \(error)")), isTransient: isTransient)
        }
    }

    /// A line that may break its record schema as a record: parsed, and validated against it.
    private func parse(
        _ line: ArraySlice<UInt8>, number: Int, file: ResultFile, parser: inout JSONDocumentParser, validator: SchemaValidator, context: CallContext
    ) throws -> ResultRecord {
        let json: JSONValue
        do {
            json = try parser.parse(line)
        } catch {
            throw ResultFileFailure(error: context.error(.malformedResponse("result file \(file.name), line \(number): \(error)")), isTransient: false)
        }
        let violations = validator.validate(json, againstSchemaNamed: file.recordSchema).map { violation in
            SchemaViolation(pointer: "line \(number)" + violation.pointer, message: violation.message)
        }
        if !violations.isEmpty, configuration.validation == .strict {
            throw ResultFileFailure(error: context.error(.invalidResponse(violations)), isTransient: false)
        }
        return ResultRecord(line: line, parsed: json, violations: violations, number: number)
    }

    /// `text` without `file`'s query (its access token), wherever the URL appears in it.
    private static func withoutQuery(_ text: String, of file: ResultFile) -> String {
        guard let query = file.url.query, !query.isEmpty else { return text }
        return text.replacingOccurrences(of: query, with: "<access token>")
    }
}

/// A failed read of a result file, and whether reading it again may succeed.
private struct ResultFileFailure: Error {
    var error: APIError
    var isTransient: Bool
    /// The storage's `Retry-After`, when it sent one.
    var retryAfter: String? = nil
}

/// What the caller's record handler threw: passed through as it is, never retried.
private struct DeliveryFailure: Error {
    var error: any Error
}

/// Azure Storage's error: the `x-ms-error-code` header, else the `<Code>` of its XML body.
enum StorageError {
    static func code(headers: [HeaderField], body: Data) -> String? {
        if let code = headers.value(named: "x-ms-error-code"), !code.isEmpty { return Redaction.redact(code) }
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        guard let start = text.range(of: "<Code>"), let end = text.range(of: "</Code>", range: start.upperBound..<text.endIndex) else { return nil }
        let code = text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return code.isEmpty || code.count > 100 ? nil : Redaction.redact(code)
    }
}
