import Testing

@testable import TraceFormats

extension Formats {
  @Suite struct TraceFormatDetectionProtobufTests {
    @Test func aLengthPrefixedRecordOver16MiBIsProtobuf() throws {
      // The sample's own first bytes: a 23,778,900-byte record.
      #expect(try TraceFormat.detect(prefix: Array(RealSample.decompressed.prefix(64))) == .otlpProto)
      #expect(OTLPProtobufLayout(prefix: RealSample.decompressed.prefix(16)) == .lengthPrefixed)
    }

    @Test func aBareMessageIsProtobuf() {
      #expect(OTLPProtobufLayout(prefix: Array(RealSample.messageBytes.prefix(16))) == .message)
    }

    @Test func jsonStartingWithANewlineIsStillJSON() throws {
      #expect(try TraceFormat.detect(prefix: Array("\n{\"resourceSpans\":[]}".utf8)) == .otlp)
      #expect(try TraceFormat.detect(prefix: Array("\n\n[{\"traceId\":\"a\",\"id\":\"b\"}]".utf8)) == .zipkin)
    }
  }
}
