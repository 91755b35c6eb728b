import Foundation
import Testing
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
@testable import HarnessCommands

@Suite struct AnalyzeCommandTests {
  @Test func analyzeWritesTheMarkdownAndJSONReports() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("zipkin.md")
    var command = try Harness.parseAsRoot([
      "analyze", FormatFixtures.url("zipkin-traces.json").path, "--report", report.path,
      "--levels", "zstd:3",
    ])
    try command.run()
    let markdown = try String(contentsOf: report, encoding: .utf8)
    #expect(markdown.hasPrefix("# Analysis of `zipkin-traces.json`"))
    #expect(!markdown.contains(directory.path))
    let json = try JSONDecoder().decode(
      AnalyzeJSON.self, from: Data(contentsOf: directory.appendingPathComponent("zipkin.json")))
    #expect(json.source.format == "zipkin")
    #expect(json.source.timestampUnit == "µs")
    #expect(json.source.spans == 5)
    #expect(json.baseline.map(\.level) == [3])
  }

  @Test func aFileAbove4MiBGetsTheQuickDefaults() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var levels: [Int: [String]] = [:]
    for bytes in [QuickDefaults.largeFileBytes, QuickDefaults.largeFileBytes + 1] {
      let file = directory.appendingPathComponent("\(bytes).jsonl")
      FileManager.default.createFile(atPath: file.path, contents: nil)
      let handle = try FileHandle(forWritingTo: file)
      try handle.truncate(atOffset: UInt64(bytes))
      try handle.close()
      levels[bytes] = try AnalyzeCommand.parse([file.path]).codecs().map(\.description)
    }
    #expect(levels[QuickDefaults.largeFileBytes]?.contains("zstd-22") == true)
    #expect(levels[QuickDefaults.largeFileBytes + 1] == ["gzip-1", "gzip-6", "gzip-9", "zstd-1", "zstd-3", "zstd-9"])
  }

  @Test func anAnalysisLevelOutOfRangeIsRefused() {
    #expect(throws: (any Error).self) { try AnalyzeCommand.parse(["x.json", "--analysis-level", "0"]) }
  }

  @Test func anUnknownFormatListsTheSupportedOnes() throws {
    do {
      _ = try Harness.parseAsRoot(["analyze", "x.json", "--format", "csv"])
      Issue.record("accepted --format csv")
    } catch {
      let message = Harness.message(for: error)
      #expect(message.contains("auto, jsonl, seed, otlp, otlp-proto, zipkin, jaeger"))
    }
  }
}
