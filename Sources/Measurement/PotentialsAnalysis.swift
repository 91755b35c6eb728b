import Codecs
import TraceModel

/// The potentials as a sink: fed span by span, it measures every documented potential as a real encoded
/// column. Per-span potentials see spans as they arrive; per-trace ones see each trace once the
/// `TraceAssembler` closes it.
public final class PotentialsAnalysis: BatchSink {
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
  private var traceIDs = DistinctValues.Builder()
  private let zstdLevel: Int
  private let blockSpans: Int?

  /// Spans per block for files (2^14), so the spans held open stay bounded whatever the file's
  /// size, as a trace store's block or row group bounds them.
  ///
  /// An open span costs this harness about 1.3 KB (the span, its JSONL line and its trace's id
  /// sets; measured by peak RSS of a release build on 140,000 generated spans with and without
  /// blocks). 2^16 spans took about 85 MB, a third of the 256 MB a run may use beside the sweep's
  /// zstd contexts, the trace-store file's block and the structure checks: `analyze` peaked at
  /// 365 MB on a 126 MB file. 2^14 take about 21 MB; traces split across blocks are counted.
  public static let fileBlockSpans = 16_384

  /// `closingCompleteTraces`: close each trace as soon as its spans are all in (generated data,
  /// whose traces arrive whole: bounded memory); off for files, whose traces may arrive in several
  /// batches and stay open to the end of their block of `blockSpans` spans (nil: no blocks).
  /// `zstdLevel`: the level each encoded column is compressed at (`QuickDefaults.analysisLevel`).
  public init(closingCompleteTraces: Bool = true, blockSpans: Int? = nil, zstdLevel: Int = 19) throws {
    self.zstdLevel = zstdLevel
    self.blockSpans = blockSpans.map { max(1, $0) }
    assembler.closesCompleteTraces = closingCompleteTraces
    assembler.blockSpanLimit = self.blockSpans
    grouping = try TraceGroupingPotential(zstdLevel: zstdLevel)
  }

  public var label: String { "analysis" }
  /// The grouped-by-trace stream is compressed at the analysis level: as slow as the sweep's
  /// slowest setting from level 16.
  public var isSlow: Bool { CodecSetting(.zstd, level: zstdLevel).isSlow }

  /// What `endOfStream` measured.
  public private(set) var result: AnalysisResult?

  public func consume(_ batch: SpanBatch) throws {
    for line in batch.spans { try add(line) }
  }

  public func endOfStream() throws { result = try finish() }

  func add(_ line: SpanLine) throws {
    let line = line.resolved()
    fieldBytes += line.fieldBytes
    try operations.add(line, service: try services.add(line))
    try grouping.add(line)
    try spanIDs.add(line)
    try tagsAndLogs.add(line)
    try status.add(line)
    for trace in assembler.add(line) { try close(trace) }
  }

  /// A later block's part of a split trace is measured as a trace of its own (as a trace store
  /// holds it), but counts once in `traces` and in the ID floor.
  private func close(_ closed: TraceAssembler.Closed) throws {
    let trace = closed.members
    if !closed.continuesEarlierBlock {
      traces += 1
      traceIDs.add(trace[0].line.span.traceID)
      traceIDRandomBits += IDBytes.randomBits(trace[0].line.span.traceID)
    }
    try grouping.close(trace)
    try parents.close(trace)
    try timestamps.close(trace)
  }

  func finish() throws -> AnalysisResult {
    for trace in assembler.finish() { try close(trace) }
    let potentials = [
      try services.finish(zstdLevel: zstdLevel),
      try operations.finish(zstdLevel: zstdLevel, serviceNames: services.dictionary.entries),
      try grouping.finish(zstdLevel: zstdLevel),
      try parents.finish(zstdLevel: zstdLevel),
      try timestamps.finish(zstdLevel: zstdLevel),
      try spanIDs.finish(zstdLevel: zstdLevel),
      try tagsAndLogs.finish(zstdLevel: zstdLevel),
      try status.finish(zstdLevel: zstdLevel),
    ]
    return AnalysisResult(
      potentials: potentials, fieldBytes: fieldBytes, traces: traces,
      spans: services.spans, services: services.dictionary.count,
      operations: operations.global.count, roots: parents.roots, orphans: parents.orphans,
      tracesWithUnknownWindow: timestamps.tracesWithUnknownWindow,
      blockSpans: blockSpans, splitTraces: assembler.splitTraces,
      idFloorBytes: Int((Double(spanIDs.randomBits + traceIDRandomBits) / 8).rounded(.up)),
      idRandomBits: spanIDs.randomBits + traceIDRandomBits, traceIDs: traceIDs.finish(count: traces),
      zstdLevel: zstdLevel)
  }
}
