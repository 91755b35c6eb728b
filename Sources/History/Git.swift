import Foundation
import Reports
import TraceJSON

/// Runs `git -C directory …` as a child process.
///
/// Through `/usr/bin/env`, so whichever git is first on PATH is used, as it would be at the
/// shell. Only plumbing-stable output formats are parsed.
struct Git: Sendable {
  var directory: URL
  /// Added to the inherited environment; tests use it to pin commit dates.
  var environment: [String: String] = [:]

  /// What one git invocation produced.
  struct Output: Sendable {
    var status: Int32
    var standardOutput: Data
    var standardError: String

    var succeeded: Bool { status == 0 }
    var text: String { String(decoding: standardOutput, as: UTF8.self) }
  }

  /// Runs git with `arguments` and waits for it.
  func run(_ arguments: [String]) throws(HistoryError) -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory.path] + arguments
    process.environment = ProcessInfo.processInfo.environment
      .merging(["LC_ALL": "C", "GIT_PAGER": "cat"]) { _, fixed in fixed }
      .merging(environment) { _, extra in extra }
    let outputPipe = Pipe()
    let errorPipe = Pipe()
    process.standardOutput = outputPipe
    process.standardError = errorPipe
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .gitUnavailable(reason: "cannot run /usr/bin/env git: \(error.localizedDescription)")
    }
    let errorReader = PipeReader(errorPipe.fileHandleForReading)
    let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errorReader.wait(), as: UTF8.self)
    process.waitUntilExit()
    // env exits 127 when it finds no git on PATH.
    if process.terminationStatus == 127 {
      throw .gitUnavailable(reason: errorText.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return Output(
      status: process.terminationStatus, standardOutput: output, standardError: errorText)
  }
}
