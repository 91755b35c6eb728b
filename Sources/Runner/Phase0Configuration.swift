import Codecs
import Foundation
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceModel

/// Everything a phase 0 run depends on; two runs with equal configurations write equal bytes.
public struct Phase0Configuration: Sendable {
  /// The default seed: the date of the seed's example instant (1,698,000,000 s, 2023-10-22).
  public static let defaultSeed: UInt64 = 20_231_022

  var topologyURL: URL
  public var statedFiguresURL: URL
  var seed: UInt64
  var traceCount: Int
  /// Names the output files: `traces_<label>.jsonl`, `phase0_metadata_<label>.json`.
  var label: String
  var order: SpanOrder
  var threads: Int
  var codecs: [CodecSetting]
  /// Levels measured on the same traces written as OTLP/JSON; empty for none.
  var otlpCodecs: [CodecSetting]
  /// Which encoding the dataset file is written in.
  var datasetFormat: DatasetFormat
  /// Whether to run the Analysis stage (and per-span zstd); `generate` does not.
  var analyze: Bool
  /// zstd level of the analysis columns and per-span frames.
  var analysisZstdLevel: Int
  /// One span in this many gets per-span frames (`QuickDefaults.perSpanSampling`).
  var perSpanSampling: Int
  /// One request in this many is compressed for the per-request rows (`QuickDefaults.perRequestSampling`).
  var perRequestSampling: Int
  public var outputDirectory: URL

  public init(
    topologyURL: URL, statedFiguresURL: URL, seed: UInt64 = Phase0Configuration.defaultSeed,
    traceCount: Int, label: String, order: SpanOrder = .arrival, threads: Int = 1,
    codecs: [CodecSetting] = CodecSetting.phase0Defaults,
    otlpCodecs: [CodecSetting] = Phase0Configuration.defaultOTLPCodecs,
    datasetFormat: DatasetFormat = .jsonl, analyze: Bool = true, analysisZstdLevel: Int? = nil,
    outputDirectory: URL
  ) {
    self.topologyURL = topologyURL
    self.statedFiguresURL = statedFiguresURL
    self.seed = seed
    self.traceCount = traceCount
    self.label = label
    self.order = order
    self.threads = threads
    self.codecs = codecs
    self.otlpCodecs = otlpCodecs
    self.datasetFormat = datasetFormat
    self.analyze = analyze
    self.analysisZstdLevel = analysisZstdLevel ?? QuickDefaults(traces: traceCount).analysisLevel
    perSpanSampling = QuickDefaults(traces: traceCount).perSpanSampling
    perRequestSampling = QuickDefaults(traces: traceCount).perRequestSampling
    self.outputDirectory = outputDirectory
  }

  /// The OTLP/JSON row set of the baseline: the most common gzip and zstd settings.
  public static let defaultOTLPCodecs = QuickDefaults(traces: 0).otlpCodecs

  public var datasetURL: URL {
    outputDirectory.appendingPathComponent(datasetFormat.fileName(label: label))
  }
  /// Where the run's timing goes: beside the dataset, untracked.
  public var timingURL: URL {
    outputDirectory.appendingPathComponent("phase0_timing_\(label).json")
  }
  public var metadataURL: URL {
    outputDirectory.appendingPathComponent("phase0_metadata_\(label).json")
  }
}
