import Foundation
import LocalHTTPServer
import PartnerCenter

/// One request the stub's token endpoint received, for tests to look at.
public struct StubTokenRequest: Sendable, Hashable {
    /// The form's `grant_type`.
    public var grantType: String
    /// Every form field, decoded.
    public var form: [String: String]
    /// The status answered.
    public var status: Int
}

/// A stand-in for the Microsoft identity platform's v2.0 endpoints of any tenant, enough for
/// the CLI's sign-in: `POST /{tenant}/oauth2/v2.0/devicecode` (its verification page,
/// `GET /devicelogin`, has nothing to do), and `POST …/token` for the
/// device-code grant (answering as ``SignInBehaviour`` says), the refresh-token grant (each
/// refresh token works once: the answer carries a rotated one) and the client-credentials
/// grant (any non-empty secret).
final class StubIdentity: Sendable {
    private let behaviour: SignInBehaviour
    private let state = Locked()

    /// A tenant id for sign-ins to a tenant given by name (`organizations`, a domain).
    static let demoTenantID = "3f8a6b1e-7d1c-4c55-9a51-0d6c2b7e4f10"

    init(behaviour: SignInBehaviour) {
        self.behaviour = behaviour
    }

    /// The answer when `request` is for an identity endpoint; nil otherwise.
    func respond(to request: HTTPServerRequest) -> HTTPServerResponse? {
        let segments = request.path.split(separator: "/").map(String.init)
        if segments == ["devicelogin"] {
            return HTTPServerResponse(
                status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")],
                body: Data("The Partner Center stub approves sign-ins by itself: there is nothing to enter here.\n".utf8)
            )
        }
        guard segments.count == 4, segments[1 ... 2] == ["oauth2", "v2.0"], ["devicecode", "token"].contains(segments[3]) else { return nil }
        guard request.method == "POST" else { return Self.oauthError(405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.") }
        let form = Self.decodeForm(request.body)
        let tenant = segments[0]
        if segments[3] == "devicecode" { return deviceCode(form, host: request.header("Host") ?? "127.0.0.1") }
        let response = token(form, tenant: tenant)
        state.record(StubTokenRequest(grantType: form["grant_type"] ?? "", form: form, status: response.status))
        return response
    }

    /// Whether the token endpoint issued `token`.
    func issued(_ token: String) -> Bool { state.audience(of: token) != nil }

    /// Whether `token` is one it issued for Microsoft Graph (a scope or resource of
    /// `graph.microsoft.com`), rather than for Partner Center; nil for a token it did not issue.
    func isForGraph(_ token: String) -> Bool? { state.audience(of: token).map { $0 == .graph } }

    /// The token requests so far.
    var tokenRequests: [StubTokenRequest] { state.requests }

    /// A device code, with the stub's own page as the verification page.
    private func deviceCode(_ form: [String: String], host: String) -> HTTPServerResponse {
        guard let client = form["client_id"], !client.isEmpty else {
            return Self.oauthError(400, "invalid_request", "AADSTS900144: The request body must contain the parameter 'client_id'.")
        }
        let code = "stub-device-" + UUID().uuidString
        let userCode = String(UUID().uuidString.prefix(8)).uppercased()
        state.addDeviceCode(code)
        return .json(200, """
            {"device_code":"\(code)","user_code":"\(userCode)","verification_uri":"http://\(host.filter { $0.isLetter || $0.isNumber || ".:[]-".contains($0) })/devicelogin",\
            "expires_in":900,"interval":\(behaviour.interval),"message":"To sign in, enter the code \(userCode)."}
            """)
    }

    private func token(_ form: [String: String], tenant: String) -> HTTPServerResponse {
        switch form["grant_type"] {
        case "urn:ietf:params:oauth:grant-type:device_code":
            guard let code = form["device_code"], let poll = state.poll(code) else {
                return Self.oauthError(400, "invalid_grant", "AADSTS70000: The provided device code is unknown or was already used.")
            }
            if poll < behaviour.waits.count {
                return switch behaviour.waits[poll] {
                case .pending: Self.oauthError(400, "authorization_pending", "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.")
                case .slowDown: Self.oauthError(400, "slow_down", "Poll less often.")
                }
            }
            state.removeDeviceCode(code)
            return switch behaviour.outcome {
            case .approved: tokens(tenant: tenant, client: form["client_id"] ?? "", refresh: true, audience: Audience(form))
            case .declined: Self.oauthError(400, "authorization_declined", "AADSTS70000: The user declined the sign-in.")
            case .expired: Self.oauthError(400, "expired_token", "AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.")
            }
        case "refresh_token":
            guard let refresh = form["refresh_token"], state.spend(refresh) else {
                return Self.oauthError(400, "invalid_grant", "AADSTS70008: The provided refresh token has expired or was already used.")
            }
            return tokens(tenant: tenant, client: form["client_id"] ?? "", refresh: true, audience: Audience(form))
        case "client_credentials":
            guard let secret = form["client_secret"], !secret.isEmpty else {
                return Self.oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
            }
            return tokens(tenant: tenant, client: form["client_id"] ?? "", refresh: false, audience: Audience(form))
        default:
            return Self.oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.")
        }
    }

    /// Which API an access token is for: the scope (v2.0) or resource (v1) it was asked with.
    enum Audience: Sendable {
        case partnerCenter, graph

        init(_ form: [String: String]) {
            let asked = (form["scope"] ?? "") + " " + (form["resource"] ?? "")
            self = asked.contains("graph.microsoft.com") ? .graph : .partnerCenter
        }

        var scope: String {
            switch self {
            case .partnerCenter: "https://api.partnercenter.microsoft.com/user_impersonation"
            case .graph: "https://graph.microsoft.com/.default"
            }
        }
    }

    /// A token answer: an access token for `audience`, and for a user a new refresh token and
    /// an id token.
    private func tokens(tenant: String, client: String, refresh: Bool, audience: Audience) -> HTTPServerResponse {
        let access = "stub-access-" + UUID().uuidString
        state.issue(access, for: audience)
        var members = [
            #""token_type":"Bearer""#, #""access_token":"\#(access)""#, #""expires_in":\#(behaviour.accessTokenLifetime)"#,
        ]
        if refresh {
            let refreshToken = "stub-refresh-" + UUID().uuidString
            state.addRefreshToken(refreshToken)
            let tenantID = UUID(uuidString: tenant).map { _ in tenant.lowercased() } ?? Self.demoTenantID
            members += [#""refresh_token":"\#(refreshToken)""#, #""id_token":"\#(Self.idToken(username: behaviour.username, tenantID: tenantID, client: client))""#]
            members.append(#""scope":"\#(audience.scope)""#)
        }
        return .json(200, "{" + members.joined(separator: ",") + "}")
    }

    /// An unsigned JWT naming the user, as a display would read it.
    private static func idToken(username: String, tenantID: String, client: String) -> String {
        let header = #"{"alg":"none","typ":"JWT"}"#
        let payload = JSONWriter.string(from: .object([
            "preferred_username": .string(username), "name": .string("Demo Admin"), "tid": .string(tenantID), "aud": .string(client),
            "iss": .string("https://login.microsoftonline.com/\(tenantID)/v2.0"),
        ]))
        let encode: (String) -> String = {
            Data($0.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return encode(header) + "." + encode(payload) + "."
    }

    private static func oauthError(_ status: Int, _ error: String, _ description: String) -> HTTPServerResponse {
        .json(status, JSONWriter.string(from: .object(["error": .string(error), "error_description": .string(description)])))
    }

    /// An `application/x-www-form-urlencoded` body's fields.
    private static func decodeForm(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// The codes and tokens handed out, across the server's threads.
    private final class Locked: @unchecked Sendable {
        private let lock = NSLock()
        private var polls: [String: Int] = [:]
        private var refreshTokens: Set<String> = []
        private var accessTokens: [String: Audience] = [:]
        private var recorded: [StubTokenRequest] = []

        func addDeviceCode(_ code: String) { lock.withLock { polls[code] = 0 } }
        func removeDeviceCode(_ code: String) { lock.withLock { polls[code] = nil } }

        /// The number of earlier polls with `code`, counting this one; nil for an unknown code.
        func poll(_ code: String) -> Int? {
            lock.withLock {
                guard let count = polls[code] else { return nil }
                polls[code] = count + 1
                return count
            }
        }

        func addRefreshToken(_ token: String) { lock.withLock { _ = refreshTokens.insert(token) } }
        /// Whether `token` was valid; it is not any more.
        func spend(_ token: String) -> Bool { lock.withLock { refreshTokens.remove(token) != nil } }
        func issue(_ token: String, for audience: Audience) { lock.withLock { accessTokens[token] = audience } }
        func audience(of token: String) -> Audience? { lock.withLock { accessTokens[token] } }
        func record(_ request: StubTokenRequest) { lock.withLock { recorded.append(request) } }
        var requests: [StubTokenRequest] { lock.withLock { recorded } }
    }
}
