import APIRuntime
import Foundation

/// An OAuth 2 endpoint of an identity provider: posts a form and reads the JSON answer.
///
/// The form's secret values (client secret, refresh token, device code) are removed from any
/// error by value, plain or form-encoded, as well as after the usual markers: an endpoint
/// may echo what it was sent. Token members of an error body are dropped.
struct TokenEndpoint: Sendable {
    let url: URL
    let transport: any HTTPTransport

    /// Form fields whose values are secrets.
    private static let secretFields: Set<String> = ["client_secret", "refresh_token", "device_code", "code", "assertion"]

    /// An answer as it arrived: status, JSON (nil when the body is not JSON) and the body's start.
    private struct Answer {
        var status: Int
        var json: JSONValue?
        var text: String
    }

    /// Posts `form` and returns the issued tokens.
    /// - Throws: `APIError` `.tokenRefused` with the endpoint's OAuth error (its `code` is
    ///   the `error` member, e.g. `authorization_pending`), `.transport` or `.cancelled`.
    func grant(_ form: [(String, String)]) async throws(APIError) -> TokenGrant {
        let answer = try await send(form)
        guard (200...299).contains(answer.status), let json = answer.json, let grant = TokenGrant(json: json) else {
            throw refusal(answer, form: form)
        }
        return grant
    }

    /// Posts `form` and returns the JSON object of a 2xx answer.
    /// - Throws: `APIError` `.tokenRefused` for an error status or a body that is not a JSON
    ///   object, `.transport` or `.cancelled`.
    func post(_ form: [(String, String)]) async throws(APIError) -> JSONValue {
        let answer = try await send(form)
        guard (200...299).contains(answer.status), let json = answer.json, json.objectValue != nil else {
            throw refusal(answer, form: form)
        }
        return json
    }

    private func send(_ form: [(String, String)]) async throws(APIError) -> Answer {
        let body = form.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let request = TransportRequest(
            method: "POST", url: url,
            headers: [HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"), HeaderField(name: "Accept", value: "application/json")],
            body: Data(body.utf8), timeout: .seconds(30), maximumResponseBytes: 1 << 20
        )
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch {
            if error is CancellationError || Task.isCancelled { throw APIError(.cancelled) }
            throw APIError(.transport("the token endpoint cannot be reached: \(scrub(Redaction.redact("\(error)"), form: form))"))
        }
        return Answer(status: response.status, json: try? JSONParser.parse(response.body), text: String(decoding: response.body.prefix(500), as: UTF8.self))
    }

    /// The error for an answer that issued nothing.
    private func refusal(_ answer: Answer, form: [(String, String)]) -> APIError {
        let text = Redaction.redact(scrub(answer.text, form: form))
        let body = APIErrorBody(json: answer.json.map { scrub(Self.withoutTokens($0), form: form) }, text: text)
        var error = APIError(.tokenRefused(answer.status, body))
        error.status = answer.status
        error.operationID = "token"
        return error
    }

    /// `text` with the form's secret values (plain or form-encoded) replaced by `<redacted>`.
    private func scrub(_ text: String, form: [(String, String)]) -> String {
        let secrets = form.filter { Self.secretFields.contains($0.0) && !$0.1.isEmpty }
            .flatMap { [$0.1, Self.formEncode($0.1)] }.sorted { $0.count > $1.count }
        return secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }

    /// Every string (and key) of `json` scrubbed of the form's secrets.
    private func scrub(_ json: JSONValue, form: [(String, String)]) -> JSONValue {
        switch json {
        case let .string(text): .string(scrub(text, form: form))
        case let .array(items): .array(items.map { scrub($0, form: form) })
        case let .object(members):
            .object(JSONObject(members.map { (key: scrub($0.key, form: form), value: scrub($0.value, form: form)) }))
        default: json
        }
    }

    /// An error body without token members.
    private static func withoutTokens(_ json: JSONValue) -> JSONValue {
        guard case var .object(members) = json else { return json }
        for key in ["access_token", "refresh_token", "id_token", "device_code"] { members[key] = nil }
        return .object(members)
    }

    private static let formAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `text` encoded for an `application/x-www-form-urlencoded` body.
    static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: formAllowed) ?? ""
    }
}
