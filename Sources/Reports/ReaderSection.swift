import Measurement
import Runner
import TraceFormats

/// The analyze report's "What the reader did" section: broken structure found, what was
/// normalized or dropped to fit the `Span` model, and what the timing figures leave out.
///
/// Real exports carry faults a reader counts rather than refuses; the figures beside them are only
/// as good as this list lets a reader of the report judge.
enum ReaderSection {
  static func markdown(_ result: AnalyzeResult) -> String {
    var lines: [String] = []
    if result.fileReads.count > 1 {
      for (name, file) in zip(result.fileNames, result.fileReads) {
        lines.append(
          "`\(name)`: \(file.format.rawValue), timestamps in \(file.sourceTimestampUnit.rawValue), "
            + "\(NumberText.grouped(file.spanCount)) spans")
      }
    }
    let read = result.read
    lines += read.findings.notes
    if read.tracesReopened > 0 {
      lines.append(
        "\(NumberText.grouped(read.tracesReopened)) traces reopened after the structure check's window "
          + "had closed them (checks across that gap were not made)")
    }
    lines += read.normalizationNotes
    if read.spansWithUnknownTiming > 0 {
      lines.append(
        "\(NumberText.grouped(read.spansWithUnknownTiming)) spans with unknown timing: kept in every count "
          + "and size; \(NumberText.grouped(result.analysis.tracesWithUnknownWindow)) trace windows whose "
          + "root is one of them are left out of the timing figures")
    }
    let body =
      lines.isEmpty
      ? "Nothing had to be normalized beyond the timestamp unit, and no broken structure was found.\n"
      : lines.map { "- " + $0 }.joined(separator: "\n") + "\n"
    return "## What the reader did\n\n" + body
  }
}

/// The analyze JSON's `reader` object: the same counts as `ReaderSection`, keyed by name.
struct ReaderJSON: Codable, Equatable {
  struct File: Codable, Equatable {
    var file, format, timestampUnit: String
    var spans: Int
  }

  var files: [File]
  /// Structure findings by `StructureFindings.Kind` name (`parentCycle`), with where each first
  /// occurred.
  var findings: [String: Int]
  var findingsFirstAt: [String: String]
  /// Normalizations by name (`zipkinSharedOrDebugDropped`); absent means never applied.
  var normalizations: [String: Int]
  var spansWithUnknownTiming: Int
  var tracesWithUnknownWindow: Int
  var tracesReopened: Int

  init(_ result: AnalyzeResult) {
    files = zip(result.fileNames, result.fileReads).map {
      File(file: $0, format: $1.format.rawValue, timestampUnit: $1.sourceTimestampUnit.rawValue, spans: $1.spanCount)
    }
    let findings = result.read.findings
    self.findings = Dictionary(uniqueKeysWithValues: findings.counts.map { ($0.key.rawValue, $0.value) })
    findingsFirstAt = Dictionary(
      uniqueKeysWithValues: findings.firstLocations.map { ($0.key.rawValue, $0.value.description) })
    normalizations = result.read.normalizationCounts
    spansWithUnknownTiming = result.read.spansWithUnknownTiming
    tracesWithUnknownWindow = result.analysis.tracesWithUnknownWindow
    tracesReopened = result.read.tracesReopened
  }
}
