import Codecs
import Foundation
import Testing

@testable import TraceFormats
@testable import TraceModel

extension Formats {
  /// The reader against the figures `experiments/real/README.md` gives for the sample, which were
  /// counted with the reference OTLP Python classes, not with this code.
  @Suite struct OTLPSampleFiguresTests {
    struct Census {
      var spans = 0
      var traces = Set<String>()
      var services: [String: Int] = [:]
      var events = 0
      var attributeKeys = Set<String>()
      var kinds: [SpanKind: Int] = [:]
      var statuses: [SpanStatus.Code: Int] = [:]
      var sixtyFourBitTraceIDs = 0
      var resourceSpans = 0
      var scopeSpans = 0
      var records = 0

      init(_ requests: [TraceRequest]) {
        for request in requests {
          records += 1
          resourceSpans += request.resourceSpans.count
          scopeSpans += request.resourceSpans.reduce(0) { $0 + $1.scopeSpans.count }
          for span in request.spans {
            spans += 1
            traces.insert(span.traceID)
            services[span.serviceName, default: 0] += 1
            events += span.logs.count
            attributeKeys.formUnion(span.tags.map(\.key))
            kinds[span.kind ?? .unspecified, default: 0] += 1
            statuses[span.status?.code ?? .unset, default: 0] += 1
            if span.traceID.hasPrefix(String(repeating: "0", count: 16)) { sixtyFourBitTraceIDs += 1 }
          }
        }
      }
    }

    static let census = Result { Census(try RealSample.read.get().requests) }

    @Test func spansTracesAndServicesAreTheREADMEs() throws {
      let census = try Self.census.get()
      #expect(census.spans == 86_583)
      #expect(census.traces.count == 9_047)
      #expect(census.services.count == 10)
      #expect(census.records == 1)
      #expect(census.resourceSpans == 1_699)
      #expect(census.scopeSpans == 1_699)
    }

    @Test func spansPerServiceAreTheREADMEs() throws {
      #expect(
        try Self.census.get().services == [
          "frontend": 36_430, "productcatalogservice": 18_088, "cartservice": 12_303,
          "currencyservice": 10_019, "recommendationservice": 3_740, "adservice": 1_931,
          "checkoutservice": 1_838, "shippingservice": 1_032, "paymentservice": 988,
          "emailservice": 214,
        ])
    }

    @Test func eventsKeysKindsAndStatusesAreTheREADMEs() throws {
      let census = try Self.census.get()
      #expect(census.events == 3_862)
      #expect(census.attributeKeys.count == 46)
      #expect(census.kinds == [.server: 43_812, .client: 42_771])
      #expect(census.statuses == [.unset: 85_916, .error: 667])
      #expect(census.sixtyFourBitTraceIDs == 79_856)
    }

    @Test func theSeedStatusCodeIsOneExactlyForErrors() throws {
      let spans = try RealSample.read.get().requests.flatMap(\.spans)
      #expect(spans.reduce(0) { $0 + $1.statusCode } == 667)
    }

    @Test(arguments: ["zst", "gz", "plain"])
    func compressedAndPlainFilesReadTheSame(_ compression: String) throws {
      let part = try RealSample.records(RealSample.prefix(resourceSpans: 120), groupsPerRecord: 40)
      let bytes: [UInt8] =
        switch compression {
        case "zst": try compressed(part, with: CodecSetting(.zstd, level: 3))
        case "gz": try compressed(part, with: CodecSetting(.gzip, level: 6))
        default: part
        }
      let (messages, summary) = try RealSample.withFile("part.bin", bytes) {
        try RealSample.readBack($0)
      }
      #expect(summary.documentCount == 3)
      #expect(RealSample.groups(messages) == RealSample.prefix(resourceSpans: 120).resourceSpans)
    }

    @Test func aCompressedOTLPJSONFileIsReadToo() throws {
      var json: [UInt8] = []
      var summary = ReadSummary(format: .otlpProto, sourceTimestampUnit: .nanoseconds)
      try OTLPJSONWriter.writeRequest(
        try OTLPProtoDecoding.request(RealSample.prefix(resourceSpans: 30), summary: &summary),
        into: &json)
      let gz = try compressed(json, with: CodecSetting(.gzip, level: 1))
      let (messages, jsonSummary) = try RealSample.withFile("part.json.gz", gz) {
        try RealSample.readBack($0)
      }
      #expect(jsonSummary.format == .otlp)
      #expect(messages == [RealSample.prefix(resourceSpans: 30)])
    }

    private func compressed(_ bytes: [UInt8], with setting: CodecSetting) throws -> [UInt8] {
      let compressor = try setting.makeCompressor()
      var out: [UInt8] = []
      try bytes.withUnsafeBytes { raw in
        try compressor.compress(raw) { out.append(contentsOf: $0) }
      }
      try compressor.finish { out.append(contentsOf: $0) }
      return out
    }
  }
}
