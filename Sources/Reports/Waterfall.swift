import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// The summary waterfall: raw → general-purpose compressors → potentials applied → ID floor, with
/// the lossy variant kept on its own labelled row.
public struct Waterfall: Sendable, Equatable {
  public var steps: [Step]

  /// One stage of the waterfall.
  public struct Step: Sendable, Equatable {
    public var step: String
    /// A few characters for the chart's axis.
    public var shortLabel: String
    public var bytes: Int
    public var lossless: Bool
  }

  public init(baseline: BaselineResult, perSpan: PerSpanResult?, analysis: AnalysisResult) {
    var steps = [Step(step: "raw JSONL", shortLabel: "raw", bytes: baseline.rawBytes, lossless: true)]
    for setting in [CodecSetting(.gzip, level: 9), CodecSetting(.zstd, level: 19), CodecSetting(.zstd, level: 22)] {
      if let bytes = baseline.compressedBytes(setting) {
        steps.append(Step(step: setting.description, shortLabel: setting.description, bytes: bytes, lossless: true))
      }
    }
    if let total = perSpan?.withDictionaryTotalBytes {
      steps.append(Step(step: "per-span zstd-\(perSpan!.level) with dictionary", shortLabel: "per-span+dict", bytes: total, lossless: true))
    }
    steps.append(Step(step: "all potentials applied (lossless)", shortLabel: "potentials", bytes: analysis.losslessBytes, lossless: true))
    steps.append(Step(step: "ID floor", shortLabel: "ID floor", bytes: analysis.idFloorBytes, lossless: true))
    steps.append(Step(step: "lossy: span IDs replaced by indices", shortLabel: "lossy", bytes: analysis.lossyBytes, lossless: false))
    self.steps = steps
  }
}

/// A few sentences of findings, written from the figures so they never go stale.
public enum Findings {
  public static func sentences(baseline: BaselineResult, analysis: AnalysisResult) -> [String] {
    var sentences: [String] = []
    let raw = Double(baseline.rawBytes)
    let lossless = analysis.losslessBytes
    let ranked = analysis.potentials.sorted { $0.encodedZstdBytes > $1.encodedZstdBytes }
    if let top = ranked.first, lossless > 0 {
      sentences.append(
        "Of what remains after all potentials, \(top.name) take the most: "
          + "\(Format.grouped(top.encodedZstdBytes)) bytes, "
          + "\(Format.percent(Double(top.encodedZstdBytes) / Double(lossless))) of the lossless total.")
    }
    let reference = CodecSetting(.zstd, level: analysis.zstdLevel)
    if let zstdBytes = baseline.compressedBytes(reference) {
      let zstd = Double(zstdBytes)
      let change = Format.percent(abs(1 - Double(lossless) / zstd))
      sentences.append(
        "All potentials applied give \(Format.ratio(raw / Double(max(lossless, 1)))) against \(reference)'s "
          + "\(Format.ratio(raw / zstd)): \(change) \(Double(lossless) <= zstd ? "smaller" : "larger") "
          + "than \(reference) alone, without losing a bit.")
      sentences.append(
        "Grouping the same lines by trace changes \(reference) from \(Format.grouped(zstdBytes)) to "
          + "\(Format.grouped(analysis.groupedZstdBytes)) bytes "
          + "(\(Format.signedPercent(Double(analysis.groupedZstdBytes - zstdBytes) / zstd))).")
      sentences.append(
        "The random bits of the IDs alone take \(Format.grouped(analysis.idFloorBytes)) bytes, "
          + "\(Format.percent(Double(analysis.idFloorBytes) / zstd)) of \(reference)'s output; "
          + "no lossless format can beat \(Format.ratio(raw / Double(max(analysis.idFloorBytes, 1)))).")
    }
    sentences.append(
      "Dropping span IDs (the seed's later phases do) gives \(Format.ratio(raw / Double(max(analysis.lossyBytes, 1)))), "
        + "but that figure is lossy and not comparable with the others.")
    return sentences
  }
}
