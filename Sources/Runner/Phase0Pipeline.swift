import Codecs
import Foundation
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// What a phase 0 run measured: plain figures, handed to the report writers.
public struct Phase0Result: Sendable {
  var configuration: Phase0Configuration
  public var metadata: DatasetMetadata
  public var baseline: BaselineResult
  /// The same traces as OTLP/JSON, if measured.
  public var otlpBaseline: BaselineResult?
  /// The same traces as OTLP protobuf, whole and per request, if measured.
  public var protobuf: ProtobufBaseline?
  /// The trace-store file of the dataset: the real lossless figure.
  public var traceStore: TraceStoreResult?
  /// The potentials and the per-span frames; nil for `generate`.
  public var analysis: AnalysisResult?
  public var perSpan: PerSpanResult?
  /// Where the time went; terminal and `output/` only.
  public var timing: RunTiming
}

/// Phase 0 as a run: the generator as the source; the dataset file, the Baseline settings, the
/// potentials and the per-span frames as sinks of its JSONL stream; the same spans as OTLP/JSON as
/// a derived stream with its own Baseline (and the file, for `--format otlp`).
///
/// Spans flow forward only, nothing is read back from disk, and every sink sees the spans in file
/// order, so every figure is the same as a one-thread run's.
public enum Phase0Pipeline {
  /// Generates the dataset, writes it and its metadata, and measures it.
  ///
  /// `writeDataset: false` measures without writing files (the drift check). The dataset, its
  /// metadata and the timing join `outputs`, which the caller commits with its report, so the
  /// run's files land as one set; without one they land as a set of their own before returning.
  public static func run(
    _ configuration: Phase0Configuration, writeDataset: Bool = true, outputs: OutputSet? = nil,
    progress: (any GenerationProgress)? = nil
  ) throws -> Phase0Result {
    let ownSet = writeDataset && outputs == nil ? OutputSet() : nil
    let outputs = outputs ?? ownSet
    let startNanos = RunTiming.nowNanos
    let (topology, topologyDigest) = try Topology.loadWithDigest(from: configuration.topologyURL)
    if writeDataset { try OutputError.checkWritableDirectory(configuration.outputDirectory) }

    let runner = Runner()
    let datasetFile = writeDataset ? try outputs?.file(configuration.datasetURL) : nil
    let jsonl = try Baseline(settings: configuration.codecs)
    runner.add(jsonl.allSinks)
    if configuration.datasetFormat == .jsonl, let datasetFile { runner.add([FileSink(datasetFile)]) }
    let otlpWanted = configuration.datasetFormat == .otlp || !configuration.otlpCodecs.isEmpty
    let otlp = otlpWanted ? try Baseline(settings: configuration.otlpCodecs) : nil
    if let otlp {
      let file = configuration.datasetFormat == .otlp ? datasetFile.map(FileSink.init) : nil
      runner.derive("otlp/json", OTLPJSONStream(), sinks: otlp.allSinks + [file].compactMap { $0 })
    }
    // The protobuf rows come with the OTLP/JSON ones (`--no-otlp-baseline` drops both), at the
    // sweep's levels; an otlp-proto dataset file is written from the same stream.
    let protoWanted = configuration.datasetFormat == .otlpProto || !configuration.otlpCodecs.isEmpty
    let proto = protoWanted
      ? try ProtobufSinks(
        settings: configuration.otlpCodecs.isEmpty ? [] : configuration.codecs,
        perRequestSampling: configuration.perRequestSampling) : nil
    proto?.declare(
      to: runner, file: configuration.datasetFormat == .otlpProto ? datasetFile.map(FileSink.init) : nil)
    let analysis =
      configuration.analyze ? try PotentialsAnalysis(zstdLevel: configuration.analysisZstdLevel) : nil
    let perSpan = configuration.analyze
      ? try PerSpanZstd(level: configuration.analysisZstdLevel, sampling: configuration.perSpanSampling) : nil
    let store = configuration.analyze ? try TraceStoreFile() : nil
    if let analysis, let perSpan, let store { runner.add([analysis, perSpan, store]) }

    var source = GeneratedSource(
      stream: DatasetStream(
        generator: TraceGenerator(topology: topology, seed: configuration.seed),
        traceCount: configuration.traceCount, order: configuration.order,
        threads: configuration.threads),
      keepingSpans: otlpWanted || proto != nil || configuration.analyze, progress: progress)
    let shares = try runner.run(&source)
    if configuration.datasetFormat == .otlpProto { try proto?.checkWritten() }
    let baseline = jsonl.result
    let otlpBaseline = otlp?.result
    let datasetBytes =
      switch configuration.datasetFormat {
      case .jsonl: baseline.rawBytes
      case .otlp: otlpBaseline?.rawBytes ?? 0
      case .otlpProto: proto?.whole.result.rawBytes ?? 0
      }
    let datasetMetadata = source.metadata.metadata(
      seed: configuration.seed, topologyDigest: topologyDigest,
      order: configuration.order,
      rawBytes: datasetBytes)
    let timing = RunTiming(startedAt: startNanos, workers: shares, rest: "generation and the rest")
    if writeDataset, let outputs {
      try outputs.add(JSONText.encode(datasetMetadata), at: configuration.metadataURL)
      try outputs.add(JSONText.encode(timing), at: configuration.timingURL)
    }
    try ownSet?.commit()
    return Phase0Result(
      configuration: configuration, metadata: datasetMetadata, baseline: baseline,
      otlpBaseline: configuration.otlpCodecs.isEmpty ? nil : otlpBaseline,
      protobuf: configuration.otlpCodecs.isEmpty ? nil : proto?.result.measured, traceStore: store?.result,
      analysis: analysis?.result, perSpan: perSpan?.result, timing: timing)
  }
}
