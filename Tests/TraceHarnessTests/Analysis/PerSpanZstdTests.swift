import Foundation
import Testing
@testable import Measurement

@Suite struct PerSpanZstdTests {
  /// Span-like JSONL lines of varied length and content, the same every run.
  private static func lines(_ count: Int) -> [ArraySlice<UInt8>] {
    var random = SpanLikeRandom()
    func next() -> UInt64 { random.next() }
    return (0..<count).map { index in
      let service = random.service()
      let tags = (0..<Int(next() % 6)).map { "\"tag.\($0)\":\"\(String(next(), radix: 36))\"" }
      let line = "{\"trace_id\":\"\(String(next(), radix: 16))\",\"span_id\":\"\(String(next(), radix: 16))\","
        + "\"service_name\":\"\(service)\",\"operation_name\":\"\(service)/op\(next() % 20)\","
        + "\"start_time\":\(1_698_000_000_000_000_000 + index * 1_000),\"tags\":{\(tags.joined(separator: ","))}}\n"
      return Array(line.utf8)[...]
    }
  }

  @Test func aSampleOfTheSpansEstimatesWhatFramingThemAllMeasures() throws {
    let lines = Self.lines(4_000)
    let all = try PerSpanZstd(level: 3)
    let sampled = try PerSpanZstd(level: 3, sampling: 8)
    for line in lines {
      try all.add(line)
      try sampled.add(line)
    }
    let measured = try all.finish()
    let estimate = try sampled.finish()
    #expect(!measured.isEstimate)
    #expect(measured.sampledSpans == 4_000 && measured.spans == 4_000)
    #expect(estimate.isEstimate)
    #expect(estimate.sampledSpans == 500 && estimate.spans == 4_000)
    // The same first spans train the same dictionary, counted once and not scaled.
    #expect(estimate.dictionaryBytes == measured.dictionaryBytes && measured.dictionaryBytes > 0)
    let plainError = abs(Double(estimate.plainBytes - measured.plainBytes)) / Double(measured.plainBytes)
    #expect(plainError < 0.03)
    let withDictionary = try #require(measured.withDictionaryTotalBytes)
    let estimatedWithDictionary = try #require(estimate.withDictionaryTotalBytes)
    #expect(abs(Double(estimatedWithDictionary - withDictionary)) / Double(withDictionary) < 0.03)
    // Far fewer frames than spans: the estimate is not the measured figure under another name.
    #expect(estimate.framesBytes < measured.framesBytes / 4)
  }
}
