import TraceFormats
import TraceJSON
import TraceModel

/// What `output/phase0_metadata_<size>.json` records about a generated dataset.
public struct DatasetMetadata: Sendable, Equatable, Codable {
  public var seed: UInt64
  public var topologyDigest: String
  public var order: SpanOrder
  public var traces: Int
  public var spans: Int
  /// Size of the dataset file as written, JSONL or OTLP/JSON.
  public var rawBytes: Int
  public var services: Int
  public var operations: Int
  /// Distinct (service, operation) pairs; the same name under two services counts twice here.
  var serviceOperations: Int
  /// Traces by their depth (1 for a lone root), as "depth": traces.
  public var depthHistogram: [String: Int]
  /// Traces by their span count.
  public var spansPerTraceHistogram: [String: Int]
  public var servicesByName: [String: ServiceFigures]

  /// Per-service counts, from the spans as written plus the generator's own record of which
  /// failures were intrinsic.
  public struct ServiceFigures: Sendable, Equatable, Codable {
    public var kind: String
    public var spans: Int
    var errors: Int
    public var intrinsicErrors: Int
    public var configuredErrorRate: Double
    var totalDurationNanos: Int64
    /// Time not covered by any child span: the service's own work.
    var totalSelfNanos: Int64

    public var observedErrorRate: Double { spans == 0 ? 0 : Double(errors) / Double(spans) }
    public var intrinsicErrorRate: Double {
      spans == 0 ? 0 : Double(intrinsicErrors) / Double(spans)
    }
    public var meanDurationMillis: Double {
      spans == 0 ? 0 : Double(totalDurationNanos) / Double(spans) / 1e6
    }
    public var meanSelfMillis: Double {
      spans == 0 ? 0 : Double(totalSelfNanos) / Double(spans) / 1e6
    }
  }

  public var averageSpansPerTrace: Double { traces == 0 ? 0 : Double(spans) / Double(traces) }
  public var maxDepth: Int { depthHistogram.keys.compactMap(Int.init).max() ?? 0 }
  public var minDepth: Int { depthHistogram.keys.compactMap(Int.init).min() ?? 0 }
  public var maxSpansPerTrace: Int { spansPerTraceHistogram.keys.compactMap(Int.init).max() ?? 0 }
  public var minSpansPerTrace: Int { spansPerTraceHistogram.keys.compactMap(Int.init).min() ?? 0 }
}

/// Builds `DatasetMetadata` trace by trace, in memory proportional to the topology only.
///
/// Spans are counted from the generator's records (`DrawnSpan`), by index, so no `Span` is made and
/// no name is hashed per span; names are looked up once, for the services and operations that
/// occurred.
public struct DatasetMetadataAccumulator {
  private let topology: Topology
  /// Per service and operation: the index of the operation's name among the topology's distinct
  /// operation names, and of the (service, name) pair among the distinct pairs.
  private let nameIndices: [[Int]]
  private let pairIndices: [[Int]]
  private var namesSeen: [Bool]
  private var pairsSeen: [Bool]
  private var traces = 0
  private var spans = 0
  private var depthHistogram: [Int: Int] = [:]
  private var spansHistogram: [Int: Int] = [:]
  /// Per service index; only services a span occurred in are reported.
  private var figures: [DatasetMetadata.ServiceFigures]

  public init(topology: Topology) {
    self.topology = topology
    var names: [String: Int] = [:]
    var pairs: [String: Int] = [:]
    func index(of key: String, in indices: inout [String: Int]) -> Int {
      if let index = indices[key] { return index }
      indices[key] = indices.count
      return indices.count - 1
    }
    nameIndices = topology.services.map { service in
      service.operations.map { index(of: $0.name, in: &names) }
    }
    pairIndices = topology.services.map { service in
      service.operations.map { index(of: service.name + "\u{0}" + $0.name, in: &pairs) }
    }
    namesSeen = Array(repeating: false, count: names.count)
    pairsSeen = Array(repeating: false, count: pairs.count)
    figures = topology.services.map { service in
      .init(
        kind: service.kind.rawValue, spans: 0, errors: 0, intrinsicErrors: 0,
        configuredErrorRate: service.errorRate, totalDurationNanos: 0, totalSelfNanos: 0)
    }
  }

  public mutating func add(_ trace: GeneratedTrace) {
    traces += 1
    spans += trace.drawn.count
    depthHistogram[trace.drawn.reduce(0) { max($0, $1.depth) }, default: 0] += 1
    spansHistogram[trace.drawn.count, default: 0] += 1
    let selfNanos = SelfTime.nanos(of: trace)
    // In-place updates: copying a service's figures would retain and release its strings.
    for (position, span) in trace.drawn.enumerated() {
      namesSeen[nameIndices[span.service][span.operation]] = true
      pairsSeen[pairIndices[span.service][span.operation]] = true
      figures[span.service].spans += 1
      figures[span.service].errors += span.failed ? 1 : 0
      figures[span.service].intrinsicErrors += span.failedIntrinsically ? 1 : 0
      figures[span.service].totalDurationNanos += span.endNanos - span.startNanos
      figures[span.service].totalSelfNanos += selfNanos[position]
    }
  }

  public func metadata(seed: UInt64, topologyDigest: String, order: SpanOrder, rawBytes: Int)
    -> DatasetMetadata
  {
    var servicesByName: [String: DatasetMetadata.ServiceFigures] = [:]
    for (service, entry) in zip(topology.services, figures) where entry.spans > 0 {
      servicesByName[service.name] = entry
    }
    return DatasetMetadata(
      seed: seed, topologyDigest: topologyDigest, order: order, traces: traces, spans: spans,
      rawBytes: rawBytes, services: servicesByName.count,
      operations: namesSeen.filter { $0 }.count, serviceOperations: pairsSeen.filter { $0 }.count,
      depthHistogram: Dictionary(uniqueKeysWithValues: depthHistogram.map { ("\($0)", $1) }),
      spansPerTraceHistogram: Dictionary(
        uniqueKeysWithValues: spansHistogram.map { ("\($0)", $1) }),
      servicesByName: servicesByName)
  }
}
