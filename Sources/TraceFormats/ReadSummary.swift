import TraceJSON
import TraceModel

/// What reading one trace file found: how much, in which unit, and what had to be normalized.
///
/// Returned by `TraceFileReader.read` once every span has been handed over, so a report can state
/// the provenance of its figures next to them.
public struct ReadSummary: Sendable, Equatable, Codable {
  public var format: TraceFormat
  public var spanCount = 0
  /// Lines in the file, including blank ones.
  var lineCount = 0
  /// Top-level JSON values read: one per line for jsonl and seed, one per request for OTLP, one
  /// for a Zipkin or Jaeger file.
  var documentCount = 0
  /// The unit the source wrote its timestamps in; the spans handed over are always in ns.
  public var sourceTimestampUnit: TimestampUnit
  /// The unit the user stated for the file's times (`--time-unit`), taken without the magnitude
  /// check; nil when the format's own unit applies.
  var statedTimeUnit: TimestampUnit?
  /// Spans marked `Span.timingUnknown` (Zipkin without timestamp or duration), which timing
  /// figures leave out.
  public var spansWithUnknownTiming = 0
  /// Broken structure the reader saw in the JSON itself (duplicate keys, OTLP's two scope keys);
  /// `StructureChecker` finds the rest from the spans.
  public var findings = StructureFindings()
  /// Spans that arrived for a trace `StructureChecker` had already closed (its window was full),
  /// so checks across that gap were not made.
  public var tracesReopened = 0
  /// How many times each normalization was applied; absent means never.
  var normalizations: [Normalization: Int] = [:]

  public init(format: TraceFormat, sourceTimestampUnit: TimestampUnit) {
    self.format = format
    self.sourceTimestampUnit = sourceTimestampUnit
  }

  /// One line per normalization applied, in `Normalization.allCases` order so reports are stable:
  /// "3 spans given service \"unknown\" (no service name in the source)".
  public var normalizationNotes: [String] {
    Normalization.allCases.compactMap { kind in
      normalizations[kind].map { "\($0) \(kind.summary)" }
    }
  }

  mutating func note(_ kind: Normalization, count: Int = 1) {
    normalizations[kind, default: 0] += count
  }
}
