import Foundation
import Testing
@testable import TraceFormats
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports

/// `analyze` kept every trace open to the end of the file, so memory grew with the file. Traces
/// are now grouped within blocks; a trace across a block boundary must count as split, once.
@Suite struct AnalysisBlocksTests {
  private let codecs = [CodecSetting(.zstd, level: 3)]

  /// spans.jsonl: trace 1 is spans 1–4, trace 2 spans 5–6.
  @Test(arguments: [(blockSpans: 2, split: 1), (blockSpans: 1, split: 2), (blockSpans: 3, split: 1)])
  func aTraceAcrossABlockBoundaryCountsAsSplitOnce(blockSpans: Int, split: Int) throws {
    let result = try AnalyzePipeline.run(
      inputs: TraceInputs([FormatFixtures.url("spans.jsonl").path]), format: nil, codecs: codecs,
      zstdLevel: 3, blockSpans: blockSpans)
    #expect(result.analysis.splitTraces == split)
    #expect(result.analysis.traces == 2)
    #expect(result.analysis.spans == 6)
    #expect(result.analysis.blockSpans == blockSpans)
    let markdown = AnalyzeReport.markdown(result)
    #expect(markdown.contains("| Traces split across blocks of \(blockSpans) spans | \(split) |"))
  }

  @Test func aFileSmallerThanABlockGivesTheSameFiguresAsOneBlock() throws {
    let url = FormatFixtures.url("spans.jsonl")
    let blocked = try AnalyzePipeline.run(url: url, format: nil, codecs: codecs, zstdLevel: 3)
    let whole = try AnalyzePipeline.run(
      inputs: TraceInputs([url.path]), format: nil, codecs: codecs, zstdLevel: 3, blockSpans: 6)
    #expect(blocked.analysis.splitTraces == 0)
    #expect(blocked.analysis.potentials == whole.analysis.potentials)
    #expect(blocked.analysis.orphans == whole.analysis.orphans)
    #expect(blocked.analysis.blockSpans == PotentialsAnalysis.fileBlockSpans)
  }
}
