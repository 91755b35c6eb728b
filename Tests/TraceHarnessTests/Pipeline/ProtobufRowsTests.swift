import Foundation
import Testing
@testable import Codecs
@testable import Measurement
@testable import TraceFormats
@testable import TraceModel

@Suite struct ProtobufRowsTests {
  /// A 4-byte big-endian length, then the message.
  private func record(_ message: [UInt8]) -> [UInt8] {
    let count = UInt32(message.count)
    return [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)] + message
  }

  @Test func eachRequestIsCompressedOnItsOwnEvenWhenABatchCutsIt() throws {
    let first = Array(repeating: UInt8(ascii: "a"), count: 3_000)
    let second = (0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let stream = record(first) + record(second)
    let sink = PerRequestSize(CodecSetting(.zstd, level: 3), spansPerRequest: 512)
    // Cut inside the second record's length prefix: the sink must carry the rest over.
    try sink.consume(SpanBatch(bytes: Array(stream[..<3_006]), spanCount: 512))
    try sink.consume(SpanBatch(bytes: Array(stream[3_006...]), spanCount: 100))
    try sink.endOfStream()
    let expected = try VerifiedCompression.compressedBytes(of: first, with: sink.setting)
      + VerifiedCompression.compressedBytes(of: second, with: sink.setting)
    #expect(sink.result.requests == 2)
    #expect(sink.result.spans == 612)
    #expect(sink.result.compressedBytes == expected)
    // Each on its own costs more than the two as one stream would.
    #expect(expected > (try VerifiedCompression.compressedBytes(of: first + second, with: sink.setting)))
  }

  /// Request-like messages of varied length and content, the same every run.
  private func requests(_ count: Int) -> [[UInt8]] {
    var random = SpanLikeRandom()
    func next() -> UInt64 { random.next() }
    return (0..<count).map { _ in
      (0..<(40 + Int(next() % 40))).flatMap { _ in
        let service = random.service()
        return Array("\u{12}\(String(next(), radix: 16))\u{2a}\(service)/op\(next() % 20)\u{3a}\(next() % 900)".utf8)
      }
    }
  }

  @Test func aSampleOfTheRequestsEstimatesWhatCompressingThemAllMeasures() throws {
    let messages = requests(96)
    let stream = messages.flatMap(record)
    for setting in ProtobufBaseline.perRequestSettings {
      let all = PerRequestSize(setting, spansPerRequest: 512)
      let sampled = PerRequestSize(setting, spansPerRequest: 512, sampling: 8)
      for sink in [all, sampled] {
        try sink.consume(SpanBatch(bytes: stream, spanCount: 96 * 512))
        try sink.endOfStream()
      }
      let measured = all.result, estimate = sampled.result
      #expect(!measured.isEstimate && measured.sampledRequests == 96 && measured.requests == 96)
      #expect(measured.bytes == (try messages.reduce(0) {
        $0 + (try VerifiedCompression.compressedBytes(of: $1, with: setting))
      }))
      #expect(estimate.isEstimate && estimate.sampledRequests == 12 && estimate.requests == 96)
      #expect(abs(Double(estimate.bytes - measured.bytes)) / Double(measured.bytes) < 0.03)
      // Far fewer requests compressed: the estimate is not the measured figure under another name.
      #expect(estimate.compressedBytes < measured.compressedBytes / 4)
      // Two shards sampled alike merge into an estimate of both.
      var shards: [ProtobufRows] = []
      for half in [messages[..<48], messages[48...]] {
        let sink = PerRequestSize(setting, spansPerRequest: 512, sampling: 8)
        try sink.consume(SpanBatch(bytes: half.flatMap(record), spanCount: 48 * 512))
        let whole = BaselineResult(rawBytes: 0, spans: 48 * 512, rows: [])
        shards.append(.measured(ProtobufBaseline(whole: whole, perRequest: [sink.result])))
      }
      var merged = shards[0]
      merged.merge(shards[1])
      let both = try #require(merged.measured?.perRequest.first)
      #expect(both.requests == 96 && both.sampledRequests == 12 && both.spans == 96 * 512)
      #expect(abs(Double(both.bytes - measured.bytes)) / Double(measured.bytes) < 0.03)
    }
  }

  /// Requests between the sampled ones as length-only records measure what the whole stream
  /// measures: the same lengths, and the same requests compressed.
  @Test func lengthOnlyRecordsMeasureAsTheWholeStream() throws {
    var whole = OTLPProtobufWriter(spansPerRequest: 64)
    var lengthOnly = OTLPProtobufWriter(spansPerRequest: 64, wholeRequestsEvery: 4)
    var wholeBytes: [UInt8] = [], lengthOnlyBytes: [UInt8] = []
    let spans = TestData.medium.spans.prefix(2_000)
    for span in spans {
      try whole.append(span, into: &wholeBytes)
      try lengthOnly.append(span, into: &lengthOnlyBytes)
    }
    try whole.finish(into: &wholeBytes)
    try lengthOnly.finish(into: &lengthOnlyBytes)
    // 32 requests, 8 of them whole: the rest is 24 lengths of 4 bytes.
    #expect(lengthOnlyBytes.count < wholeBytes.count / 3)
    let setting = CodecSetting(.zstd, level: 3)
    let measured = PerRequestSize(setting, spansPerRequest: 64, sampling: 4)
    let counted = PerRequestSize(setting, spansPerRequest: 64, sampling: 4, lengthOnlyUnsampled: true)
    try measured.consume(SpanBatch(bytes: wholeBytes, spanCount: spans.count))
    // In pieces of 1,001 bytes, so records and their lengths are cut.
    for start in stride(from: 0, to: lengthOnlyBytes.count, by: 1_001) {
      let piece = Array(lengthOnlyBytes[start..<min(start + 1_001, lengthOnlyBytes.count)])
      try counted.consume(SpanBatch(bytes: piece, spanCount: start == 0 ? spans.count : 0))
    }
    try measured.endOfStream()
    try counted.endOfStream()
    #expect(counted.result.requests == 32 && counted.result.sampledRequests == 8)
    #expect(counted.result == measured.result)
    #expect(counted.result.messageBytes == wholeBytes.count - 32 * 4)
  }

  @Test func aStreamEndingInsideARecordIsAnError() throws {
    let sink = PerRequestSize(CodecSetting(.gzip, level: 6), spansPerRequest: 512)
    try sink.consume(SpanBatch(bytes: Array(record([1, 2, 3]).dropLast()), spanCount: 1))
    #expect(throws: CodecError.self) { try sink.endOfStream() }
  }
}
