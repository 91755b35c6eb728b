import Foundation
import Testing

/// The committed report on real traces against the figures counted independently (with the
/// reference OTLP Python classes) in experiments/real/README.md.
@Suite struct RealReportTests {
  private var document: [String: Any] {
    get throws {
      let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../reports/real-hipstershop.json").standardizedFileURL
      return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }
  }

  @Test func theSampleHasTheIndependentlyCountedSpansTracesAndServices() throws {
    let source = try #require(try document["source"] as? [String: Any])
    #expect(source["spans"] as? Int == 86_583)
    #expect(source["traces"] as? Int == 9_047)
    #expect(source["services"] as? Int == 10)
    #expect(source["rawBytes"] as? Int == 23_778_904)
    #expect(source["storedBytes"] as? Int == 3_281_111)
  }

  @Test func theTraceStoreFileDecodedBackAndBeatsProtobufWithZstd19() throws {
    let store = try #require(try document["traceStore"] as? [String: Any])
    #expect(store["decodedSpansEqual"] as? Bool == true)
    let fileBytes = try #require(store["fileBytes"] as? Int)
    // The target: at most 21 bytes per span on this sample, losslessly.
    #expect(Double(fileBytes) / 86_583 <= 21)
    let protobuf = try #require(try document["protobuf"] as? [String: Any])
    let whole = try #require(protobuf["whole"] as? [[String: Any]])
    let zstd19 = try #require(whole.first { $0["codec"] as? String == "zstd" && $0["level"] as? Int == 19 })
    #expect(fileBytes < (zstd19["bytes"] as? Int ?? 0))
  }
}
