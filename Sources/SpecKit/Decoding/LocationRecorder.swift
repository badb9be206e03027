/// Where each part of a spec starts, by JSON pointer from the spec's root: every schema under
/// `schemas:` (`/schemas/Customer/properties/billingProfile`; a `$ref` where its `$ref` is
/// written) and every operation (`/operations/getCustomer`). The decoders fill it as they go;
/// it becomes ``Spec/locations``, the side table that lets a check on a decoded value point
/// at the spec's text.
final class LocationRecorder {
    private(set) var locations: [String: SourceLocation] = [:]

    func record(_ location: SourceLocation, at pointer: String) {
        locations[pointer] = location
    }
}
