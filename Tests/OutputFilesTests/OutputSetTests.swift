import Foundation
import Testing
@testable import OutputFiles

/// A fresh directory under the system's temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "outputfiles-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

private func contents(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

private struct InjectedFailure: Error {}

@Suite struct OutputSetTests {
  @Test func aSetLandsWholeAndLeavesNothingBeside() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let set = OutputSet()
    try set.add("dataset v1", at: directory.appendingPathComponent("data.jsonl"))
    try set.add("report v1", at: directory.appendingPathComponent("r.md"))
    try set.commit()
    #expect(contents(directory.appendingPathComponent("data.jsonl")) == "dataset v1")
    #expect(contents(directory.appendingPathComponent("r.md")) == "report v1")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["data.jsonl", "r.md"])
  }

  @Test(arguments: [0, 1, 2])
  func aFailureBetweenRenamesLeavesThePreviousSet(failingBefore index: Int) throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let names = ["data.jsonl", "meta.json", "r.md"]
    let previous = OutputSet()
    for name in names.dropLast() { try previous.add("\(name) v1", at: directory.appendingPathComponent(name)) }
    try previous.commit()

    let next = OutputSet()
    for name in names { try next.add("\(name) v2", at: directory.appendingPathComponent(name)) }
    next.beforeRename = { if $0 == index { throw InjectedFailure() } }
    #expect(throws: InjectedFailure.self) { try next.commit() }

    #expect(contents(directory.appendingPathComponent("data.jsonl")) == "data.jsonl v1")
    #expect(contents(directory.appendingPathComponent("meta.json")) == "meta.json v1")
    #expect(contents(directory.appendingPathComponent("r.md")) == nil)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["data.jsonl", "meta.json"])
  }

  /// A run killed between two renames leaves its journal; the next run finishes the set.
  @Test func aJournalOfADeadRunIsReplayedForward() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let deadPID: Int32 = 999_999_9
    let data = directory.appendingPathComponent("data.jsonl")
    let report = directory.appendingPathComponent("r.md")
    try "data v2".write(to: data, atomically: false, encoding: .utf8)
    try "report v1".write(to: report, atomically: false, encoding: .utf8)
    let reportTemp = StaleFiles.temporaryURL(for: report, processID: deadPID)
    let reportPrev = StaleFiles.previousURL(for: report, processID: deadPID)
    try "report v2".write(to: reportTemp, atomically: false, encoding: .utf8)
    #expect(link(report.path, reportPrev.path) == 0)
    let journal = StaleFiles.journalURL(in: directory, processID: deadPID)
    let dataTemp = StaleFiles.temporaryURL(for: data, processID: deadPID).path
    try "\(data.path)\t\(dataTemp)\t\n\(report.path)\t\(reportTemp.path)\t\(reportPrev.path)\ncommit\n"
      .write(to: journal, atomically: false, encoding: .utf8)

    let removed = try StaleFiles.removeAbandoned(in: directory)

    #expect(removed.contains(journal.lastPathComponent))
    #expect(contents(data) == "data v2")
    #expect(contents(report) == "report v2")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["data.jsonl", "r.md"])
  }

  @Test func aJournalCutShortBeforeItsCommitLineIsUndone() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let deadPID: Int32 = 999_999_8
    let report = directory.appendingPathComponent("r.md")
    try "report v1".write(to: report, atomically: false, encoding: .utf8)
    let temp = StaleFiles.temporaryURL(for: report, processID: deadPID)
    let prev = StaleFiles.previousURL(for: report, processID: deadPID)
    try "report v2".write(to: temp, atomically: false, encoding: .utf8)
    #expect(link(report.path, prev.path) == 0)
    try "\(report.path)\t\(temp.path)\t\(prev.path)\n"
      .write(to: StaleFiles.journalURL(in: directory, processID: deadPID), atomically: false, encoding: .utf8)

    try StaleFiles.removeAbandoned(in: directory)

    #expect(contents(report) == "report v1")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["r.md"])
  }
}
