import Reports
import TraceJSON

/// Why no history could be produced at all (as opposed to one unreadable commit, which is a row).
public enum HistoryError: Error, Equatable, CustomStringConvertible {
  /// The directory is not inside a git work tree (or does not exist).
  case notARepository(path: String)
  /// No commit reachable from HEAD touches the file.
  case noHistory(file: String, repository: String)
  /// git itself could not be started.
  case gitUnavailable(reason: String)
  /// A git command failed where it should not have.
  case gitFailed(command: String, message: String)

  public var description: String {
    switch self {
    case .notARepository(let path):
      "not a git repository: \(path)"
    case .noHistory(let file, let repository):
      "no history of \(file) in \(repository): no commit reachable from HEAD touches it"
    case .gitUnavailable(let reason):
      "git is not available: \(reason)"
    case .gitFailed(let command, let message):
      "\(command) failed: \(message)"
    }
  }
}
