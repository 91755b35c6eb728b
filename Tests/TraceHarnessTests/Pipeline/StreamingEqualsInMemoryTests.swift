import Foundation
import Testing
@testable import TraceHarness

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
    let stated = try StatedFigures.load(from: TestData.statedFiguresURL)
    let stage = try AnalysisStage(stated: stated.potentials ?? [:])
    for (index, span) in medium.spans.enumerated() {
      var line: [UInt8] = []
      let fields = SpanJSONWriter.write(span, into: &line)
      try stage.add(SpanLine(span: span, line: line[...], fieldBytes: fields, traceIndex: index))
    }
    let inMemory = try stage.finish()
    let potentials = try #require(streamed.potentials)
    #expect(potentials.analysis.potentials == inMemory.potentials)
    #expect(potentials.analysis.idFloorBytes == inMemory.idFloorBytes)
    #expect(potentials.analysis.groupedZstdBytes == inMemory.groupedZstdBytes)
    // Every worker is accounted for in the run's timing.
    #expect(Set(streamed.timing.stages.map(\.name)) == [
      "gzip-6", "zstd-3", "zstd-19", "analysis", "per-span", "dataset", "generation and the rest",
    ])
  }
}
