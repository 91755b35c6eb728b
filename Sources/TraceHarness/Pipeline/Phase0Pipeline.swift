import Foundation

/// What a phase 0 run measured, handed to the report writers.
public struct Phase0Result: Sendable {
  public var configuration: Phase0Configuration
  public var metadata: DatasetMetadata
  public var baseline: BaselineResult
  /// The same traces as OTLP/JSON, if measured.
  public var otlpBaseline: BaselineResult?
  public var conformance: SeedConformance
  public var potentials: PotentialsSummary?
}

/// Wires the stages: generate → (dataset file, Baseline, Analysis, metadata) in one pass.
///
/// Spans flow forward only: the generator's lines are gathered into 1 MiB chunks that go to the
/// dataset file and to every compressor, and each span goes to the analysis accumulators; nothing
/// is read back from disk.
public enum Phase0Pipeline {
  static let chunkBytes = 1 << 20

  /// Generates the dataset, writes it and its metadata, and measures it.
  ///
  /// `writeDataset: false` measures without writing files (the drift check).
  public static func run(
    _ configuration: Phase0Configuration, writeDataset: Bool = true,
    progress: ProgressReporter? = nil
  ) throws -> Phase0Result {
    let topologyBytes = try Data(contentsOf: configuration.topologyURL)
    let topology = try Topology.load(from: configuration.topologyURL)
    let stated = try StatedFigures.load(from: configuration.statedFiguresURL)
    if writeDataset { try OutputError.checkWritableDirectory(configuration.outputDirectory) }

    let stream = DatasetStream(
      generator: TraceGenerator(topology: topology, seed: configuration.seed),
      traceCount: configuration.traceCount, order: configuration.order,
      threads: configuration.threads)
    let datasetFile = writeDataset ? try AtomicFile(configuration.datasetURL) : nil
    let jsonl = try ChunkedBaseline(
      settings: configuration.codecs,
      file: configuration.datasetFormat == .jsonl ? datasetFile : nil)
    let otlpWanted = configuration.datasetFormat == .otlp || !configuration.otlpCodecs.isEmpty
    let otlp = otlpWanted
      ? try ChunkedBaseline(
        settings: configuration.otlpCodecs,
        file: configuration.datasetFormat == .otlp ? datasetFile : nil)
      : nil
    var otlpWriter = OTLPJSONWriter()
    var metadata = DatasetMetadataAccumulator(topology: topology)
    let analysis = configuration.analyze ? try AnalysisStage(
        stated: stated.potentials ?? [:], zstdLevel: configuration.analysisZstdLevel) : nil
    let perSpan = configuration.analyze ? try PerSpanZstd(level: configuration.analysisZstdLevel) : nil
    var traces = 0
    try stream.run(
      onTrace: {
        metadata.add($0)
        traces += 1
        progress?.update(stage: "phase0", traces: traces, bytes: jsonl.rawBytes)
      },
      onSpan: { emitted in
        try jsonl.append(emitted.line, spans: 1)
        if let otlp {
          try otlpWriter.append(emitted.span, into: &otlp.chunk)
          otlp.pendingSpans += 1
          try otlp.flushIfFull()
        }
        try analysis?.add(emitted)
        try perSpan?.add(emitted.line)
      })
    if let otlp { try otlpWriter.finish(into: &otlp.chunk) }
    progress?.finish()
    let baseline = try jsonl.finish()
    let otlpBaseline = try otlp?.finish()
    let datasetMetadata = metadata.metadata(
      seed: configuration.seed, topologyDigest: FNV1a64.hex(topologyBytes),
      order: configuration.order, rawBytes: baseline.rawBytes)
    if let datasetFile {
      try datasetFile.commit()
      try AtomicFile.write(JSONText.encode(datasetMetadata), to: configuration.metadataURL)
    }
    var potentials: PotentialsSummary?
    if let analysis, let perSpan {
      potentials = PotentialsSummary(
        baseline: baseline, analysis: try analysis.finish(), perSpan: try perSpan.finish())
    }
    return Phase0Result(
      configuration: configuration, metadata: datasetMetadata, baseline: baseline,
      otlpBaseline: otlpWanted && !configuration.otlpCodecs.isEmpty ? otlpBaseline : nil,
      conformance: SeedConformance(stated: stated, metadata: datasetMetadata),
      potentials: potentials)
  }
}

/// Gathers bytes into 1 MiB chunks for an optional file and a Baseline stage.
final class ChunkedBaseline {
  var chunk: [UInt8] = []
  var pendingSpans = 0
  private(set) var rawBytes = 0
  private let stage: BaselineStage
  private let file: AtomicFile?

  init(settings: [CodecSetting], file: AtomicFile?) throws {
    stage = try BaselineStage(settings: settings)
    self.file = file
    chunk.reserveCapacity(Phase0Pipeline.chunkBytes + 65_536)
  }

  func append(_ bytes: ArraySlice<UInt8>, spans: Int) throws {
    chunk.append(contentsOf: bytes)
    pendingSpans += spans
    try flushIfFull()
  }

  func flushIfFull() throws {
    if chunk.count >= Phase0Pipeline.chunkBytes { try flush() }
  }

  private func flush() throws {
    rawBytes += chunk.count
    try file?.write(chunk)
    try stage.feed(chunk, spanCount: pendingSpans)
    chunk.removeAll(keepingCapacity: true)
    pendingSpans = 0
  }

  func finish() throws -> BaselineResult {
    try flush()
    return try stage.finish()
  }
}
