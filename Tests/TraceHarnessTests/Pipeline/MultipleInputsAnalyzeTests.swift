import Foundation
import Testing
@testable import TraceFormats
@testable import Codecs
@testable import Runner

/// `analyze A B` refused several files; when they are read, the Baseline must measure each file as
/// it is stored (compressed on its own, sizes summed), not their concatenation as one stream.
@Suite struct MultipleInputsAnalyzeTests {
  private let codecs = [CodecSetting(.gzip, level: 6), CodecSetting(.zstd, level: 3)]

  @Test func twoFilesGiveTheSumOfEachFilesOwnCompressedSizeAndTheUnionOfSpans() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let lines = try String(contentsOf: FormatFixtures.url("spans.jsonl"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: true)
    // Split inside the first trace, so its spans fall in both files.
    let parts = [lines[..<2], lines[2...]].map { Array(($0.joined(separator: "\n") + "\n").utf8) }
    let urls = ["a.jsonl", "b.jsonl"].map { directory.appendingPathComponent($0) }
    for (url, bytes) in zip(urls, parts) { try Data(bytes).write(to: url) }

    let whole = try AnalyzePipeline.run(url: FormatFixtures.url("spans.jsonl"), format: nil, codecs: codecs)
    let split = try AnalyzePipeline.run(
      inputs: TraceInputs(urls.map(\.path)), format: nil, codecs: codecs)

    for setting in codecs {
      let each = try parts.map { try VerifiedCompression.compressedBytes(of: $0, with: setting) }
      let concatenated = try VerifiedCompression.compressedBytes(of: parts[0] + parts[1], with: setting)
      #expect(each[0] + each[1] != concatenated)
      #expect(split.baseline.compressedBytes(setting) == each[0] + each[1])
    }
    #expect(split.baseline.rawBytes == parts[0].count + parts[1].count)
    #expect(split.analysis.spans == 6)
    #expect(split.analysis.traces == whole.analysis.traces)
    // Each file is measured on its own, as two stores would hold it: the third and fourth spans'
    // parent (the second span) is in the other file.
    #expect(split.analysis.orphans == whole.analysis.orphans + 2)
    #expect(split.read.spanCount == 6)
    #expect(split.fileReads.map(\.spanCount) == [2, 4])
    #expect(split.fileName == "a.jsonl and 1 more")
  }

  @Test func timeUnitIsPassedToTheReader() throws {
    let line = #"{"trace_id":"t1","span_id":"s1","parent_span_id":null,"service_name":"a","operation_name":"op","start_time":1700000000,"end_time":1700000001,"tags":{},"logs":[],"status_code":0}"#
    try FormatFixtures.withScratch("seconds.jsonl", Array((line + "\n").utf8)) { url in
      #expect(throws: FormatError.self) {
        try AnalyzePipeline.run(url: url, format: .jsonl, codecs: codecs, zstdLevel: 3)
      }
      let result = try AnalyzePipeline.run(
        url: url, format: .jsonl, timeUnit: .seconds, codecs: codecs, zstdLevel: 3)
      #expect(result.read.spanCount == 1)
      #expect(result.read.sourceTimestampUnit == .seconds)
    }
  }
}
