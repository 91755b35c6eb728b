import Foundation
import Testing

@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles

extension Formats {
  /// Every fixture, read with its format given and detected, against figures counted by hand.
  @Suite struct FixtureReadingTests {
    static let expected: [String: SpanCensus] = [
      "spans.jsonl": SpanCensus(
        spans: 6, traces: 2, services: 5, operations: 6, roots: 2, orphans: 1),
      "seed-traces.jsonl": SpanCensus(
        spans: 5, traces: 2, services: 4, operations: 5, roots: 3, orphans: 0),
      "otlp-request.json": SpanCensus(
        spans: 3, traces: 1, services: 2, operations: 3, roots: 1, orphans: 0),
      "otlp-lines.jsonl": SpanCensus(
        spans: 4, traces: 2, services: 2, operations: 4, roots: 1, orphans: 1),
      "zipkin-traces.json": SpanCensus(
        spans: 5, traces: 2, services: 4, operations: 4, roots: 2, orphans: 0),
      "jaeger-traces.json": SpanCensus(
        spans: 4, traces: 2, services: 4, operations: 4, roots: 1, orphans: 1),
    ]

    @Test(arguments: FormatFixtures.all.map(\.name))
    func fixtureHasTheHandCountedFigures(_ name: String) throws {
      let (spans, summary) = try FormatFixtures.read(name)
      #expect(SpanCensus(spans) == Self.expected[name])
      #expect(summary.spanCount == spans.count)
    }

    @Test(arguments: FormatFixtures.all)
    func detectionPicksTheFixturesFormat(_ name: String, _ format: TraceFormat) throws {
      let bytes = try [UInt8](Data(contentsOf: FormatFixtures.url(name)))
      #expect(try TraceFormat.detect(prefix: bytes) == format)
      // A prefix cut inside the first record still decides.
      #expect(try TraceFormat.detect(prefix: Array(bytes.prefix(120))) == format)
      #expect(try FormatFixtures.read(name).summary.format == format)
    }

    @Test(arguments: FormatFixtures.all)
    func explicitFormatReadsTheSameSpansAsDetection(_ name: String, _ format: TraceFormat) throws {
      #expect(try FormatFixtures.read(name, as: format).spans == FormatFixtures.read(name).spans)
    }

    @Test func everyFixtureSpanEndsAtOrAfterItsStart() throws {
      for (name, _) in FormatFixtures.all {
        for span in try FormatFixtures.read(name).spans {
          #expect(span.durationNanos >= 0, "\(name) \(span.spanID)")
          #expect(span.startTimeNanos > 1_600_000_000 * 1_000_000_000, "\(name): ns expected")
        }
      }
    }
  }
}
