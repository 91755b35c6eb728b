import Testing

/// The tests of `Sources/TraceHarness/Formats`, grouped so `swift test --filter Formats` runs them.
@Suite enum Formats {}
