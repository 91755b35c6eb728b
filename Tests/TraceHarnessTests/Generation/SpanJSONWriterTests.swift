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

/// The seed's data model, written independently of the harness's own types.
private struct SeedSpan: Decodable {
  var trace_id: String
  var span_id: String
  var parent_span_id: String?
  var service_name: String
  var operation_name: String
  var start_time: Int64
  var end_time: Int64
  var tags: [String: TagJSON]
  var logs: [SeedLog]
  var status_code: Int
}

private struct SeedLog: Decodable {
  var timestamp: Int64
  var event: String
}

private enum TagJSON: Decodable, Equatable {
  case string(String), int(Int64)
  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Int64.self) { self = .int(number) } else {
      self = .string(try container.decode(String.self))
    }
  }
}

@Suite struct SpanJSONWriterTests {
  @Test func everyLineDecodesIntoTheSeedsDataModel() throws {
    let dataset = TestData.medium
    let lines = dataset.bytes.split(separator: UInt8(ascii: "\n"))
    #expect(lines.count == dataset.spans.count)
    for (line, span) in zip(lines, dataset.spans) {
      let decoded = try JSONDecoder().decode(SeedSpan.self, from: Data(line))
      #expect(decoded.span_id == span.spanID)
      #expect(decoded.parent_span_id == span.parentSpanID)
      #expect(decoded.start_time == span.startTimeNanos)
      #expect(decoded.end_time == span.endTimeNanos)
      #expect(decoded.tags.count == span.tags.count)
      #expect(decoded.logs.map(\.event) == span.logs.map(\.event))
      #expect(decoded.logs.allSatisfy { $0.timestamp >= decoded.start_time && $0.timestamp <= decoded.end_time })
    }
  }

  @Test func keysComeInTheSeedsOrder() throws {
    let line = String(decoding: TestData.medium.bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    let keys = SpanField.allCases.dropLast().map { "\"\($0.jsonKey)\":" }
    let positions = keys.map { line.range(of: $0)!.lowerBound }
    #expect(positions == positions.sorted())
  }

  @Test func fieldBytesAddUpToEachLine() throws {
    let dataset = TestData.medium
    let total = dataset.fieldBytes.reduce(0) { $0 + $1.total }
    #expect(total == dataset.bytes.count)
    #expect(dataset.fieldBytes.allSatisfy { $0[.traceID] == "\"trace_id\":".utf8.count + 38 + 1 })
  }

  @Test func stringsAreEscapedAsJSON() throws {
    let span = Span(
      traceID: "t\"1", spanID: "s\\1", parentSpanID: nil, serviceName: "line\nbreak\u{1}",
      operationName: "ünïcode ✓", startTimeNanos: -5, endTimeNanos: Int64.max,
      tags: [Tag("pi", .double(3.25)), Tag("ok", .bool(true))])
    var bytes: [UInt8] = []
    let fields = SpanJSONWriter.write(span, into: &bytes)
    #expect(fields.total == bytes.count)
    let object = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
    #expect(object["trace_id"] as? String == "t\"1")
    #expect(object["span_id"] as? String == "s\\1")
    #expect(object["service_name"] as? String == "line\nbreak\u{1}")
    #expect(object["operation_name"] as? String == "ünïcode ✓")
    #expect((object["end_time"] as? NSNumber)?.int64Value == Int64.max)
    #expect((object["start_time"] as? NSNumber)?.int64Value == -5)
  }

  /// Strings are checked for escapes eight bytes at a time: a character that needs one must be
  /// found wherever it falls, in a full word or in the tail.
  @Test func anEscapeIsFoundAtEveryPosition() throws {
    let specials = (0..<0x20).map { Character(Unicode.Scalar($0)) } + ["\"", "\\"]
    for special in specials {
      for position in 0..<19 {
        let text = String(repeating: "a", count: position) + String(special) + "é✓b"
        var bytes: [UInt8] = []
        SpanJSONWriter.string(text, &bytes)
        let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
        #expect(decoded as? String == text)
      }
    }
  }

  @Test(arguments: [Int64.min, -1, 0, 9, 10, 99, 100, 1_698_000_000_123_456_789, Int64.max])
  func integersAreWrittenInDecimal(number: Int64) {
    var bytes: [UInt8] = []
    SpanJSONWriter.integer(number, &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == String(number))
  }

  /// Every length the writer computes up front: each power of ten, one below it and one above, of
  /// both signs, next to one another in one buffer.
  @Test func integersOfEveryLengthAreWrittenInDecimal() {
    var numbers: [Int64] = []
    var power: Int64 = 1
    for exponent in 0...18 {
      numbers += [power - 1, power, power + 1].flatMap { [$0, -$0] }
      if exponent < 18 { power *= 10 }
    }
    var bytes: [UInt8] = []
    for number in numbers {
      SpanJSONWriter.integer(number, &bytes)
      bytes.append(UInt8(ascii: " "))
    }
    #expect(String(decoding: bytes, as: UTF8.self) == numbers.map { String($0) + " " }.joined())
  }
}
