// The parts of an API's description the spec loader and the runtime share (paging, jobs):
// the compiled document is read into them, so the runtime's users see them too.
@_exported import APIDescription
// JSON values (JSONValue, JSONObject, JSONNumber, JSONWriter), shared with the generator.
@_exported import JSONValues

/// How a collection operation pages (the spec loader's ``Paging``, read from the compiled spec).
public typealias PagingDescription = Paging

/// How to wait for the job an operation starts (the spec loader's ``Job``, read from the compiled spec).
public typealias JobDescription = Job
