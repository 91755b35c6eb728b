import Foundation
import Testing
@testable import TraceModel
@testable import TraceFormats
@testable import Codecs
@testable import Runner
@testable import Reports
@testable import HarnessCommands

@Suite struct ReadOnlyTests {
  /// `--read-only` must read what an analysis reads, or its speed would measure something else.
  @Test(arguments: FormatFixtures.all.map(\.name))
  func readingAloneGivesTheAnalysisReadSummary(_ name: String) throws {
    let inputs = try TraceInputs([FormatFixtures.url(name).path])
    let read = try AnalyzePipeline.read(inputs: inputs, format: nil)
    let analysis = try AnalyzePipeline.run(
      inputs: inputs, format: nil, codecs: [CodecSetting(.zstd, level: 1)], zstdLevel: 1)
    #expect(read.read == analysis.read)
    #expect(read.fileReads == analysis.fileReads)
    #expect(read.jsonlBytes == analysis.jsonlBytes)
    #expect(ReadOnlySummary.text(read).contains("\(analysis.read.spanCount) spans"))
  }

  @Test func readOnlyRefusesAReportPath() {
    #expect(throws: (any Error).self) {
      try Harness.parseAsRoot(["analyze", "x.jsonl", "--read-only", "--report", "r.md"])
    }
  }
}
