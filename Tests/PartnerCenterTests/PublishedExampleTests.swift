import APIRuntime
import Foundation
import PartnerCenter
import Testing

/// Every response body Microsoft published for an operation of the spec (`Fixtures/Published/`,
/// see its README for where each comes from) against the compiled spec: a success body is valid
/// for its status's schema, an error body for the operation's error schema.
///
/// A body that fails is either a spec bug (the spec is fixed, never the fixture) or a broken
/// sample: its `sources.json` entry then says why (`broken`) and lists the violations it must
/// have (`violations`), exactly, so that it fails for that reason and no other.
@Suite struct PublishedExampleTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var operation: String
        var file: String
        var status: Int
        var raw: String?
        var repairs: [String]
        var broken: String?
        var violations: [String]
        var testDescription: String { "\(operation)/\(file)" }
    }

    /// Operations of the spec for which Microsoft publishes no JSON body, and why.
    static let withoutPublishedBody: [String: String] = [
        "deleteCustomer": "204, no body",
        "deleteCustomerUser": "204, no body",
        "registerSubscription": "202 with a Location, no body",
        "getInvoiceStatement": "PDF bytes",
        "getCart": "no page or recording shows it",
        "exportBilledReconciliation": "202 with a Location, no body",
        "exportUnbilledReconciliation": "202 with a Location, no body",
        "exportBilledUsage": "202 with a Location, no body",
        "exportUnbilledUsage": "202 with a Location, no body",
        "deleteDelegatedAdminRelationship": "204, no body",
        "deleteDelegatedAdminAccessAssignment": "204, no body",
        "deleteSelfServePolicy": "204, no body",
        "removeDirectoryRoleUserMember": "204, no body",
        "deleteTransfer": "204, no body",
        "checkDomainAvailability": "HEAD: the status is the answer, no body",
        "getNewCommerceMigrationSchedule": "its page shows only the list's array",
        "listNewCommerceMigrations": "no page or recording shows it",
        "listDirectoryRoleUserMembers": "no page or recording shows it",
        "getCustomerUsageBudget": "every published version is not JSON (`{ { … }, \"links\" }`) and cannot be mended without inventing",
        "updateCustomerUsageBudget": "every published version is not JSON (`{ { … }, \"links\" }`) and cannot be mended without inventing",
        "getOrganizationProfile": "every published version is not JSON (`\"id\":<id>`)",
        "updateOrganizationProfile": "every published version is not JSON (`\"id\":<id>`)",
        "getPartnerBillingProfile": "every published version is not JSON (`\"etag\":<etag>`, `<TaxId>`)",
        "updatePartnerBillingProfile": "every published version is not JSON (`\"etag\":<etag>`, `<TaxId>`)",
    ]

    static let directory: URL? = Bundle.module.url(forResource: "Fixtures/Published", withExtension: nil)

    static let entries: [Entry] = {
        guard let directory else { return [] }
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return folders.sorted().flatMap { operation -> [Entry] in
            let sources = directory.appendingPathComponent(operation).appendingPathComponent("sources.json")
            guard let data = try? Data(contentsOf: sources), let list = (try? JSONParser.parse(data))?.arrayValue else { return [] }
            return list.map { item in
                Entry(
                    operation: operation, file: item["file"]?.stringValue ?? "", status: item["status"]?.intValue ?? 0,
                    raw: item["raw"]?.stringValue, repairs: item["repairs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    broken: item["broken"]?.stringValue, violations: item["violations"]?.arrayValue?.compactMap(\.stringValue) ?? []
                )
            }
        }
    }()

    static func violations(of entry: Entry) throws -> [String] {
        let contents = try PartnerCenterClient.document.get()
        let operation = try #require(contents.operations[entry.operation], "no operation \(entry.operation)")
        let directory = try #require(Self.directory)
        let data = try Data(contentsOf: directory.appendingPathComponent(entry.operation).appendingPathComponent(entry.file))
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch {
            return ["\(error)"]
        }
        let response = try #require(operation.response(for: entry.status), "\(entry.operation) declares no \(entry.status)")
        let schema = try #require(response.schemaName, "\(entry.operation) \(entry.status) has no JSON body")
        return SchemaValidator(registry: contents.schemas, maximumViolations: 1_000).validate(value, againstSchemaNamed: schema).map(\.description)
    }

    @Test(arguments: entries)
    func publishedBodyIsValidOrBrokenForItsStatedReason(_ entry: Entry) throws {
        let violations = try Self.violations(of: entry)
        if entry.broken == nil {
            #expect(violations.isEmpty, "\(entry.operation)/\(entry.file): \(violations)")
        } else {
            #expect(!entry.violations.isEmpty, "a broken sample names the violations it has")
            #expect(violations.sorted() == entry.violations.sorted(), "\(entry.operation)/\(entry.file): \(violations)")
        }
    }

    @Test(arguments: entries)
    func aRepairedSampleKeepsItsRawTextAndSaysWhatWasRepaired(_ entry: Entry) throws {
        let directory = try #require(Self.directory).appendingPathComponent(entry.operation)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(entry.file).path))
        if let raw = entry.raw {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(raw).path), "\(raw)")
            #expect(!entry.repairs.isEmpty, "\(entry.file) was repaired: say how")
        } else {
            #expect(entry.repairs.isEmpty)
        }
    }

    /// Every operation has published bodies under test, or a stated reason why none exist.
    @Test func everyOperationHasFixturesOrAReasonWhyNot() throws {
        let contents = try PartnerCenterClient.document.get()
        let covered = Set(Self.entries.map(\.operation))
        #expect(covered.count >= 50)
        for id in contents.operations.keys.sorted() {
            #expect(covered.contains(id) != (Self.withoutPublishedBody[id] != nil), "\(id)")
        }
        #expect(Set(Self.entries.map(\.operation)).isSubset(of: Set(contents.operations.keys)))
    }
}
