import Foundation

/// What a phase 0 run measured, handed to the report writers.
public struct Phase0Result: Sendable {
  public var configuration: Phase0Configuration
  public var metadata: DatasetMetadata
  public var baseline: BaselineResult
  public var conformance: SeedConformance
  public var analysis: AnalysisResult
  public var perSpan: PerSpanResult
  public var waterfall: Waterfall
  public var findings: [String]
}

/// Wires the stages: generate → (dataset file, Baseline, metadata) in one pass.
///
/// Spans flow forward only: the generator's lines are gathered into 1 MiB chunks that go to the
/// dataset file and to every compressor; nothing is read back from disk.
public enum Phase0Pipeline {
  static let chunkBytes = 1 << 20

  /// Generates the dataset, writes it and its metadata, and measures the baseline.
  ///
  /// `writeDataset: false` measures without writing files (the drift check).
  public static func run(_ configuration: Phase0Configuration, writeDataset: Bool = true) throws
    -> Phase0Result
  {
    let topologyBytes = try Data(contentsOf: configuration.topologyURL)
    let topology = try Topology.load(from: configuration.topologyURL)
    let stated = try StatedFigures.load(from: configuration.statedFiguresURL)
    if writeDataset { try OutputError.checkWritableDirectory(configuration.outputDirectory) }

    let stream = DatasetStream(
      generator: TraceGenerator(topology: topology, seed: configuration.seed),
      traceCount: configuration.traceCount, order: configuration.order,
      threads: configuration.threads)
    let datasetFile = writeDataset ? try AtomicFile(configuration.datasetURL) : nil
    let baseline = try BaselineStage(settings: configuration.codecs)
    var metadata = DatasetMetadataAccumulator(topology: topology)
    let analysis = try AnalysisStage(stated: stated.potentials ?? [:])
    let perSpan = try PerSpanZstd()
    var chunk: [UInt8] = []
    chunk.reserveCapacity(chunkBytes + 4096)
    var chunkSpans = 0
    var rawBytes = 0
    func flush() throws {
      rawBytes += chunk.count
      try datasetFile?.write(chunk)
      try baseline.feed(chunk, spanCount: chunkSpans)
      chunk.removeAll(keepingCapacity: true)
      chunkSpans = 0
    }
    try stream.run(
      onTrace: { metadata.add($0) },
      onSpan: { emitted in
        chunk.append(contentsOf: emitted.line)
        chunkSpans += 1
        try analysis.add(emitted)
        try perSpan.add(emitted.line)
        if chunk.count >= chunkBytes { try flush() }
      })
    try flush()
    let baselineResult = try baseline.finish()
    let analysisResult = try analysis.finish()
    let perSpanResult = try perSpan.finish()
    let datasetMetadata = metadata.metadata(
      seed: configuration.seed, topologyDigest: FNV1a64.hex(topologyBytes),
      order: configuration.order, rawBytes: rawBytes)
    if let datasetFile {
      try datasetFile.commit()
      try AtomicFile.write(JSONText.encode(datasetMetadata), to: configuration.metadataURL)
    }
    return Phase0Result(
      configuration: configuration, metadata: datasetMetadata, baseline: baselineResult,
      conformance: SeedConformance(stated: stated, metadata: datasetMetadata),
      analysis: analysisResult, perSpan: perSpanResult,
      waterfall: Waterfall(baseline: baselineResult, perSpan: perSpanResult, analysis: analysisResult),
      findings: Findings.sentences(baseline: baselineResult, analysis: analysisResult))
  }
}
