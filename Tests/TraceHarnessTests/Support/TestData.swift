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

/// Paths and datasets the tests share.
enum TestData {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let topologyURL = packageRoot.appendingPathComponent("experiments/phase0/topology.json")
  static let statedFiguresURL = packageRoot.appendingPathComponent(
    "experiments/phase0/seed-figures.json")

  static func topology() throws -> Topology { try Topology.load(from: topologyURL) }

  /// A generated dataset held in memory: its bytes, spans in file order, and traces.
  struct Dataset {
    var bytes: [UInt8] = []
    var spans: [Span] = []
    var fieldBytes: [FieldBytes] = []
    var traces: [GeneratedTrace] = []
  }

  static func dataset(
    traces: Int, seed: UInt64 = Phase0Configuration.defaultSeed, order: SpanOrder = .arrival,
    threads: Int = 1
  ) throws -> Dataset {
    let stream = DatasetStream(
      generator: TraceGenerator(topology: try topology(), seed: seed), traceCount: traces,
      order: order, threads: threads)
    var dataset = Dataset()
    try stream.run(
      onTrace: { dataset.traces.append($0) },
      onSpan: {
        dataset.bytes.append(contentsOf: $0.bytes)
        dataset.spans.append($0.span)
        dataset.fieldBytes.append($0.fieldBytes)
      })
    return dataset
  }

  /// Medium (1,000 traces) is used by several suites; generated once.
  static let medium: Dataset = try! dataset(traces: 1_000)

  /// A temporary directory removed by the caller.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "trace-harness-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
