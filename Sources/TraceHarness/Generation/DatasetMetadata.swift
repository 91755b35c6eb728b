/// What `output/phase0_metadata_<size>.json` records about a generated dataset.
public struct DatasetMetadata: Sendable, Equatable, Codable {
  public var seed: UInt64
  public var topologyDigest: String
  public var order: SpanOrder
  public var traces: Int
  public var spans: Int
  public var rawBytes: Int
  public var services: Int
  public var operations: Int
  /// Distinct (service, operation) pairs; the same name under two services counts twice here.
  public var serviceOperations: Int
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
    public var errors: Int
    public var intrinsicErrors: Int
    public var configuredErrorRate: Double
    public var totalDurationNanos: Int64
    /// Time not covered by any child span: the service's own work.
    public var totalSelfNanos: Int64

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

/// Builds `DatasetMetadata` trace by trace, in memory proportional to the distinct names only.
public struct DatasetMetadataAccumulator {
  private let topology: Topology
  private var traces = 0
  private var spans = 0
  private var operations = Set<String>()
  private var serviceOperations = Set<String>()
  private var depthHistogram: [Int: Int] = [:]
  private var spansHistogram: [Int: Int] = [:]
  private var figures: [String: DatasetMetadata.ServiceFigures] = [:]

  public init(topology: Topology) {
    self.topology = topology
  }

  public mutating func add(_ trace: GeneratedTrace) {
    traces += 1
    spans += trace.spans.count
    depthHistogram[trace.depths.max() ?? 0, default: 0] += 1
    spansHistogram[trace.spans.count, default: 0] += 1
    let selfNanos = SelfTime.nanos(of: trace.spans)
    for (position, span) in trace.spans.enumerated() {
      operations.insert(span.operationName)
      serviceOperations.insert(span.serviceName + "\u{0}" + span.operationName)
      let service = topology.service(named: span.serviceName)
      var entry =
        figures[span.serviceName]
        ?? .init(
          kind: service?.kind.rawValue ?? "unknown", spans: 0, errors: 0, intrinsicErrors: 0,
          configuredErrorRate: service?.errorRate ?? 0, totalDurationNanos: 0, totalSelfNanos: 0)
      entry.spans += 1
      entry.errors += span.statusCode == 1 ? 1 : 0
      entry.intrinsicErrors += trace.failedIntrinsically[position] ? 1 : 0
      entry.totalDurationNanos += span.durationNanos
      entry.totalSelfNanos += selfNanos[position]
      figures[span.serviceName] = entry
    }
  }

  public func metadata(seed: UInt64, topologyDigest: String, order: SpanOrder, rawBytes: Int)
    -> DatasetMetadata
  {
    DatasetMetadata(
      seed: seed, topologyDigest: topologyDigest, order: order, traces: traces, spans: spans,
      rawBytes: rawBytes, services: figures.count, operations: operations.count,
      serviceOperations: serviceOperations.count,
      depthHistogram: Dictionary(uniqueKeysWithValues: depthHistogram.map { ("\($0)", $1) }),
      spansPerTraceHistogram: Dictionary(
        uniqueKeysWithValues: spansHistogram.map { ("\($0)", $1) }),
      servicesByName: figures)
  }
}

/// A span's own time: its duration less the union of its direct children's intervals.
public enum SelfTime {
  public static func nanos(of spans: [Span]) -> [Int64] {
    var positionByID: [String: Int] = [:]
    for (position, span) in spans.enumerated() { positionByID[span.spanID] = position }
    var children = [[(Int64, Int64)]](repeating: [], count: spans.count)
    for span in spans {
      if let parent = span.parentSpanID.flatMap({ positionByID[$0] }) {
        children[parent].append((span.startTimeNanos, span.endTimeNanos))
      }
    }
    return spans.indices.map { position in
      var covered: Int64 = 0
      var reachedNanos = spans[position].startTimeNanos
      for (start, end) in children[position].sorted(by: { $0.0 < $1.0 }) {
        let from = max(start, reachedNanos)
        let to = min(end, spans[position].endTimeNanos)
        if to > from { covered += to - from }
        reachedNanos = max(reachedNanos, to)
      }
      return spans[position].durationNanos - covered
    }
  }
}
