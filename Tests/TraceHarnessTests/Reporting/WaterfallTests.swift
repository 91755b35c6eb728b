import Foundation
import Testing
@testable import Codecs
@testable import Measurement
@testable import Reports
@testable import Runner
@testable import TraceFormats

@Suite struct WaterfallTests {
  private let quickCodecs = [CodecSetting(.gzip, level: 9), CodecSetting(.zstd, level: 3)]

  /// The analyze report of a fixture, and the summary it was made from.
  private func analyzed(_ name: String) throws -> (summary: PotentialsSummary, markdown: String) {
    let result = try AnalyzePipeline.run(url: FormatFixtures.url(name), format: nil, codecs: quickCodecs, zstdLevel: 3)
    return (PotentialsSummary(result, stated: .init()), AnalyzeReport.markdown(result))
  }

  @Test(arguments: FormatFixtures.all.map(\.name))
  func analyzeStartsAtTheFileAsGivenAtOneToOne(_ name: String) throws {
    let (summary, markdown) = try analyzed(name)
    let first = summary.waterfall.steps[0]
    #expect(first.bytes == (try Data(contentsOf: FormatFixtures.url(name))).count)
    #expect(summary.waterfall.ratio(first.bytes) == 1)
    #expect(markdown.contains("| \(first.step) | \(NumberText.grouped(first.bytes)) | 1.00x | lossless |"))
    // The re-written JSONL is a row of its own, not the denominator.
    #expect(summary.waterfall.steps[1].step == "same spans re-written as JSONL")
  }

  @Test(arguments: FormatFixtures.all.map(\.name))
  func theFindingsQuoteTheWaterfallsOwnRatios(_ name: String) throws {
    let (summary, markdown) = try analyzed(name)
    let waterfall = summary.waterfall
    let potentials = try #require(waterfall.step(Waterfall.allPotentials))
    let zstd = try #require(waterfall.zstd)
    let ratio = NumberText.ratio(waterfall.ratio(potentials.bytes))
    #expect(markdown.contains("| \(Waterfall.allPotentials) | \(NumberText.grouped(potentials.bytes)) | \(ratio) |"))
    #expect(markdown.contains(
      "All potentials applied give \(ratio) against \(zstd.step)'s \(NumberText.ratio(waterfall.ratio(zstd.bytes)))"))
  }

  @Test func theIDFloorIsAReferenceLineNotAStep() throws {
    let (summary, markdown) = try analyzed("spans.jsonl")
    #expect(!summary.waterfall.steps.contains { $0.step.contains("ID floor") })
    #expect(markdown.contains("Reference line, not a step: the ID floor"))
  }

  @Test func aThreeSpanFileReportsTheMissingDictionaryInItsOwnWords() throws {
    let lines = try String(contentsOf: FormatFixtures.url("spans.jsonl"), encoding: .utf8)
      .split(separator: "\n").prefix(3).joined(separator: "\n") + "\n"
    try FormatFixtures.withScratch("three.jsonl", Array(lines.utf8)) { url in
      let result = try AnalyzePipeline.run(url: url, format: nil, codecs: quickCodecs, zstdLevel: 3)
      let markdown = AnalyzeReport.markdown(result)
      #expect(result.analysis.spans == 3)
      #expect(markdown.contains("not measured: 3 spans are too few to train a dictionary"))
      #expect(!markdown.contains("Src size"))
    }
  }
}
