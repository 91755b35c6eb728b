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

@Suite struct StreamingEqualsInMemoryTests {
  /// The one-pass pipeline (1 MiB chunks, compressors on worker threads, traces closed as they
  /// complete) against the same figures computed from the whole medium dataset held in memory.
  @Test func mediumFiguresAreTheSameStreamedAndInMemory() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let settings = [CodecSetting(.gzip, level: 6), CodecSetting(.zstd, level: 3), CodecSetting(.zstd, level: 19)]
    let configuration = Phase0Configuration(
      topologyURL: TestData.topologyURL, statedFiguresURL: TestData.statedFiguresURL,
      traceCount: 1_000, label: "medium", threads: 2, codecs: settings, otlpCodecs: [],
      outputDirectory: directory)
    let streamed = try Phase0Pipeline.run(configuration)

    let medium = TestData.medium
    #expect(try Data(contentsOf: configuration.datasetURL) == Data(medium.bytes))
    #expect(streamed.baseline.rawBytes == medium.bytes.count)
    for row in streamed.baseline.rows {
      #expect(row.compressedBytes == (try VerifiedCompression.compressedBytes(of: medium.bytes, with: row.setting)))
    }
    let stage = try PotentialsAnalysis()
    for (index, span) in medium.spans.enumerated() {
      var line: [UInt8] = []
      let fields = SpanJSONWriter.write(span, into: &line)
      try stage.add(SpanLine(span: span, bytes: line[...], fieldBytes: fields))
    }
    let inMemory = try stage.finish()
    let analysis = try #require(streamed.analysis)
    #expect(analysis.potentials == inMemory.potentials)
    #expect(analysis.idFloorBytes == inMemory.idFloorBytes)
    #expect(analysis.groupedZstdBytes == inMemory.groupedZstdBytes)
    // Every sink is accounted for in the run's timing.
    #expect(Set(streamed.timing.shares.map(\.name)) == [
      "gzip-6", "zstd-3", "zstd-19", "raw size", "analysis", "per-span", "trace-store file",
      "dataset file", "generation and the rest",
    ])
  }
}
