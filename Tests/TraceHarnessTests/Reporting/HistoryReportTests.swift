import Testing

@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles

@Suite struct HistoryReportTests {
  private let first = HistoryFigures(
    rawBytes: 140_321, gzip9Bytes: 25_000, zstd19Bytes: 15_000, losslessPotentialBytes: nil)
  private let second = HistoryFigures(
    rawBytes: 142_133, gzip9Bytes: 25_400, zstd19Bytes: 15_210, losslessPotentialBytes: 9_000)

  private var rows: [HistoryRow] {
    [
      HistoryRow(
        hash: "a1b2c3d4", shortHash: "a1b2c3d", commitDate: "2024-01-01", subject: "Baseline",
        reading: .figures(first)),
      HistoryRow(
        hash: "e4f5a6b7", shortHash: "e4f5a6b", commitDate: "2024-01-02", subject: "Broken | oops",
        reading: .unreadable(reason: "not valid JSON")),
      HistoryRow(
        hash: "0c0ffee1", shortHash: "0c0ffee", commitDate: "2024-01-03", subject: "Potentials",
        reading: .figures(second), change: HistoryChange(from: first, to: second)),
    ]
  }

  @Test func tableRowsCarryGroupedFiguresAndSignedDeltas() {
    let lines = HistoryReport.table(rows).split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(
      lines[2] == "| `a1b2c3d` | 2024-01-01 | Baseline | 140,321 | 25,000 | 15,000 | – | – | – |")
    #expect(
      lines[4]
        == "| `0c0ffee` | 2024-01-03 | Potentials | 142,133 | 25,400 | 15,210 | 9,000 | +1,812 (+1.3%) | +210 (+1.4%) |"
    )
  }

  @Test func anUnreadableRowShowsItsReasonAndKeepsTheTableIntact() {
    let line = HistoryReport.table(rows).split(separator: "\n")[3]
    #expect(
      line
        == "| `e4f5a6b` | 2024-01-02 | Broken \\| oops | unreadable: not valid JSON | – | – | – | – | – |"
    )
  }

  @Test func chartHasOneLinePerSeriesOverTheReadableCommits() {
    let document = HistoryReport.document(rows, file: "reports/phase0.json")
    #expect(document.hasPrefix("# History of reports/phase0.json\n"))
    #expect(document.contains("  x-axis [\"a1b2c3d\", \"0c0ffee\"]\n"))
    #expect(
      document.contains("  line [140321, 142133]\n  line [25000, 25400]\n  line [15000, 15210]\n"))
    #expect(document.contains("blue = raw bytes, orange = gzip-9 bytes, green = zstd-19 bytes"))
    #expect(document.contains("Unreadable commits are left out of the chart."))
  }

  @Test func documentIsTheSameForTheSameRows() {
    #expect(
      HistoryReport.document(rows, file: "reports/phase0.json")
        == HistoryReport.document(rows, file: "reports/phase0.json"))
  }
}
