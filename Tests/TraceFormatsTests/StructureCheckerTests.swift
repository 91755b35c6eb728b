import Foundation
import Testing
import TraceModel
@testable import TraceFormats

private func span(_ trace: String, _ id: String, parent: String?, start: Int64 = 1) -> Span {
  Span(
    traceID: trace, spanID: id, parentSpanID: parent, serviceName: "s", operationName: "o",
    startTimeNanos: start, endTimeNanos: start + 1)
}

@Suite struct StructureCheckerTests {
  private func findings(_ spans: [Span], limit: Int = 1 << 18) -> (StructureFindings, Int) {
    var checker = StructureChecker(openSpanLimit: limit)
    for (index, span) in spans.enumerated() { checker.check(span, line: index + 1) }
    return (checker.finish(), checker.tracesReopened)
  }

  @Test func aSpanThatIsItsOwnParentIsCountedAtItsLine() {
    let (found, _) = findings([span("t", "a", parent: nil), span("t", "b", parent: "b")])
    #expect(found.counts == [.ownParent: 1])
    #expect(found.firstLocations[.ownParent]?.line == 2)
  }

  @Test func aParentCycleIsCountedOnceAtItsFirstSpan() {
    let (found, _) = findings([
      span("t", "r", parent: nil), span("t", "a", parent: "c"), span("t", "b", parent: "a"),
      span("t", "c", parent: "b"), span("t", "d", parent: "a"),
      span("u", "x", parent: "y"), span("u", "y", parent: "x"),
    ])
    #expect(found.counts == [.parentCycle: 2])
    #expect(found.firstLocations[.parentCycle]?.line == 2)
  }

  /// A trace of more than 16 spans finds its parents by a table, not by a scan: the same cycles.
  @Test func aCycleInALargeTraceIsCountedOnce() {
    var spans = [span("t", "s0", parent: nil)]
    for index in 1..<40 { spans.append(span("t", "s\(index)", parent: "s\(index - 1)")) }
    // s30 -> s29 -> ... -> s25, closed by s25's parent being s30.
    spans[25] = span("t", "s25", parent: "s30")
    let (found, _) = findings(spans)
    #expect(found.counts == [.parentCycle: 1])
    #expect(found.firstLocations[.parentCycle]?.line == 26)
  }

  /// Records freed by closed traces are used again; a window of three spans over many traces.
  @Test func aSmallWindowReusesItsRecordsAndStillFindsDuplicates() {
    var spans: [Span] = []
    for trace in 0..<50 {
      spans += [span("t\(trace)", "a", parent: nil), span("t\(trace)", "b", parent: "a"), span("t\(trace)", "b", parent: "a")]
    }
    let (found, reopened) = findings(spans, limit: 3)
    #expect(found.counts == [.duplicateSpan: 50])
    #expect(reopened == 0)
  }

  @Test func exactDuplicatesAndReusedSpanIDsAreToldApart() {
    let (found, _) = findings([
      span("t", "a", parent: nil), span("t", "a", parent: nil), span("t", "a", parent: nil, start: 5),
      span("u", "a", parent: nil),
    ])
    #expect(found.counts == [.duplicateSpan: 1, .duplicateSpanID: 1])
    #expect(found.firstLocations[.duplicateSpan]?.line == 2)
    #expect(found.firstLocations[.duplicateSpanID]?.line == 3)
  }

  /// The ids and fingerprints hash UTF-8, but compare as Swift compares strings: composed and
  /// decomposed accents, and the Kelvin sign against K, are one id and one span.
  @Test func idsEqualAsStringsAreOneIDWhateverTheirBytes() {
    let (found, _) = findings([
      span("t", "\u{E9}", parent: nil), span("t", "e\u{301}", parent: nil),
      span("\u{212A}", "a", parent: nil), span("K", "a", parent: nil),
    ])
    #expect(found.counts == [.duplicateSpan: 2])
  }

  /// A tag's kind is part of the fingerprint; a double's sign of zero is not, as for `==`.
  @Test func tagValuesOfAnotherKindMakeAnotherSpan() {
    func tagged(_ value: TagValue) -> Span {
      var tagged = span("t", "a", parent: nil)
      tagged.tags = [Tag("k", value)]
      return tagged
    }
    let (kinds, _) = findings([tagged(.int(1)), tagged(.string("1")), tagged(.double(1))])
    #expect(kinds.counts == [.duplicateSpanID: 2])
    let (zeros, _) = findings([tagged(.double(0)), tagged(.double(-0.0))])
    #expect(zeros.counts == [.duplicateSpan: 1])
  }

  @Test func emptyIDsAreCounted() {
    let (found, _) = findings([span("", "a", parent: nil), span("t", "", parent: nil), span("t", "b", parent: "")])
    #expect(found.counts == [.emptyID: 3])
  }

  /// With a window of two spans the first trace closes before its late span arrives: the late
  /// duplicate is not seen, and the reopening says so.
  @Test func aTraceClosedByTheWindowIsCountedWhenItReopens() {
    let spans = [
      span("t", "a", parent: nil), span("u", "a", parent: nil), span("v", "a", parent: nil),
      span("t", "a", parent: nil),
    ]
    let (windowed, reopened) = findings(spans, limit: 2)
    #expect(windowed.counts[.duplicateSpan] == nil)
    #expect(reopened == 1)
    let (whole, none) = findings(spans)
    #expect(whole.counts[.duplicateSpan] == 1)
    #expect(none == 0)
  }

  @Test func notesNameEachKindWithCountAndFirstPlace() {
    var found = StructureFindings()
    found.note(.parentCycle, at: .init(line: 14))
    found.note(.parentCycle, at: .init(line: 20))
    found.note(.ownParent, at: .init(byteOffset: 7))
    #expect(found.notes == [
      "1 spans that are their own parent (first at byte offset 7)",
      "2 parent cycles (first at line 14)",
    ])
  }
}

@Suite struct ReaderFindingsTests {
  @Test func duplicateJSONKeysAreCountedNotFatal() throws {
    let url = try Fixture.write(
      #"{"trace_id":"t","span_id":"a","span_id":"a","parent_span_id":null,"service_name":"s","operation_name":"o","start_time":1700000000000000000,"end_time":1700000000000000001,"tags":{"k":1},"logs":[{"timestamp":1700000000000000000,"event":"e","n":1,"n":2}],"status_code":0}"#
        + "\n", named: "dup.jsonl")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let (spans, summary) = try TraceFileReader.readAll(url: url)
    #expect(spans.count == 1)
    #expect(summary.findings.counts == [.duplicateJSONKey: 2])
    #expect(summary.findings.firstLocations[.duplicateJSONKey]?.line == 1)
  }

  @Test func anOTLPResourceWithBothScopeKeysIsCounted() throws {
    let span = #"{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":"x","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000000000001"}"#
    let url = try Fixture.write(
      "{\"resourceSpans\":[]}\n"
        + #"{"resourceSpans":[{"scopeSpans":[{"spans":[\#(span)]}],"instrumentationLibrarySpans":[{"spans":[\#(span)]}]}]}"#
        + "\n", named: "both.json")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let (spans, summary) = try TraceFileReader.readAll(url: url, format: .otlp)
    #expect(spans.count == 1)
    #expect(summary.findings.counts == [.bothScopeSpanKeys: 1])
    #expect(summary.findings.firstLocations[.bothScopeSpanKeys]?.line == 2)
  }
}
