// A client generated at build time from hostile.yaml beside this file; see GeneratedCodeTests.
