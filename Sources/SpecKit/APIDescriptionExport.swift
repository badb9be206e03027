// The description of an API the loader, the generator and the runtime share: SpecKit's model
// is made of it (schemas, values, paging, jobs), so its users see it too.
@_exported import APIDescription
@_exported import JSONValues
