import ArgumentParser
import Codecs
import History
import Measurement
import OutputFiles
import Reports
import Runner
import TraceFormats
import TraceGeneration
import TraceModel

/// The levels a run compresses at, shared by `phase0` and `analyze`: the same syntax, checks and
/// rule for the defaults (the full sweep for small runs, the quick one above).
struct LevelOptions: ParsableArguments {
  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Compressor levels, e.g. --levels gzip:1,6,9 zstd:1,3,19 (gzip 1–9, zstd 1–22).",
      discussion: "Default: \(QuickDefaults.text(QuickDefaults(traces: 0).codecs)) \(QuickDefaults.rule); above that \(QuickDefaults.text(QuickDefaults(traces: .max).codecs)), since zstd-19 and 22 run at about 1 MB/s: half a minute on big, many minutes on a million traces."))
  var levels: [String] = []

  @Option(help: "zstd level of the analysis columns and per-span frames (default \(QuickDefaults(traces: 0).analysisLevel) \(QuickDefaults.rule), \(QuickDefaults(traces: .max).analysisLevel) above: level 19 triples the time of a big run).")
  var analysisLevel: Int?

  func validate() throws {
    if let analysisLevel, !CodecSetting(.zstd, level: analysisLevel).isValid {
      throw ValidationError("--analysis-level must be a zstd level, 1–22, not \(analysisLevel).")
    }
    do {
      _ = try CodecSetting.parse(groups: levels)
    } catch let error as CodecSetting.ParseError {
      throw ValidationError(error.description)
    }
  }

  /// The levels given, or `defaults` without --levels.
  func codecs(defaults: () -> [CodecSetting]) throws -> [CodecSetting] {
    levels.isEmpty ? defaults() : try CodecSetting.parse(groups: levels)
  }
}
