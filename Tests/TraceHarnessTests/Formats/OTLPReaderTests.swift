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

extension Formats {
  @Suite struct OTLPReaderTests {
    @Test func prettyPrintedRequestIsReadWithServicesFromResources() throws {
      let (spans, summary) = try FormatFixtures.read("otlp-request.json")
      #expect(spans.map(\.serviceName) == ["frontend", "frontend", "cartservice"])
      #expect(spans.map(\.operationName) == ["GET /cart", "call cart", "GetCart"])
      #expect(spans.map(\.parentSpanID) == [nil, "eee19b7ec3c1b174", "a1b2c3d4e5f60718"])
      #expect(spans.allSatisfy { $0.traceID == "5b8efff798038103d269b633813fc60c" })
      #expect(summary.documentCount == 1)
      #expect(
        summary.lineCount
          == (try String(contentsOf: FormatFixtures.url("otlp-request.json"), encoding: .utf8))
          .split(separator: "\n", omittingEmptySubsequences: false).count - 1)
    }

    @Test func attributesKeepTheirTypesNestedValuesIncluded() throws {
      let (spans, summary) = try FormatFixtures.read("otlp-request.json")
      #expect(
        spans[0].tags == [
          Tag("http.method", .string("GET")), Tag("http.status_code", .int(200)),
          Tag("sampling.ratio", .double(0.5)), Tag("cache.enabled", .bool(true)),
          Tag("http.accept", .array([.string("text/html"), .string("application/json")])),
          Tag("deployment", .kvlist([Tag("region", .string("eu-west-1")), Tag("zone", .int(3))])),
        ])
      #expect(summary.normalizations == [:])
    }

    @Test func eventsBecomeLogsAndOnlyErrorStatusIsStatusOne() throws {
      let spans = try FormatFixtures.read("otlp-request.json").spans
      #expect(
        spans[0].logs == [
          LogEvent(
            timestampNanos: 1_698_000_000_010_000_000, event: "cache_miss",
            fields: [Tag("key", .string("cart:42"))])
        ])
      // status {} (UNSET), {"code":2} (ERROR), {"code":1} (OK)
      #expect(spans.map(\.statusCode) == [0, 1, 0])
      // startTimeUnixNano written as a JSON number is accepted too.
      #expect(spans[2].startTimeNanos == 1_698_000_000_006_000_000)
    }

    @Test func collectorStyleLinesWithTheOldScopeNameAndUpperCaseIDsAreRead() throws {
      let (spans, summary) = try FormatFixtures.read("otlp-lines.jsonl")
      #expect(spans.map(\.operationName) == ["PlaceOrder", "ChargeCard", "Charge", "Refund"])
      #expect(spans[2].traceID == "0af7651916cd43dd8448eb211c80319c")
      #expect(spans[2].parentSpanID == spans[1].spanID)
      #expect(spans.map(\.serviceName) == ["checkout", "checkout", "unknown", "unknown"])
      #expect(
        summary.normalizations
          == [.unknownServiceName: 2, .idLowercased: 3, .legacyInstrumentationLibrarySpans: 1])
      #expect(summary.lineCount == 2)
      #expect(summary.documentCount == 2)
    }

    @Test func keysOTLPDoesNotDefineAreIgnoredAndCountedPerObject() throws {
      let request = #"{"resourceSpans":[{"resource":{"attributes":[],"entityRefs":[]},"scopeSpans":[{"#
        + #""scope":{"name":"s"},"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","#
        + #""spanId":"b7ad6b7169203331","name":"a","startTimeUnixNano":"1","endTimeUnixNano":"2","#
        + #""start_time_unix_nano":"1","status":{"code":0,"extra":1},"#
        + #""attributes":[{"key":"k","value":{"stringValue":"v"}}]}]}]}]}"#
      let (spans, summary) = try FormatFixtures.read("unknown-keys.json", contents: request)
      #expect(spans.count == 1)
      // The resource's entityRefs, the span's snake_case time, the status's extra.
      #expect(summary.normalizations[.unknownKeysIgnored] == 3)
    }

    @Test func severalPrettyPrintedRequestsInOneFileAreAllRead() throws {
      let request = try String(contentsOf: FormatFixtures.url("otlp-request.json"), encoding: .utf8)
      let (spans, summary) = try FormatFixtures.read(
        "two.json",
        contents: request + "\n\n" + request.replacingOccurrences(of: "\n", with: "\r\n"))
      #expect(spans.count == 6)
      #expect(summary.documentCount == 2)
      #expect(Array(spans[3...]) == Array(spans[..<3]))
    }

    @Test func aSyntaxErrorInsideAPrettyPrintedRequestNamesItsLine() throws {
      var lines = try String(contentsOf: FormatFixtures.url("otlp-request.json"), encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      lines.insert("", at: 3)  // a blank line must not shift the count
      lines[9] += " oops"
      let error = try #require(
        try FormatFixtures.readError(
          "bad.json", contents: lines.joined(separator: "\n"), as: .otlp))
      #expect(error.line == 10)
      #expect(error.description.hasPrefix("bad.json line 10: invalid JSON: expected"))
      #expect(error.description.contains("found 'o'"))
    }
  }
}
