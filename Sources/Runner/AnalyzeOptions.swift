import Codecs
import TraceFormats

/// The options an analyze result was measured with. Shards merge only when these are equal: sizes
/// at other levels, blocks of another size or timestamps read in another unit do not add up.
///
/// The levels are the settings actually used, not the flags: without `--levels` a shard's size
/// picks the defaults (`QuickDefaults`), so shards meant to be merged should state their levels.
public struct AnalyzeOptions: Sendable, Equatable, Codable {
  var codecs: [CodecSetting]
  /// The whole-stream settings of the same spans as OTLP protobuf (`QuickDefaults.protobufCodecs`).
  var protobufCodecs: [CodecSetting]
  var analysisLevel: Int
  var blockSpans: Int
  /// One span in this many gets per-span frames (`QuickDefaults.perSpanSampling`).
  var perSpanSampling = 1
  /// One request in this many is compressed for the per-request rows (`QuickDefaults.perRequestSampling`).
  var perRequestSampling = 1
  /// `--format`, nil for auto.
  var format: TraceFormat?
  /// `--time-unit`, nil when not given.
  var timeUnit: TimestampUnit?

  /// What differs from `other`, named as the option that sets it: "--levels zstd-3 (zstd-19 in
  /// A.json)"; nil when nothing does.
  func difference(from other: AnalyzeOptions, otherName: String) -> String? {
    let differences: [(String, String, String)] = [
      ("--levels", codecs.map(\.description).joined(separator: ","), other.codecs.map(\.description).joined(separator: ",")),
      ("OTLP protobuf levels", protobufCodecs.map(\.description).joined(separator: ","),
       other.protobufCodecs.map(\.description).joined(separator: ",")),
      ("--analysis-level", "\(analysisLevel)", "\(other.analysisLevel)"),
      ("spans per block", "\(blockSpans)", "\(other.blockSpans)"),
      ("per-span frames of 1 span in", "\(perSpanSampling)", "\(other.perSpanSampling)"),
      ("per-request rows of 1 request in", "\(perRequestSampling)", "\(other.perRequestSampling)"),
      ("--format", format?.rawValue ?? "auto", other.format?.rawValue ?? "auto"),
      ("--time-unit", timeUnit?.optionName ?? "none", other.timeUnit?.optionName ?? "none"),
    ]
    return differences.first { $0.1 != $0.2 }.map { "\($0.0) \($0.1) (\($0.2) in \(otherName))" }
  }
}
