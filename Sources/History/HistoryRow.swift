import Reports
import TraceJSON

/// One commit that touched the report file, with what could be read from it.
public struct HistoryRow: Sendable, Equatable {
  /// Either the figures, or why the commit's file could not give them.
  enum Reading: Sendable, Equatable {
    case figures(HistoryFigures)
    case unreadable(reason: String)
  }

  var hash: String
  /// As git abbreviates it: unique in the repository, usually 7 hex digits.
  var shortHash: String
  /// Committer date as YYYY-MM-DD, in the committer's time zone: when the figures landed.
  var commitDate: String
  var subject: String
  var reading: Reading
  /// Movement since the previous readable row; nil for the first readable row and for
  /// unreadable rows, which are skipped over when computing it.
  var change: HistoryChange?

  init(
    hash: String, shortHash: String, commitDate: String, subject: String, reading: Reading,
    change: HistoryChange? = nil
  ) {
    self.hash = hash
    self.shortHash = shortHash
    self.commitDate = commitDate
    self.subject = subject
    self.reading = reading
    self.change = change
  }

  /// The figures, when the commit's file was readable.
  var figures: HistoryFigures? {
    if case .figures(let figures) = reading { figures } else { nil }
  }
}
