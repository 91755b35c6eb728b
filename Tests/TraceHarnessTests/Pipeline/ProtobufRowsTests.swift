import Foundation
import Testing
@testable import Codecs
@testable import Measurement
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

  @Test func aStreamEndingInsideARecordIsAnError() throws {
    let sink = PerRequestSize(CodecSetting(.gzip, level: 6), spansPerRequest: 512)
    try sink.consume(SpanBatch(bytes: Array(record([1, 2, 3]).dropLast()), spanCount: 1))
    #expect(throws: CodecError.self) { try sink.endOfStream() }
  }
}
