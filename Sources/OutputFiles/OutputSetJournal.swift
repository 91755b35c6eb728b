import Foundation

/// The on-disk record of an `OutputSet` commit, from which a later run finishes or undoes it.
///
/// One line per file, `final TAB temporary TAB previous` (previous empty when the output is new),
/// then `commit` once every line is on disk, then `rollback` if the commit is being undone. Paths
/// cannot hold a tab or newline in practice; a line that does not split into three is ignored,
/// which only happens for a journal cut short, before its `commit` line.
struct OutputSetJournal {
  struct Entry: Equatable {
    var final: String
    var temporary: String
    var previous: String?
  }

  let url: URL
  let entries: [Entry]

  /// Writes the entries and the `commit` line, each flushed before the next step.
  func begin() throws {
    let body = entries.map { "\($0.final)\t\($0.temporary)\t\($0.previous ?? "")\n" }.joined()
    let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw OutputError.failedWithErrno("cannot create the output journal", path: url.path)
    }
    defer { close(descriptor) }
    for part in [body, "commit\n"] {
      let written = part.utf8CString.withUnsafeBufferPointer {
        Foundation.write(descriptor, $0.baseAddress, $0.count - 1)
      }
      guard written == part.utf8.count, fsync(descriptor) == 0 else {
        throw OutputError.failedWithErrno("cannot write the output journal", path: url.path)
      }
    }
  }

  /// Removes the previous versions and the journal: the new set is in place.
  func finish() {
    for entry in entries { if let previous = entry.previous { unlink(previous) } }
    unlink(url.path)
  }

  /// Puts the previous set back, removes the new files' temporaries and the journal.
  func rollBack() {
    appendLine("rollback")
    Self.undo(entries)
    unlink(url.path)
  }

  private func appendLine(_ line: String) {
    let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = (line + "\n").utf8CString.withUnsafeBufferPointer {
      Foundation.write(descriptor, $0.baseAddress, $0.count - 1)
    }
    fsync(descriptor)
    close(descriptor)
  }

  /// An entry whose temporary is gone was renamed: its previous version goes back, or, for a file
  /// that did not exist before, the new one is removed.
  private static func undo(_ entries: [Entry]) {
    for entry in entries {
      let renamed = access(entry.temporary, F_OK) != 0
      unlink(entry.temporary)
      if let previous = entry.previous {
        // When nothing was renamed, previous and final are one file and rename leaves both.
        rename(previous, entry.final)
        unlink(previous)
      } else if renamed {
        unlink(entry.final)
      }
    }
  }

  /// Finishes the commit a dead run journaled at `url`: forward after a `commit` line, undone
  /// otherwise.
  static func replay(_ url: URL) throws {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw OutputError.failed("cannot read the output journal", path: url.path, error)
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let entries = lines.compactMap { line -> Entry? in
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard parts.count == 3 else { return nil }
      return Entry(
        final: String(parts[0]), temporary: String(parts[1]),
        previous: parts[2].isEmpty ? nil : String(parts[2]))
    }
    if lines.contains("commit") && !lines.contains("rollback") {
      for entry in entries {
        if access(entry.temporary, F_OK) == 0, rename(entry.temporary, entry.final) != 0 {
          throw OutputError.failedWithErrno("cannot finish a dead run's output set", path: entry.final)
        }
        if let previous = entry.previous { unlink(previous) }
      }
    } else {
      undo(entries)
    }
    unlink(url.path)
  }
}
