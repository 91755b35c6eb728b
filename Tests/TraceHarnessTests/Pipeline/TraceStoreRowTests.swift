import Foundation
import Testing
@testable import Measurement
@testable import Runner
@testable import TraceFormats
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

  /// Lines the decoder would not write (a space before each newline) are not the decoded JSONL,
  /// while the spans still decode equal: the two checks are made apart.
  @Test(arguments: [false, true])
  func linesTheDecoderWouldNotWriteDifferWhileTheSpansDecodeEqual(spacedLines: Bool) throws {
    let sink = try TraceStoreFile()
    var batch = SpanBatch(keepingSpans: true)
    for span in TestData.medium.spans.prefix(2_000) {
      var line: [UInt8] = []
      let fields = SpanJSONWriter.write(span, into: &line)
      if spacedLines { line.insert(UInt8(ascii: " "), at: line.count - 1) }
      batch.append(SpanLine(span: span, bytes: line[...], fieldBytes: fields))
    }
    try sink.consume(batch)
    try sink.endOfStream()
    let result = try #require(sink.result)
    #expect(result.spans == 2_000)
    #expect(result.decodedJSONLIdentical == !spacedLines)
    #expect(result.decodedSpansEqual)
  }
}
