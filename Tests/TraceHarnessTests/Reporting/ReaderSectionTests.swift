import Foundation
import Testing
@testable import TraceFormats
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports

/// The analyze report said nothing of broken structure or of spans without timing: a parent cycle
/// or a Zipkin span without timestamp went into the figures unremarked, and such a root's window
/// of 0 ms went into the trace-window percentiles.
@Suite struct ReaderSectionTests {
  private let codecs = [CodecSetting(.zstd, level: 3)]

  private static func jsonl(_ trace: String, _ span: String, parent: String?, start: Int) -> String {
    let parentText = parent.map { "\"\($0)\"" } ?? "null"
    return #"{"trace_id":"\#(trace)","span_id":"\#(span)","parent_span_id":\#(parentText),"service_name":"a","operation_name":"op","start_time":\#(start),"end_time":\#(start + 1_000_000),"tags":{},"logs":[],"status_code":0}"#
  }

  @Test func brokenStructureIsListedWithItsCountAndFirstPlace() throws {
    let base = 1_698_000_000_000_000_000
    let lines = [
      Self.jsonl("t1", "r", parent: nil, start: base),
      Self.jsonl("t1", "x", parent: "y", start: base + 1),
      Self.jsonl("t1", "y", parent: "x", start: base + 2),
      Self.jsonl("t2", "s", parent: "s", start: base + 3),
    ]
    // A blank line after the first: a finding is placed at its line, not at its span's number.
    let text = lines[0] + "\n\n" + lines[1...].joined(separator: "\n") + "\n"
    try FormatFixtures.withScratch("broken.jsonl", Array(text.utf8)) { url in
      let result = try AnalyzePipeline.run(url: url, format: nil, codecs: codecs, zstdLevel: 3)
      #expect(result.read.findings.counts[.parentCycle] == 1)
      #expect(result.read.findings.counts[.ownParent] == 1)
      let markdown = AnalyzeReport.markdown(result)
      #expect(markdown.contains("## What the reader did"))
      #expect(markdown.contains("- 1 spans that are their own parent (first at line 5)"))
      #expect(markdown.contains("- 1 parent cycles (first at line 3)"))
      let json = try JSONDecoder().decode(AnalyzeJSON.self, from: Data(AnalyzeJSON.text(result).utf8))
      #expect(json.reader.findings == ["parentCycle": 1, "ownParent": 1])
      #expect(json.reader.findingsFirstAt["parentCycle"] == "line 3")
    }
  }

  @Test func aRootWithoutTimingIsLeftOutOfTheTraceWindowsAndSaidSo() throws {
    let text = """
      [
        {"traceId": "aaaaaaaaaaaaaaaa", "id": "1000000000000001", "name": "root", "localEndpoint": {"serviceName": "a"}},
        {"traceId": "aaaaaaaaaaaaaaaa", "id": "1000000000000002", "parentId": "1000000000000001", "name": "child", "timestamp": 1700000000000000, "duration": 5000, "localEndpoint": {"serviceName": "a"}},
        {"traceId": "bbbbbbbbbbbbbbbb", "id": "2000000000000001", "name": "root", "timestamp": 1700000000100000, "duration": 12000, "localEndpoint": {"serviceName": "b"}},
        {"traceId": "bbbbbbbbbbbbbbbb", "id": "2000000000000002", "parentId": "2000000000000001", "name": "shared", "shared": true, "timestamp": 1700000000101000, "duration": 3000, "localEndpoint": {"serviceName": "b"}}
      ]
      """
    try FormatFixtures.withScratch("partial.json", Array(text.utf8)) { url in
      let result = try AnalyzePipeline.run(url: url, format: .zipkin, codecs: codecs, zstdLevel: 3)
      #expect(result.analysis.spans == 4)
      #expect(result.analysis.tracesWithUnknownWindow == 1)
      let timestamps = try #require(result.analysis.potentials.first { $0.potential == .rootRelativeTimestamps })
      #expect(timestamps.figures == .rootRelativeTimestamps(spans: 4, traceWindows: [120: 1]))
      let markdown = AnalyzeReport.markdown(result)
      #expect(markdown.contains("1 spans with unknown timing: kept in every count and size; 1 trace windows"))
      #expect(markdown.contains("Zipkin spans whose debug or shared flag was dropped"))
      let json = try JSONDecoder().decode(AnalyzeJSON.self, from: Data(AnalyzeJSON.text(result).utf8))
      #expect(json.reader.spansWithUnknownTiming == 1)
      #expect(json.reader.tracesWithUnknownWindow == 1)
      #expect(json.reader.normalizations["zipkinSharedOrDebugDropped"] == 1)
    }
  }
}
