import Foundation

/// Names of the files a run keeps beside its outputs, and removal of those a dead run left.
///
/// Every such name ends in `-PID` of the process that made it: `.NAME.tmp-PID` (an output being
/// written), `.NAME.prev-PID` (the previous output, kept while an `OutputSet` renames) and
/// `.outputset-PID` (that set's journal). A run killed by SIGKILL, a crash or a power cut cannot
/// clean up, so the next run does: a file whose process no longer exists is removed, one whose
/// process is still running (a concurrent run) is left alone.
public enum StaleFiles {
  static var processID: Int32 { ProcessInfo.processInfo.processIdentifier }

  static func temporaryURL(for url: URL, processID: Int32 = processID) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(processID)")
  }

  static func previousURL(for url: URL, processID: Int32 = processID) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).prev-\(processID)")
  }

  static func journalURL(in directory: URL, processID: Int32 = processID) -> URL {
    directory.appendingPathComponent(".outputset-\(processID)")
  }

  /// The process id a harness-made name ends in, if it is one of ours.
  static func owner(ofFileNamed name: String) -> Int32? {
    guard name.hasPrefix("."), let dash = name.lastIndex(of: "-"),
      let pid = Int32(name[name.index(after: dash)...]), pid > 0
    else { return nil }
    let stem = name[..<dash]
    guard stem == ".outputset" || stem.hasSuffix(".tmp") || stem.hasSuffix(".prev") else {
      return nil
    }
    return pid
  }

  /// Whether process `pid` exists (it may belong to another user: EPERM still means alive).
  static func isRunning(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }

  /// Finishes the journaled sets and removes the temporary and previous files of dead runs in
  /// `directory`; returns the names removed. A missing directory has nothing to clean.
  ///
  /// A journal is replayed before anything is removed: its temporaries are the new set, complete
  /// and flushed, so renaming the rest of them finishes what the dead run began.
  @discardableResult
  public static func removeAbandoned(in directory: URL) throws -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var removed: [String] = []
    for name in names.sorted() where name.hasPrefix(".outputset-") {
      guard let pid = owner(ofFileNamed: name), !isRunning(pid) else { continue }
      try OutputSetJournal.replay(directory.appendingPathComponent(name))
      removed.append(name)
    }
    let remaining = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in remaining.sorted() {
      guard !name.hasPrefix(".outputset-"), let pid = owner(ofFileNamed: name), !isRunning(pid)
      else { continue }
      let path = directory.appendingPathComponent(name).path
      guard unlink(path) == 0 || errno == ENOENT else {
        throw OutputError.failedWithErrno("cannot remove a dead run's temporary file", path: path)
      }
      removed.append(name)
    }
    return removed
  }
}
