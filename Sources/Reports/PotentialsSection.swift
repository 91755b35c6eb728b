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
    // At least 1, so a dataset of no bytes gives 0 % shares rather than a NaN.
    let raw = Double(max(rawBytes, 1))
    var table = MarkdownTable(
      ["Potential", "Raw share", "Raw bytes", "Encoded", "Encoded + zstd-\(summary.analysis.zstdLevel)", "Order-0 entropy",
       "Round trip", "Stated", "Measured"],
      rightAligned: [false, true, true, true, true, true, false, false, false])
    for potential in summary.analysis.potentials {
      table.add([
        PotentialText.name(potential.potential) + (potential.state.entropySummedOverShards ? " ¹" : ""),
        NumberText.percent(Double(potential.rawBytes) / raw),
        NumberText.grouped(potential.rawBytes), NumberText.grouped(potential.encodedBytes),
        NumberText.grouped(potential.encodedZstdBytes), NumberText.grouped(potential.order0EntropyBytes),
        potential.roundTrips ? "✓" : "✗", summary.stated.text(potential.potential),
        PotentialText.measured(potential),
      ])
    }
    var details = ""
    if summary.analysis.potentials.contains(where: \.state.entropySummedOverShards) {
      details += "¹ Order-0 entropy summed over blocks (and files), each its own: a column of it has more than "
        + "\(NumberText.grouped(EntropyTally.exactSymbolLimit)) distinct symbols, too many to keep for the entropy of "
        + "the whole dataset.\n\n"
    }
    for potential in summary.analysis.potentials {
      let lines = PotentialText.details(potential, zstdLevel: summary.analysis.zstdLevel)
      guard !lines.isEmpty else { continue }
      details += "- **\(PotentialText.name(potential.potential))**: "
        + lines.map { "\($0.label): \($0.value)" }.joined(separator: "; ") + "\n"
    }
    let waterfallSteps = summary.waterfall
    var waterfall = MarkdownTable(
      ["Step", "Bytes", "Ratio (\(waterfallSteps.reference.step) ÷ bytes)", "Kind"],
      rightAligned: [false, true, true, false])
    for step in waterfallSteps.steps {
      waterfall.add([
        step.step, NumberText.grouped(step.bytes), NumberText.ratio(waterfallSteps.ratio(step.bytes)),
        step.lossless ? "lossless" : "**lossy**",
      ])
    }
    let perSpan = summary.perSpan
    let plain = "Per-span zstd-\(perSpan.level)\(Self.sample(perSpan)): \(NumberText.grouped(perSpan.plainBytes)) bytes"
    let perSpanText: String
    if let total = perSpan.withDictionaryTotalBytes, perSpan.shards > 1 {
      perSpanText = plain + " without a dictionary, \(NumberText.grouped(total)) with one dictionary per file "
        + "(\(NumberText.grouped(perSpan.shards)) dictionaries, \(NumberText.grouped(perSpan.dictionaryBytes)) bytes "
        + "in all, each trained on its file's first spans, \(NumberText.grouped(perSpan.trainedOnSpans)) in all; "
        + "dictionaries included)."
    } else if let total = perSpan.withDictionaryTotalBytes {
      perSpanText = plain + " without a dictionary, \(NumberText.grouped(total)) with a "
        + "\(NumberText.grouped(perSpan.dictionaryBytes))-byte dictionary trained on the first "
        + "\(NumberText.grouped(perSpan.trainedOnSpans)) spans (dictionary included)."
    } else {
      perSpanText = plain + "; with a dictionary: not measured: \(trainingFailure(perSpan))."
    }
    let chart = MermaidBarChart(
      title: "Waterfall (bytes)", yAxis: "bytes",
      bars: waterfallSteps.steps.map { ($0.shortLabel, $0.bytes) })
    let floor = waterfallSteps.idFloorBytes
    return """
      ## Compression potential

      Each potential is a real encoded column of its fields (dictionaries included), decoded again \
      and compared (round trip), then compressed with zstd-\(summary.analysis.zstdLevel). Raw shares attribute every byte of the \
      file — keys, quotes and commas with their field — so they add up to the file size. Order-0 entropy \
      is what a coder that sees each symbol of the column alone needs; it is no bound for compressors \
      that model context, as zstd does, which can and do go below it.

      \(table.text)
      \(details)
      ### Summary waterfall

      \(waterfall.text)
      Reference line, not a step: the ID floor, the random bits of the span and trace IDs, is \
      \(NumberText.grouped(floor)) bytes (\(NumberText.ratio(waterfallSteps.ratio(floor)))); no lossless format goes below it. \
      "All potentials applied" is the sum of the columns, each compressed on its own: an estimate, \
      not the size of a file.

      \(perSpanText) The lossy row is what the seed's source reports at 21-25x \
      (\(summary.stated.lossy ?? "–")); it drops information and is not comparable with the lossless rows.

      \(chart.text)
      ### Findings

      \(summary.findings.map { "- " + $0 }.joined(separator: "\n"))

      """
  }

  /// How an estimated per-span figure was made; empty when every span was framed.
  private static func sample(_ perSpan: PerSpanResult) -> String {
    guard perSpan.isEstimate else { return "" }
    return ", estimated from 1 span in \(perSpan.sampling) (\(NumberText.grouped(perSpan.sampledSpans)) of "
      + "\(NumberText.grouped(perSpan.spans)), scaled by their share of the JSONL bytes)"
  }

  /// Why the dictionary row is missing, in the reader's terms rather than libzstd's.
  private static func trainingFailure(_ perSpan: PerSpanResult) -> String {
    let spans = perSpan.failedTrainingSpans ?? 0
    if perSpan.shards > 1 {
      return spans < PerSpanZstd.trainingSpans
        ? "the \(NumberText.grouped(spans)) spans of one of the files are too few to train its dictionary"
        : "zstd could not train one file's dictionary on its first \(NumberText.grouped(spans)) spans"
    }
    return spans < PerSpanZstd.trainingSpans
      ? "\(NumberText.grouped(spans)) spans are too few to train a dictionary"
      : "zstd could not train a dictionary on the first \(NumberText.grouped(spans)) spans"
  }
}
