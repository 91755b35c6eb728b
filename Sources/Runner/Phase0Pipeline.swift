import Codecs
import Foundation
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceModel

/// What a phase 0 run measured, handed to the report writers.
public struct Phase0Result: Sendable {
  public var configuration: Phase0Configuration
  public var metadata: DatasetMetadata
  public var baseline: BaselineResult
  /// The same traces as OTLP/JSON, if measured.
  public var otlpBaseline: BaselineResult?
  public var conformance: SeedConformance
  public var potentials: PotentialsSummary?
  /// Where the time went; terminal and `output/` only.
  public var timing: RunTiming
}

/// Wires the stages: generate → (dataset file, Baseline, Analysis, metadata) in one pass.
///
/// Spans flow forward only: the generator's spans are gathered into 1 MiB `SpanBatch`es, and each
/// batch goes to the dataset file, to every compressor and to the analysis, nothing read back from
/// disk. Every consumer runs on a worker thread of its own with a short queue, so generation, the
/// compressors and the analysis overlap on all cores and a run takes about as long as its slowest
/// consumer (zstd-19 on the raw bytes) rather than the sum of them; each consumer still sees the
/// spans in file order, so every figure is the same as a one-thread run's.
public enum Phase0Pipeline {
  /// Generates the dataset, writes it and its metadata, and measures it.
  ///
  /// `writeDataset: false` measures without writing files (the drift check).
  public static func run(
    _ configuration: Phase0Configuration, writeDataset: Bool = true,
    progress: ProgressReporter? = nil
  ) throws -> Phase0Result {
    let startNanos = RunTiming.nowNanos
    let topologyBytes = try Data(contentsOf: configuration.topologyURL)
    let topology = try Topology.load(from: configuration.topologyURL)
    let stated = try StatedFigures.load(from: configuration.statedFiguresURL)
    if writeDataset { try OutputError.checkWritableDirectory(configuration.outputDirectory) }

    let stream = DatasetStream(
      generator: TraceGenerator(topology: topology, seed: configuration.seed),
      traceCount: configuration.traceCount, order: configuration.order,
      threads: configuration.threads)
    let datasetFile = writeDataset ? try AtomicFile(configuration.datasetURL) : nil
    let jsonlFile = configuration.datasetFormat == .jsonl ? datasetFile.map {
      BatchWorker("dataset", $0) { file, batch in try file.write(batch.bytes) }
    } : nil
    let jsonl = try BaselineStage(settings: configuration.codecs)
    let otlpWanted = configuration.datasetFormat == .otlp || !configuration.otlpCodecs.isEmpty
    let otlp = otlpWanted ? BatchWorker(
      "otlp",
      try OTLPBaseline(
        settings: configuration.otlpCodecs,
        file: configuration.datasetFormat == .otlp ? datasetFile : nil)
    ) { otlp, batch in try otlp.add(batch.spans) } : nil
    let analysis = configuration.analyze ? try AnalysisWorkers(
      stated: stated.potentials ?? [:], streaming: true, zstdLevel: configuration.analysisZstdLevel) : nil

    var metadata = DatasetMetadataAccumulator(topology: topology)
    let keepsSpans = otlp != nil || analysis != nil
    var batch = SpanBatch(keepingSpans: keepsSpans)
    var rawBytes = 0
    func ship() throws {
      rawBytes += batch.bytes.count
      try jsonlFile?.take(batch)
      try jsonl.feed(batch.bytes, spanCount: batch.spanCount)
      try otlp?.take(batch)
      try analysis?.take(batch)
      batch = SpanBatch(keepingSpans: keepsSpans)
    }
    var traces = 0
    try stream.run(
      onTrace: {
        metadata.add($0)
        traces += 1
        progress?.update(stage: "phase0", traces: traces, bytes: rawBytes + batch.bytes.count)
      },
      onSpan: { emitted in
        batch.append(emitted)
        if batch.isFull { try ship() }
      })
    try ship()
    progress?.finish()
    // The slowest consumer, the baseline, is waited for last: the others finish beside it.
    let (otlpBaseline, otlpStages) = try otlp?.finish { (try $0.finish(), $0.stages) } ?? (nil, [])
    let analysisResults = try analysis?.finish()
    try jsonlFile?.finish { _ in }
    let baseline = try jsonl.finish()
    let datasetMetadata = metadata.metadata(
      seed: configuration.seed, topologyDigest: FNV1a64.hex(topologyBytes),
      order: configuration.order,
      rawBytes: configuration.datasetFormat == .otlp ? otlpBaseline?.rawBytes ?? 0 : baseline.rawBytes)
    if let datasetFile {
      try datasetFile.commit()
      try AtomicFile.write(JSONText.encode(datasetMetadata), to: configuration.metadataURL)
    }
    var potentials: PotentialsSummary?
    if let analysisResults {
      potentials = PotentialsSummary(
        baseline: baseline, analysis: analysisResults.analysis, perSpan: analysisResults.perSpan)
    }
    let timing = RunTiming(
      startedAt: startNanos,
      workers: jsonl.stages() + otlpStages + (analysis?.timings ?? [])
        + [otlp?.timing, jsonlFile?.timing].compactMap { $0 },
      rest: "generation and the rest")
    if writeDataset { try AtomicFile.write(JSONText.encode(timing), to: configuration.timingURL) }
    return Phase0Result(
      configuration: configuration, metadata: datasetMetadata, baseline: baseline,
      otlpBaseline: otlpWanted && !configuration.otlpCodecs.isEmpty ? otlpBaseline : nil,
      conformance: SeedConformance(stated: stated, metadata: datasetMetadata),
      potentials: potentials, timing: timing)
  }
}
