import Foundation

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

/// A git repository in a fresh temporary directory.
///
/// Commits carry pinned dates and a local identity, so the tests depend on neither the clock
/// nor the machine's git configuration.
struct TemporaryGitRepository {
  let directory: URL

  /// Runs `body` with an empty temporary directory (`initialize` makes it a repository), then
  /// removes it.
  ///
  /// Scoped rather than removed in a `deinit`: Swift may end an object's lifetime at its last
  /// use, which would delete the directory while git is still reading it.
  @discardableResult
  static func withDirectory<Result>(_ body: (TemporaryGitRepository) throws -> Result) throws
    -> Result
  {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("history-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(TemporaryGitRepository(directory: directory))
  }

  /// Keeps git from finding a repository above the temporary directory.
  var ceilingEnvironment: [String: String] {
    ["GIT_CEILING_DIRECTORIES": directory.deletingLastPathComponent().path]
  }

  func initialize() throws {
    try git(["init", "--quiet"])
  }

  /// Writes `text` to `path` (nil deletes it), then commits everything with the given committer
  /// date (YYYY-MM-DD); the author date is deliberately a different day.
  func commit(_ path: String, _ text: String?, message: String, committerDate: String) throws {
    let file = directory.appendingPathComponent(path)
    if let text {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: file, atomically: true, encoding: .utf8)
    } else {
      try FileManager.default.removeItem(at: file)
    }
    try git(["add", "--all"])
    try git(
      [
        "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c",
        "commit.gpgsign=false",
        "commit", "--quiet", "--no-verify", "-m", message,
      ],
      environment: [
        "GIT_AUTHOR_DATE": "2001-02-03T04:05:06+00:00",
        "GIT_COMMITTER_DATE": "\(committerDate)T12:00:00+00:00",
      ])
  }

  /// The full hash of HEAD.
  func head() throws -> String {
    try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @discardableResult
  private func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
    let git = Git(directory: directory, environment: ceilingEnvironment.merging(environment) { $1 })
    let output = try git.run(arguments)
    guard output.succeeded else {
      throw HistoryError.gitFailed(
        command: "git " + arguments.joined(separator: " "), message: output.standardError)
    }
    return output.text
  }
}
