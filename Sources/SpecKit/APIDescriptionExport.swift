// The parts of an API's description the loader and the runtime share (paging, jobs): SpecKit's
// model is made of them, so its users see them too.
@_exported import APIDescription
