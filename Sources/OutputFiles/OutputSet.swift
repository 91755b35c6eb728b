import Foundation

/// Files of one run that land together: after an interrupt, a crash or a failed rename the
/// directory holds the previous set or the new one, never a mix (a new dataset beside the previous
/// run's report).
///
/// Why it is atomic, step by step:
/// 1. Every file is written and flushed under its temporary name (`AtomicFile`); nothing the user
///    sees has changed yet.
/// 2. Each existing output is hard-linked to `.NAME.prev-PID`: the previous set stays reachable
///    whatever happens to the real names.
/// 3. A journal (`.outputset-PID`, in the first file's directory) lists every file's three names
///    and is flushed, then a `commit` line is flushed: from here on the set is meant to land.
/// 4. The temporaries are renamed over the real names in the journal's order; each rename is
///    atomic on its own (POSIX `rename`).
/// 5. The previous links and the journal are removed.
///
/// SIGINT, SIGTERM and SIGHUP wait for steps 2–5 (`InterruptCleanup.deferringInterrupts`), so a
/// signal lands the whole set. A rename that fails restores the previous set from its links and
/// throws. A run that dies harder (SIGKILL, power cut) leaves the journal; the next run's
/// `StaleFiles.removeAbandoned` replays it: forward after a `commit` line (the temporaries are
/// complete), back to the previous set otherwise.
public final class OutputSet {
  private var files: [AtomicFile] = []
  /// Called before the rename of the file at each index; tests throw from it to stop a commit
  /// midway.
  var beforeRename: ((Int) throws -> Void)?

  public init() {}

  /// A new member of the set, written under its temporary name until `commit()`.
  public func file(_ url: URL) throws -> AtomicFile {
    let file = try AtomicFile(url)
    files.append(file)
    return file
  }

  /// Adds a member whose whole content is `bytes`.
  public func add(_ bytes: [UInt8], at url: URL) throws {
    try file(url).write(bytes)
  }

  public func add(_ text: String, at url: URL) throws {
    try add(Array(text.utf8), at: url)
  }

  /// Renames every member into place, or none of them.
  public func commit() throws {
    guard let first = files.first else { return }
    for file in files { try file.close() }
    try InterruptCleanup.shared.deferringInterrupts {
      let journal = OutputSetJournal(
        url: StaleFiles.journalURL(in: first.url.deletingLastPathComponent()),
        entries: try files.map(Self.keepPrevious))
      do {
        try journal.begin()
        for (index, file) in files.enumerated() {
          try beforeRename?(index)
          guard rename(file.temporaryURL.path, file.url.path) == 0 else {
            throw OutputError.failedWithErrno(
              "cannot rename \(file.temporaryURL.lastPathComponent) to it", path: file.url.path)
          }
        }
      } catch {
        journal.rollBack()
        for file in files { file.markCommitted() }
        throw error
      }
      for file in files { file.markCommitted() }
      journal.finish()
    }
  }

  /// The journal entry for `file`, hard-linking its current output, if any, to the previous name.
  private static func keepPrevious(_ file: AtomicFile) throws -> OutputSetJournal.Entry {
    let previous = StaleFiles.previousURL(for: file.url)
    unlink(previous.path)
    guard link(file.url.path, previous.path) == 0 else {
      guard errno == ENOENT else {
        throw OutputError.failedWithErrno("cannot keep the previous version", path: file.url.path)
      }
      return .init(final: file.url.path, temporary: file.temporaryURL.path, previous: nil)
    }
    return .init(final: file.url.path, temporary: file.temporaryURL.path, previous: previous.path)
  }
}
