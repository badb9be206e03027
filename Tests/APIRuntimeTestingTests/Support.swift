import APIRuntime
import Foundation
import TestSupport

// Shared by the tests of the test seams: a customer body, and a sleep that records.

let customerID = "dfe6f203-4c1d-43d9-aa3c-842ab3d98c7c"

/// A customer as Partner Center answers `getCustomerById`.
func customerJSON(_ id: String = customerID) -> String {
    #"{"id":"\#(id)","companyProfile":{"companyName":"Wingtip Bank Ltd","domain":"wingtipbank.onmicrosoft.com"},"relationshipToPartner":"reseller"}"#
}

