import Codecs
import TraceModel

/// The Analysis stage: fed span by span, it measures every documented potential as a real encoded
/// column. Per-span potentials see spans as they arrive; per-trace ones see each trace once the
/// `TraceAssembler` closes it.
public final class AnalysisStage {
  /// The column level: zstd-19 up to 1,000 traces (small and medium); above, zstd-3, since level 19
  /// over the columns, the grouped stream and the per-span frames triples a big run's time.
  public static func defaultZstdLevel(forTraces traces: Int) -> Int {
    traces <= CodecSetting.largeRunTraces ? 19 : 3
  }

  /// The same for `harness analyze`, by file size.
  public static func defaultZstdLevel(forFileBytes bytes: Int) -> Int {
    bytes <= CodecSetting.largeFileBytes ? 19 : 3
  }

  private let stated: [String: String]
  private var assembler = TraceAssembler()
  private var services = ServiceNamesPotential()
  private var operations = OperationNamesPotential()
  private var grouping: TraceGroupingPotential
  private var parents = ParentIndexPotential()
  private var timestamps = TimestampsPotential()
  private var spanIDs = SpanIDsPotential()
  private var tagsAndLogs = TagsAndLogsPotential()
  private var status = StatusPotential()
  private var fieldBytes = FieldBytes()
  private var traceIDRandomBits = 0
  private var traces = 0
  private let zstdLevel: Int

  /// `streaming`: close each trace as soon as it is complete (generated data, bounded memory);
  /// off for files, whose traces may arrive in several batches. `zstdLevel`: the level each
  /// encoded column is compressed at (19 for the seed's sizes; `defaultZstdLevel`).
  public init(stated: [String: String] = [:], streaming: Bool = true, zstdLevel: Int = 19) throws {
    self.stated = stated
    self.zstdLevel = zstdLevel
    assembler.closesCompleteTraces = streaming
    grouping = try TraceGroupingPotential(zstdLevel: zstdLevel)
  }

  public func add(_ span: SpanLine) throws {
    let span = span.resolved()
    fieldBytes += span.fieldBytes
    try operations.add(span, service: try services.add(span))
    try grouping.add(span)
    try spanIDs.add(span)
    try tagsAndLogs.add(span)
    try status.add(span)
    for trace in assembler.add(span) { try close(trace) }
  }

  private func close(_ trace: [TraceAssembler.Member]) throws {
    traces += 1
    traceIDRandomBits += IDBytes.randomBits(trace[0].span.span.traceID)
    try grouping.close(trace)
    try parents.close(trace)
    try timestamps.close(trace)
  }

  public func finish() throws -> AnalysisResult {
    for trace in assembler.finish() { try close(trace) }
    let (groupingResult, groupedZstdBytes) = try grouping.finish(stated: stated["trace grouping"] ?? "–", zstdLevel: zstdLevel)
    let potentials = [
      try services.finish(stated: stated["service names"] ?? "–", zstdLevel: zstdLevel),
      try operations.finish(stated: stated["operation names"] ?? "–", zstdLevel: zstdLevel),
      groupingResult,
      try parents.finish(stated: stated["parent index deltas"] ?? "–", zstdLevel: zstdLevel),
      try timestamps.finish(stated: stated["root-relative timestamps"] ?? "–", zstdLevel: zstdLevel),
      try spanIDs.finish(stated: stated["span IDs (ID floor)"] ?? "–", zstdLevel: zstdLevel),
      try tagsAndLogs.finish(stated: stated["tags and logs"] ?? "–", zstdLevel: zstdLevel),
      try status.finish(zstdLevel: zstdLevel),
    ]
    return AnalysisResult(
      potentials: potentials, fieldBytes: fieldBytes, traces: traces,
      spans: services.spans, services: services.dictionary.count,
      operations: operations.global.count, roots: parents.roots, orphans: parents.orphans,
      idFloorBytes: Int((Double(spanIDs.randomBits + traceIDRandomBits) / 8).rounded(.up)),
      zstdLevel: zstdLevel, groupedZstdBytes: groupedZstdBytes, statedLossy: stated["lossy"] ?? "–")
  }
}
