import Runner
import TraceFormats

/// The terminal text of `harness analyze --read-only`: what was read, and what the reader found.
public enum ReadOnlySummary {
  /// "spans.jsonl: jsonl, 1,234 spans", one line per file, then the dataset's totals and the
  /// reader's findings and normalizations, as the report's "What the reader did" lists them.
  public static func text(_ result: ReadResult) -> String {
    var lines = zip(result.fileNames, result.fileReads).map { name, file in
      "\(name): \(file.format.rawValue), timestamps in \(file.sourceTimestampUnit.rawValue), "
        + "\(NumberText.grouped(file.spanCount)) spans"
    }
    let read = result.read
    lines.append(
      "read \(result.fileNames.count) file\(result.fileNames.count == 1 ? "" : "s"): "
        + "\(NumberText.grouped(read.spanCount)) spans, "
        + "\(NumberText.grouped(result.jsonlBytes)) bytes as harness JSONL")
    lines += read.findings.notes.map { "- " + $0 }
    if read.tracesReopened > 0 {
      lines.append("- \(NumberText.grouped(read.tracesReopened)) traces reopened after the structure check's window had closed them")
    }
    lines += read.normalizationNotes.map { "- " + $0 }
    if read.spansWithUnknownTiming > 0 {
      lines.append("- \(NumberText.grouped(read.spansWithUnknownTiming)) spans with unknown timing")
    }
    return lines.joined(separator: "\n")
  }
}
