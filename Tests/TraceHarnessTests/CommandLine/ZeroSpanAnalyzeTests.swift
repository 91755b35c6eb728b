import Foundation
import Testing
@testable import HarnessCommands

/// `analyze` of a valid file with no span died with SIGILL: a potential's raw share was 0 bytes
/// of 0, and the NaN trapped in NumberText's Int64 conversion. Then it gave the full report with
/// "–" in every column; the issue asks for a short report saying the file has no spans.
@Suite struct ZeroSpanAnalyzeTests {
  @Test(arguments: ["[]", #"{"resourceSpans":[]}"#, #"{"data":[]}"#])
  func aFileWithZeroSpansGivesAReportNotACrash(text: String) throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("empty.json")
    try Data((text + "\n").utf8).write(to: input)
    let report = directory.appendingPathComponent("zero-spans.md")
    var command = try Harness.parseAsRoot([
      "analyze", input.path, "--report", report.path, "--levels", "zstd:1",
    ])
    try command.run()
    let markdown = try String(contentsOf: report, encoding: .utf8)
    #expect(markdown.contains("This file has no spans"))
    #expect(markdown.contains("| Spans | 0 |"))
    #expect(markdown.contains("| File bytes | \(text.utf8.count + 1) |"))
    #expect(!markdown.contains("## Compression potential"))
    #expect(!markdown.contains("nan"))
    let json = try String(contentsOf: report.deletingPathExtension().appendingPathExtension("json"), encoding: .utf8)
    #expect(json.contains("\"spans\" : 0"))
  }
}
