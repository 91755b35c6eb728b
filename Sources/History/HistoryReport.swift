import Reports
import TraceJSON
import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// Writes the baseline history as markdown: a table of commits and a mermaid line chart.
///
/// Formatting only: every figure, delta and relative change arrives computed in the rows. The
/// output depends on the rows alone (no date of today, no host), so a committed
/// `reports/phase0-history.md` regenerates byte for byte.
public enum HistoryReport {
  /// Line colours, in series order; the legend names them, since `xychart-beta` draws none.
  static let palette = [("blue", "#1f77b4"), ("orange", "#ff7f0e"), ("green", "#2ca02c")]
  static let seriesNames = ["raw bytes", "gzip-9 bytes", "zstd-19 bytes"]

  /// The whole document: heading, table, chart and legend.
  public static func document(_ rows: [HistoryRow], file: String) -> String {
    """
    # History of \(file)

    One row per commit that changed `\(file)`, oldest first. Δ columns compare with the \
    previous readable commit.

    \(table(rows))
    \(chart(rows, file: file))
    """
  }

  /// The markdown table alone, as `harness history` prints it.
  public static func table(_ rows: [HistoryRow]) -> String {
    let header = [
      "commit", "date", "subject", "raw bytes", "gzip-9 bytes", "zstd-19 bytes",
      "lossless potential bytes", "Δ raw bytes", "Δ zstd-19 bytes",
    ]
    let alignment = [":--", ":--", ":--", "--:", "--:", "--:", "--:", "--:", "--:"]
    let lines = [header, alignment] + rows.map(cells)
    return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n") + "\n"
  }

  private static func cells(_ row: HistoryRow) -> [String] {
    let commit = ["`\(row.shortHash)`", row.commitDate, escaped(row.subject)]
    switch row.reading {
    case .unreadable(let reason):
      return commit + ["unreadable: \(escaped(reason))"] + Array(repeating: "–", count: 5)
    case .figures(let figures):
      return commit + [
        NumberText.grouped(figures.rawBytes),
        NumberText.grouped(figures.gzip9Bytes),
        NumberText.grouped(figures.zstd19Bytes),
        figures.losslessPotentialBytes.map(NumberText.grouped) ?? "–",
        row.change.map { delta($0.rawBytesDelta, $0.rawBytesRelativeChange) } ?? "–",
        row.change.map { delta($0.zstd19BytesDelta, $0.zstd19BytesRelativeChange) } ?? "–",
      ]
    }
  }

  private static func delta(_ bytes: Int, _ relativeChange: Double?) -> String {
    NumberText.signed(bytes) + (relativeChange.map { " (\(NumberText.signedPercent($0)))" } ?? "")
  }

  /// A mermaid `xychart-beta` of the readable rows, then its legend.
  ///
  /// Unreadable commits are left out: a line series cannot have gaps.
  private static func chart(_ rows: [HistoryRow], file: String) -> String {
    var hashes: [String] = []
    var raw: [Int] = []
    var gzip9: [Int] = []
    var zstd19: [Int] = []
    for row in rows {
      guard let figures = row.figures else { continue }
      hashes.append(row.shortHash)
      raw.append(figures.rawBytes)
      gzip9.append(figures.gzip9Bytes)
      zstd19.append(figures.zstd19Bytes)
    }
    guard !hashes.isEmpty else { return "No readable commit to chart.\n" }
    let series = [raw, gzip9, zstd19]
    let labels = hashes.map { "\"\($0)\"" }.joined(separator: ", ")
    let colours = palette.map(\.1).joined(separator: ", ")
    let title = file.replacingOccurrences(of: "\"", with: "'")
    var lines = [
      "```mermaid", "---", "config:", "  themeVariables:", "    xyChart:",
      "      plotColorPalette: \"\(colours)\"", "---", "xychart-beta",
      "  title \"\(title) across commits\"", "  x-axis [\(labels)]", "  y-axis \"bytes\"",
    ]
    lines += series.map { values in
      "  line [" + values.map(String.init).joined(separator: ", ") + "]"
    }
    lines.append("```")
    let legend = zip(palette, seriesNames).map { "\($0.0) = \($1)" }.joined(separator: ", ")
    lines += ["", "Lines: \(legend), by commit (x axis: short hash)."]
    if hashes.count < rows.count {
      lines.append("Unreadable commits are left out of the chart.")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Keeps a subject or reason inside its table cell.
  private static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|")
  }
}
