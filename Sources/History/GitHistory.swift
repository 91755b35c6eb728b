import Foundation
import Reports
import TraceJSON

/// The committed versions of a report file, read with git, one row per commit that touched it.
///
/// Rows run oldest to newest, so the table reads down and the chart reads left to right in time,
/// and each row's change is against the row above it. Renames are not followed: the report has
/// always lived at one path.
public struct GitHistory: Sendable {
  /// The directory git runs in; `file` is relative to it.
  var repository: URL
  /// The report's path relative to `repository`, e.g. `reports/phase0.json`.
  var file: String
  var git: Git

  public init(repository: URL, file: String = ReportDrift.jsonPath) {
    self.init(repository: repository, file: file, environment: [:])
  }

  init(repository: URL, file: String, environment: [String: String]) {
    self.repository = repository
    self.file = file
    git = Git(directory: repository, environment: environment)
  }

  /// Every commit reachable from HEAD that touched `file`, oldest first.
  ///
  /// A commit whose file cannot be read (deleted, invalid JSON, a required figure missing) is a
  /// row with the reason, never skipped: a gap in the history is itself worth seeing.
  public func rows() throws(HistoryError) -> [HistoryRow] {
    guard try git.run(["rev-parse", "--git-dir"]).succeeded else {
      throw .notARepository(path: repository.path)
    }
    guard try git.run(["rev-parse", "--verify", "--quiet", "HEAD"]).succeeded else {
      throw .noHistory(file: file, repository: repository.path)
    }
    let commits = try log()
    guard !commits.isEmpty else {
      throw .noHistory(file: file, repository: repository.path)
    }
    var rows: [HistoryRow] = []
    var previous: HistoryFigures?
    for commit in commits.reversed() {
      var row = HistoryRow(
        hash: commit.hash, shortHash: commit.shortHash, commitDate: commit.commitDate,
        subject: commit.subject, reading: try reading(at: commit.hash))
      if let figures = row.figures {
        row.change = previous.map { HistoryChange(from: $0, to: figures) }
        previous = figures
      }
      rows.append(row)
    }
    return rows
  }

  /// The commits touching `file`, newest first as git lists them.
  private func log() throws(HistoryError)
    -> [(hash: String, shortHash: String, commitDate: String, subject: String)]
  {
    // Unit and record separators cannot appear in a hash, a date or a one-line subject.
    let format = "--format=%H%x1f%h%x1f%cs%x1f%s%x1e"
    let arguments = ["log", "--no-color", format, "--", file]
    let output = try git.run(arguments)
    guard output.succeeded else {
      throw .gitFailed(
        command: "git " + arguments.joined(separator: " "), message: output.standardError)
    }
    return output.text.split(separator: "\u{1e}").compactMap { record in
      let fields = record.trimmingCharacters(in: .newlines).split(
        separator: "\u{1f}", omittingEmptySubsequences: false)
      guard fields.count == 4 else { return nil }
      return (String(fields[0]), String(fields[1]), String(fields[2]), String(fields[3]))
    }
  }

  /// The figures of `file` as committed in `hash`.
  ///
  /// `cat-file blob` rather than `show`: plumbing gives the stored bytes, with no textconv
  /// filter or pager in between. The `./` makes the path relative to `repository`, as the
  /// pathspec given to `log` is.
  private func reading(at hash: String) throws(HistoryError) -> HistoryRow.Reading {
    let output = try git.run(["cat-file", "blob", "\(hash):./\(file)"])
    guard output.succeeded else {
      return .unreadable(reason: "\(file) was deleted in this commit")
    }
    do {
      return .figures(try HistoryFigures(json: output.text))
    } catch {
      return .unreadable(reason: error.reason)
    }
  }
}
