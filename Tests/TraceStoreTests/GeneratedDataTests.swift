import Codecs
import Foundation
import Testing
import TraceFormats
import TraceGeneration
import TraceModel
import TraceStore

/// Phase 0's own datasets, generated in-process as `harness generate` writes them.
@Suite struct GeneratedDataTests {
  /// The seed `harness phase0` and `generate` use by default (Runner's `Phase0Configuration`).
  static let phase0Seed: UInt64 = 20_231_022
  static let topologyURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("experiments/phase0/topology.json")

  /// The dataset's JSONL bytes, and its spans as the JSONL reader reads them back.
  static func dataset(traces: Int) throws -> (jsonl: [UInt8], spans: [Span]) {
    let generator = TraceGenerator(topology: try Topology.load(from: topologyURL), seed: phase0Seed)
    var jsonl: [UInt8] = []
    try DatasetStream(generator: generator, traceCount: traces).run(
      onTrace: { _ in }, onSpan: { jsonl.append(contentsOf: $0.bytes) })
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tstore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("traces.jsonl")
    try Data(jsonl).write(to: url)
    return (jsonl, try TraceFileReader.readAll(url: url).spans)
  }

  static func jsonl(of spans: [Span]) -> [UInt8] {
    var bytes: [UInt8] = []
    for span in spans { SpanJSONWriter.write(span, into: &bytes) }
    return bytes
  }

  @Test(arguments: [100, 1_000])
  func phase0DatasetDecodesToItsJSONLByteForByte(_ traces: Int) throws {
    let (jsonl, spans) = try Self.dataset(traces: traces)
    let decoded = try StoreTestData.decode(try StoreTestData.encode(spans).bytes)
    let written = Self.jsonl(of: decoded)
    #expect(written.count == jsonl.count)
    #expect(written.elementsEqual(jsonl))
  }

  @Test func smallIsBelowTheReportsEstimateAndZstd19OfItsJSONL() throws {
    let (jsonl, spans) = try Self.dataset(traces: 100)
    let stored = try StoreTestData.encode(spans).summary.fileBytes
    let zstd19 = try VerifiedCompression.compressedBytes(of: jsonl, with: CodecSetting(.zstd, level: 19))
    // 13,262 bytes: the phase 0 report's "all potentials applied" sum of separately compressed
    // columns, which no file had.
    #expect(stored < 13_262)
    #expect(stored < zstd19)
    #expect(spans.count == 284)
  }

  @Test func smallBlocksOfMediumStillDecodeByteForByte() throws {
    let (jsonl, spans) = try Self.dataset(traces: 1_000)
    let (bytes, summary) = try StoreTestData.encode(spans, options: TraceStoreOptions(maxSpansPerBlock: 500))
    #expect(summary.blockCount == 6)
    #expect(Self.jsonl(of: try StoreTestData.decode(bytes)).elementsEqual(jsonl))
  }
}
