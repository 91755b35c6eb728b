import Reports
import TraceJSON

/// The first line at which a committed text and its regenerated twin part ways.
///
/// Used when the figures agree but the text does not (a wording or layout change in the writer),
/// where the line is the quickest pointer to what moved.
public struct LineDifference: Sendable, Equatable {
  /// 1-based.
  var lineNumber: Int
  /// The committed line; nil when the committed text ends before it.
  var committedLine: String?
  /// The regenerated line; nil when the regenerated text ends before it.
  var regeneratedLine: String?

  public init(lineNumber: Int, committedLine: String?, regeneratedLine: String?) {
    self.lineNumber = lineNumber
    self.committedLine = committedLine
    self.regeneratedLine = regeneratedLine
  }

  /// The first differing line, or nil when the texts are identical.
  ///
  /// A missing final newline counts as a difference on the last, empty line, since the committed
  /// file must match byte for byte.
  static func first(committed: String, regenerated: String) -> LineDifference? {
    guard committed != regenerated else { return nil }
    let committedLines = committed.split(separator: "\n", omittingEmptySubsequences: false)
    let regeneratedLines = regenerated.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(committedLines.count, regeneratedLines.count) {
      let old = index < committedLines.count ? String(committedLines[index]) : nil
      let new = index < regeneratedLines.count ? String(regeneratedLines[index]) : nil
      if old != new {
        return LineDifference(lineNumber: index + 1, committedLine: old, regeneratedLine: new)
      }
    }
    return nil
  }
}
