import Foundation
import Testing
@testable import Runner
@testable import TraceModel
@testable import TraceStore

@Suite struct TraceStoreRowTests {
  @Test func theLosslessRowIsTheFileEncodeWritesAndItDecodedBack() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let configuration = Phase0Configuration(
      topologyURL: TestData.topologyURL, statedFiguresURL: TestData.statedFiguresURL,
      traceCount: 1_000, label: "store-check", codecs: [], otlpCodecs: [], outputDirectory: directory)
    let result = try Phase0Pipeline.run(configuration, writeDataset: false)
    let store = try #require(result.traceStore)
    #expect(store.decodedSpansEqual)
    #expect(store.decodedJSONLIdentical)
    #expect(store.columns.reduce(0) { $0 + $1.bytes } + store.framingBytes == store.fileBytes)
    // The same spans through the writer on their own give a file of the same size.
    var written = 0
    let writer = TraceStoreWriter { written += $0.count }
    for span in TestData.medium.spans { try writer.append(span) }
    #expect(try writer.finish().fileBytes == store.fileBytes)
    #expect(written == store.fileBytes)
    // A real file, smaller than the separately compressed columns' estimate.
    #expect(store.fileBytes < (try #require(result.analysis)).losslessBytes)
  }
}
