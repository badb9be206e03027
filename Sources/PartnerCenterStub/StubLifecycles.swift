import APIRuntime
import Foundation

/// Where a resource keeps its ETag: Partner Center's in `attributes.etag`, Microsoft Graph's
/// in `@odata.etag` (a weak one, `W/"…"`), as its schema declares.
enum ETagPlace {
    case attributes
    case odata

    /// The place a resource of `schema` has.
    init(schema: JSONSchema?) {
        self = schema?.properties["@odata.etag"] != nil ? .odata : .attributes
    }

    /// The place a stored resource uses.
    init(resource: JSONValue) {
        self = resource["@odata.etag"] != nil ? .odata : .attributes
    }

    func etag(of resource: JSONValue) -> String? {
        switch self {
        case .attributes: resource["attributes"]?["etag"]?.stringValue
        case .odata: resource["@odata.etag"]?.stringValue
        }
    }

    /// `members` with `etag` (a quoted ETag from ``StubWorld/newETag()``) in its place.
    func set(_ etag: String, in members: inout JSONObject) {
        switch self {
        case .attributes:
            var attributes = members["attributes"]?.objectValue ?? [:]
            attributes["etag"] = .string(etag)
            members["attributes"] = .object(attributes)
        case .odata:
            members["@odata.etag"] = .string("W/" + etag)
        }
    }
}

/// The flows a CSP walks through that the stub answers statefully, beyond the REST shape
/// ``SpecResponder`` follows for every operation:
///
/// - **GDAP** (Microsoft Graph): a new relationship is `created`; a `lockForApproval` request
///   moves it to `approvalPending` (a `terminate` request to `terminationRequested`), with a
///   new ETag, so that an `If-Match` read before is stale (412). A new access assignment is
///   `pending`, and `active` once read.
/// - **New-commerce migrations**: validation says whether the subscription is eligible (a
///   subscription the stub knows, or any it does not); a started migration is `Processing`
///   and reads `Completed` afterwards, its new-commerce subscription created then; its events
///   follow (`MigrationStarted`, then `NewCommerceSubscriptionCreated` and `MigrationCompleted`).
/// - **Promotions**: each item a promotion-eligibility check asks about is eligible.
/// - **Transitions**: every product of a subscription's eligibilities is eligible; a
///   transition creates its target subscription (or adds its quantity to
///   the `toSubscriptionId` one) and takes the quantity from the source; it answers with its
///   events, completed.
struct StubLifecycles {
    let world: StubWorld

    /// The answer to a request whose answer depends on what was done before, or nil when
    /// the REST shape answers it.
    /// - Parameters:
    ///   - made: The answer the spec makes for the operation (its body), to complete.
    func respond(to operationID: String, path: String, query: (String) -> String?, body: JSONValue?, made: () -> JSONValue?) -> JSONValue? {
        switch operationID {
        case "validateNewCommerceMigration":
            let subscriptionID = body?["currentSubscriptionId"]?.stringValue ?? ""
            let known = world.resource(at: StubWorld.customerPath(of: path) + "/subscriptions/" + subscriptionID)
            return Self.merging(made() ?? .object([:]), [
                "currentSubscriptionId": .string(subscriptionID), "isEligible": .bool(known?["status"]?.stringValue != "deleted"),
                "errors": .array([]),
            ])
        case "listNewCommerceMigrationEvents":
            let migrations = world.members(of: String(path.dropLast("/events".count)))
            let wanted = query("migration_id")
            let subscription = query("current_subscription_id")
            return .array(migrations.filter { migration in
                (wanted.map { $0 == migration["id"]?.stringValue } ?? true)
                    && (subscription.map { $0 == migration["currentSubscriptionId"]?.stringValue } ?? true)
            }.flatMap(Self.events(of:)))
        case "verifyPromotionEligibilities":
            // The items asked about, each eligible for its promotion.
            let asked = body?["items"]?.arrayValue ?? []
            return Self.merging(made() ?? .object([:]), [
                "totalCount": .integer(asked.count),
                "items": .array(asked.enumerated().map { index, item in
                    var members = item.objectValue ?? [:]
                    members["id"] = members["id"] ?? .integer(index)
                    var eligibility: JSONObject = ["isEligible": .bool(true), "errors": .array([])]
                    eligibility["promotionId"] = item["promotionId"]
                    members["eligibilities"] = .array([.object(eligibility)])
                    members["attributes"] = .object(["objectType": .string("PromotionEligibilities")])
                    return .object(members)
                }),
            ])
        case "listTransitionEligibilities":
            // Every product the spec's example names is a target the subscription may move to.
            guard var page = made()?.objectValue else { return nil }
            let kind = query("eligibilityType") == "scheduled" ? "scheduled" : "immediate"
            page["items"] = .array((page["items"]?.arrayValue ?? []).map { item in
                Self.merging(item, ["eligibilities": .array([.object([
                    "isEligible": .bool(true), "transitionType": .string(kind == "scheduled" ? "transition_only" : "transition_with_license_transfer"),
                    "errors": .array([]),
                ])])])
            })
            return .object(page)
        case "createTransition":
            return transition(path: path, body: body ?? .object([:]), made: made() ?? .object([:]))
        default:
            return nil
        }
    }

    /// `resource`, which `operationID` is creating at `path`, as the service creates it; and
    /// what creating it changes elsewhere.
    func created(_ resource: JSONValue, by operationID: String, at path: String, body: JSONValue?) -> JSONValue {
        switch operationID {
        case "createDelegatedAdminRelationship":
            return Self.merging(resource, ["status": .string("created"), "activatedDateTime": .null])
        case "createDelegatedAdminRelationshipRequest":
            let action = body?["action"]?.stringValue ?? "lockForApproval"
            let relationshipPath = "/" + path.split(separator: "/").dropLast(2).joined(separator: "/")
            if let relationship = world.resource(at: relationshipPath) {
                let next = ["lockForApproval": "approvalPending", "terminate": "terminationRequested"][action]
                if let next, var members = relationship.objectValue {
                    members["status"] = .string(next)
                    ETagPlace.odata.set(world.newETag(), in: &members)
                    world.store(.object(members), at: relationshipPath)
                }
            }
            return Self.merging(resource, ["action": .string(action), "status": .string("succeeded")])
        case "createDelegatedAdminAccessAssignment":
            return Self.merging(resource, ["status": .string("pending")])
        case "createNewCommerceMigration":
            return Self.merging(resource, [
                "status": .string("Processing"), "customerTenantId": .string(Self.customerID(of: path)),
                "currentSubscriptionId": body?["currentSubscriptionId"] ?? .null, "completedTime": .null,
                "newCommerceSubscriptionId": .null, "startedTime": .string(Self.now()),
            ])
        default:
            return resource
        }
    }

    /// A stored resource as a `GET` of `path` reads it now (and as later reads will).
    func read(_ resource: JSONValue, at path: String) -> JSONValue {
        if resource["status"]?.stringValue == "Processing", resource["currentSubscriptionId"] != nil, path.contains("/migrations/newcommerce/") {
            // The migration completes: its new-commerce subscription exists from now on.
            let subscriptionID = world.newID()
            let legacy = world.resource(at: StubWorld.customerPath(of: path) + "/subscriptions/" + (resource["currentSubscriptionId"]?.stringValue ?? ""))
            var subscription = legacy?.objectValue ?? [:]
            subscription["id"] = .string(subscriptionID)
            subscription["offerId"] = resource["catalogItemId"] ?? subscription["offerId"] ?? .string("CFQ7TTC0LF8Q:0001")
            subscription["status"] = .string("active")
            ETagPlace.attributes.set(world.newETag(), in: &subscription)
            world.store(.object(subscription), at: StubWorld.customerPath(of: path) + "/subscriptions/" + subscriptionID)
            let completed = Self.merging(resource, [
                "status": .string("Completed"), "completedTime": .string(Self.now()), "newCommerceSubscriptionId": .string(subscriptionID),
            ])
            world.store(completed, at: path)
            return completed
        }
        if resource["status"]?.stringValue == "pending", path.contains("/accessAssignments/") {
            let active = Self.merging(resource, ["status": .string("active")])
            world.store(active, at: path)
            return active
        }
        return resource
    }

    /// The events of a migration, as far as it went.
    private static func events(of migration: JSONValue) -> [JSONValue] {
        let names = migration["status"]?.stringValue == "Completed"
            ? ["MigrationStarted", "NewCommerceSubscriptionCreated", "MigrationCompleted"] : ["MigrationStarted"]
        return names.enumerated().map { index, name in
            .object([
                "id": .string((migration["id"]?.stringValue ?? "") + "-\(index + 1)"), "newCommerceMigrationId": migration["id"] ?? .null,
                "currentSubscriptionId": migration["currentSubscriptionId"] ?? .null, "customerTenantId": migration["customerTenantId"] ?? .null,
                "createdTime": migration[index == 0 ? "startedTime" : "completedTime"] ?? .null, "eventName": .string(name),
                "attributes": .object(["objectType": .string("NewCommerceMigrationEvent")]),
            ])
        }
    }

    /// The transition `body` asks of the subscription at `path` (`…/subscriptions/{s}/transitions`):
    /// the target subscription created or grown, the source's quantity taken.
    private func transition(path: String, body: JSONValue, made: JSONValue) -> JSONValue {
        let sourcePath = String(path.dropLast("/transitions".count))
        let subscriptions = StubWorld.customerPath(of: path) + "/subscriptions/"
        let quantity = body["quantity"]?.intValue ?? world.resource(at: sourcePath)?["quantity"]?.intValue ?? 1
        var target: JSONObject
        if let id = body["toSubscriptionId"]?.stringValue, let existing = world.resource(at: subscriptions + id)?.objectValue {
            target = existing
            target["quantity"] = .integer((existing["quantity"]?.intValue ?? 0) + quantity)
        } else {
            target = world.resource(at: sourcePath)?.objectValue ?? [:]
            target["id"] = .string(world.newID())
            target["quantity"] = .integer(quantity)
            target["offerId"] = body["toCatalogItemId"] ?? .string("CFQ7TTC0LF8R:0001")
            target["status"] = .string("active")
            for member in ["billingCycle", "termDuration"] where body[member] != nil { target[member] = body[member] }
        }
        ETagPlace.attributes.set(world.newETag(), in: &target)
        let targetID = target["id"]?.stringValue ?? ""
        world.store(.object(target), at: subscriptions + targetID)
        if var source = world.resource(at: sourcePath)?.objectValue {
            let left = max(0, (source["quantity"]?.intValue ?? 0) - quantity)
            source["quantity"] = .integer(left)
            if left == 0 { source["status"] = .string("expired") }
            ETagPlace.attributes.set(world.newETag(), in: &source)
            world.store(.object(source), at: sourcePath)
        }
        let event: JSONValue = .object([
            "name": .string("Conversion"), "status": .string("Completed"), "timestamp": .string(Self.now()),
            "attributes": .object(["objectType": .string("TransitionEvent")]),
        ])
        var members = made.objectValue ?? [:]
        for (key, value) in body.objectValue ?? [:] { members[key] = value }
        members["fromSubscriptionId"] = .string(String(sourcePath.split(separator: "/").last ?? ""))
        members["toSubscriptionId"] = .string(targetID)
        members["quantity"] = .integer(quantity)
        members["operationId"] = .string(world.newID())
        members["events"] = .array([event])
        members["Events"] = nil
        members["FromCatalogItemId"] = nil
        members["ToCatalogItemId"] = nil
        return .object(members)
    }

    private static func merging(_ value: JSONValue, _ changes: JSONObject) -> JSONValue {
        var members = value.objectValue ?? [:]
        for (key, change) in changes { members[key] = change }
        return .object(members)
    }

    private static func customerID(of path: String) -> String {
        path.split(separator: "/").dropFirst(2).first.map(String.init) ?? ""
    }

    private static func now() -> String {
        Date().formatted(.iso8601)
    }
}
