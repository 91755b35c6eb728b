import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// A GitHub-flavoured markdown table.
struct MarkdownTable {
  var header: [String]
  /// Per column: true for right-aligned (numbers).
  var rightAligned: [Bool]
  var rows: [[String]] = []

  init(_ header: [String], rightAligned: [Bool]? = nil) {
    self.header = header
    self.rightAligned = rightAligned ?? header.map { _ in false }
  }

  mutating func add(_ row: [String]) { rows.append(row) }

  var text: String {
    var lines = ["| " + header.joined(separator: " | ") + " |"]
    lines.append("|" + rightAligned.map { $0 ? "---:" : "---" }.joined(separator: "|") + "|")
    for row in rows {
      lines.append("| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// A mermaid `xychart-beta` bar chart.
struct MermaidBarChart {
  var title: String
  var yAxis: String
  var bars: [(label: String, value: Int)]

  var text: String {
    let labels = bars.map { "\"\($0.label)\"" }.joined(separator: ", ")
    let values = bars.map { "\($0.value)" }.joined(separator: ", ")
    return """
      ```mermaid
      xychart-beta
        title "\(title)"
        x-axis [\(labels)]
        y-axis "\(yAxis)"
        bar [\(values)]
      ```

      """
  }
}
