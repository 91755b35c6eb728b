import Codecs
import TraceModel

/// Everything the Analysis stage measured.
public struct AnalysisResult: Sendable, Equatable, Codable {
  /// One per potential, in the seed's order; their raw bytes add up to the file.
  public var potentials: [PotentialResult]
  /// Raw bytes per JSON field over the whole file.
  var fieldBytes: FieldBytes
  /// Traces, a split one once; over several shards, their distinct trace IDs (`traceIDs`).
  public var traces: Int
  public var spans: Int
  public var services: Int
  public var operations: Int
  /// Spans without a parent; a trace may have several.
  public var roots: Int
  /// Spans whose parent is not in the data.
  public var orphans: Int
  /// Traces whose window (root duration) the timing figures leave out: the root's timing is
  /// unknown (`Span.timingUnknown`). Counted in every other figure.
  public var tracesWithUnknownWindow = 0
  /// Spans per block when traces were grouped within blocks (files); nil for one block.
  public var blockSpans: Int?
  /// Traces whose spans fell into two or more blocks, each counted once: each block's part was
  /// measured as a trace of its own, so its later parts' parents count as orphans.
  public var splitTraces = 0
  /// The random bits of every span ID and trace ID, in bytes: no lossless format goes below it.
  public var idFloorBytes: Int
  /// The bits `idFloorBytes` rounds up; shards sum them, so a trace found in two shards counts
  /// its ID in each, as each shard's store holds it.
  var idRandomBits: Int
  /// The trace IDs, for `traces` across shards: a trace in two shards counts once there.
  public var traceIDs: DistinctValues
  /// The zstd level of the encoded columns and of the grouped-by-trace comparison.
  public var zstdLevel: Int
  /// zstd at `zstdLevel` of the same lines grouped by trace (parents first by start time).
  public var groupedZstdBytes: Int {
    for potential in potentials {
      if case .traceGrouping(_, _, _, let bytes) = potential.figures { return bytes }
    }
    return 0
  }

  /// All potentials applied, lossless: the sum of the encoded+zstd columns.
  public var losslessBytes: Int { potentials.reduce(0) { $0 + $1.encodedZstdBytes } }

  /// The lossy variant the seed's later phases measure: span IDs replaced by their index in the
  /// trace, which the parent-index column already gives, so the span-ID column is dropped.
  public var lossyBytes: Int {
    losslessBytes - (potentials.first { $0.potential == .spanIDs }?.encodedZstdBytes ?? 0)
  }

  var allRoundTrip: Bool { potentials.allSatisfy(\.roundTrips) }
}
