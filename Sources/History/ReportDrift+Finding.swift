import Reports
import TraceJSON

extension ReportDrift {
  /// One way the committed report fails to match what the code regenerates.
  public enum Finding: Sendable, Equatable, CustomStringConvertible {
    /// The committed file does not exist.
    case missing(path: String)
    /// The file's text is not a JSON object; `reason` says why.
    case unreadable(path: String, reason: String)
    /// A figure of the JSON report differs.
    case figure(FigureChange)
    /// The figures agree but the file's text differs, first at this line.
    case text(path: String, difference: LineDifference)

    public var description: String {
      switch self {
      case .missing(let path):
        return "\(path) is missing: run `\(ReportDrift.regenerateCommand)` and commit it"
      case .unreadable(let path, let reason):
        return "\(path) cannot be read: \(reason)"
      case .figure(let change):
        return change.description
      case .text(let path, let difference):
        return """
          \(path) differs from the regenerated text at line \(difference.lineNumber):
              committed:   \(Self.quoted(difference.committedLine))
              regenerated: \(Self.quoted(difference.regeneratedLine))
          """
      }
    }

    private static func quoted(_ line: String?) -> String {
      line.map { "\"\($0)\"" } ?? "(end of file)"
    }
  }
}
