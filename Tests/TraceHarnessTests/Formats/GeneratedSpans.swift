import Foundation

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

/// Spans from the phase-0 generator, for round trips on realistic data.
enum GeneratedSpans {
  static func sample(traces: Int, seed: UInt64 = 7) throws -> [Span] {
    let topologyURL = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("experiments/phase0/topology.json")
    let generator = TraceGenerator(topology: try Topology.load(from: topologyURL), seed: seed)
    var spans: [Span] = []
    try DatasetStream(generator: generator, traceCount: traces).run(
      onTrace: { _ in }, onSpan: { spans.append($0.span) })
    return spans
  }

  /// `spans` as our jsonl, the bytes `SpanJSONWriter` writes.
  static func jsonl(_ spans: [Span]) -> [UInt8] {
    var bytes: [UInt8] = []
    for span in spans { SpanJSONWriter.write(span, into: &bytes) }
    return bytes
  }
}
