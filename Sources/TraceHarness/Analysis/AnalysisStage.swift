/// The Analysis stage: fed span by span, it measures every documented potential as a real encoded
/// column. Per-span potentials see spans as they arrive; per-trace ones see each trace once the
/// `TraceAssembler` closes it.
public final class AnalysisStage {
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

  /// `streaming`: close each trace as soon as it is complete (generated data, bounded memory);
  /// off for files, whose traces may arrive in several batches.
  public init(stated: [String: String] = [:], streaming: Bool = true) throws {
    self.stated = stated
    assembler.closesCompleteTraces = streaming
    grouping = try TraceGroupingPotential()
  }

  public func add(_ span: EmittedSpan) throws {
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
    let (groupingResult, groupedZstdBytes) = try grouping.finish(stated: stated["trace grouping"] ?? "–")
    let potentials = [
      try services.finish(stated: stated["service names"] ?? "–"),
      try operations.finish(stated: stated["operation names"] ?? "–"),
      groupingResult,
      try parents.finish(stated: stated["parent index deltas"] ?? "–"),
      try timestamps.finish(stated: stated["root-relative timestamps"] ?? "–"),
      try spanIDs.finish(stated: stated["span IDs (ID floor)"] ?? "–"),
      try tagsAndLogs.finish(stated: stated["tags and logs"] ?? "–"),
      try status.finish(),
    ]
    return AnalysisResult(
      potentials: potentials, fieldBytes: fieldBytes, traces: traces,
      spans: services.spans, services: services.dictionary.count,
      operations: operations.global.count, roots: parents.roots, orphans: parents.orphans,
      idFloorBytes: Int((Double(spanIDs.randomBits + traceIDRandomBits) / 8).rounded(.up)),
      groupedZstdBytes: groupedZstdBytes, statedLossy: stated["lossy"] ?? "–")
  }
}
