import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// The Compression potential section, shared by the phase 0 and `analyze` reports.
enum PotentialsSection {
  /// `rawBytes`: the size the shares are of (the JSONL the columns attribute).
  static func markdown(_ summary: PotentialsSummary, rawBytes: Int) -> String {
    let raw = Double(rawBytes)
    var table = MarkdownTable(
      ["Potential", "Raw share", "Raw bytes", "Encoded", "Encoded + zstd-\(summary.analysis.zstdLevel)", "Entropy bound",
       "Round trip", "Stated", "Measured"],
      rightAligned: [false, true, true, true, true, true, false, false, false])
    for potential in summary.analysis.potentials {
      table.add([
        potential.name, Format.percent(Double(potential.rawBytes) / raw),
        Format.grouped(potential.rawBytes), Format.grouped(potential.encodedBytes),
        Format.grouped(potential.encodedZstdBytes), Format.grouped(potential.entropyBytes),
        potential.roundTrips ? "✓" : "✗", potential.stated, potential.measured,
      ])
    }
    var details = ""
    for potential in summary.analysis.potentials where !potential.details.isEmpty {
      details += "- **\(potential.name)**: "
        + potential.details.map { "\($0.label): \($0.value)" }.joined(separator: "; ") + "\n"
    }
    var waterfall = MarkdownTable(["Step", "Bytes", "Ratio (raw ÷ bytes)", "Kind"], rightAligned: [false, true, true, false])
    for step in summary.waterfall.steps {
      waterfall.add([
        step.step, Format.grouped(step.bytes), Format.ratio(raw / Double(max(step.bytes, 1))),
        step.lossless ? "lossless" : "**lossy**",
      ])
    }
    let perSpan = summary.perSpan
    let perSpanText =
      perSpan.withDictionaryTotalBytes.map {
        "Per-span zstd-\(perSpan.level): \(Format.grouped(perSpan.plainBytes)) bytes without a dictionary, "
          + "\(Format.grouped($0)) with a \(Format.grouped(perSpan.dictionaryBytes))-byte dictionary "
          + "trained on the first \(Format.grouped(perSpan.trainedOnSpans)) spans (dictionary included)."
      } ?? "Per-span zstd-\(perSpan.level): \(Format.grouped(perSpan.plainBytes)) bytes; no dictionary: \(perSpan.trainingError ?? "too few spans")."
    let chart = MermaidBarChart(
      title: "Waterfall (bytes)", yAxis: "bytes",
      bars: summary.waterfall.steps.map { ($0.shortLabel, $0.bytes) })
    return """
      ## Compression potential

      Each potential is a real encoded column of its fields (dictionaries included), decoded again \
      and compared (round trip), then compressed with zstd-\(summary.analysis.zstdLevel). Raw shares attribute every byte of the \
      file — keys, quotes and commas with their field — so they add up to the file size.

      \(table.text)
      \(details)
      ### Summary waterfall

      \(waterfall.text)
      \(perSpanText) The lossy row is what the seed's source reports at 21-25x \
      (\(summary.analysis.statedLossy)); it drops information and is not comparable with the lossless rows.

      \(chart.text)
      ### Findings

      \(summary.findings.map { "- " + $0 }.joined(separator: "\n"))

      """
  }
}
