// A client generated at build time from writes.yaml beside this file; see GeneratedCodeTests/WriteShapesTests.
