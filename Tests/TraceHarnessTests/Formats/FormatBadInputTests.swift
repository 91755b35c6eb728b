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
  /// Each kind of bad input gives an error naming the file, the place and what was expected.
  @Suite struct BadInputTests {
    static let goodLine =
      #"{"trace_id":"t","span_id":"s","parent_span_id":null,"service_name":"a","#
      + #""operation_name":"o","start_time":1698000000000000000,"end_time":1698000000000001000,"#
      + #""tags":{},"logs":[],"status_code":0}"#

    private func error(_ name: String, _ text: String, as format: TraceFormat? = nil) throws
      -> FormatError
    {
      try #require(try FormatFixtures.readError(name, contents: text, as: format))
    }

    private func error(_ name: String, _ bytes: [UInt8], as format: TraceFormat? = nil) throws
      -> FormatError
    {
      try #require(try FormatFixtures.readError(name, contents: bytes, as: format))
    }

    @Test func malformedJSONNamesTheLineAndColumn() throws {
      let found = try error(
        "bad.jsonl", Self.goodLine + "\n" + #"{"trace_id":"t","span_id" "s"}"# + "\n")
      #expect(
        found.description
          == #"bad.jsonl line 2: invalid JSON: expected ':' after a key, found '"' at column 27"#)
    }

    @Test(arguments: TraceFormat.allCases)
    func anEmptyFileIsAnErrorWhateverTheFormat(_ format: TraceFormat) throws {
      #expect(
        try error("empty.json", " \n", as: format).description
          == "empty.json: the file is empty: no JSON to read")
    }

    @Test func anEmptyFileWithoutAFormatListsTheSupportedOnes() throws {
      let found = try error("empty.json", "")
      #expect(
        found.description.hasPrefix(
          "empty.json: cannot tell the trace format: the input is empty. Supported formats: jsonl (a span object with span_id); seed"
        ))
    }

    @Test func aFileOfAnotherFormatSaysWhatWasExpectedAndWhatWasFound() throws {
      let otlpAsZipkin = try #require(
        FormatFixtures.readError(FormatFixtures.url("otlp-request.json"), as: .zipkin))
      #expect(
        otlpAsZipkin.description
          == "otlp-request.json: expected a Zipkin v2 span array, found an object with resourceSpans (it looks like otlp)"
      )
      let seedAsJSONL = try #require(
        FormatFixtures.readError(FormatFixtures.url("seed-traces.jsonl"), as: .jsonl))
      #expect(
        seedAsJSONL.description
          == "seed-traces.jsonl line 1: expected a span object with span_id, found an object with trace_id, spans (it looks like seed)"
      )
      let zipkinAsJSONL = try #require(
        FormatFixtures.readError(FormatFixtures.url("zipkin-traces.json"), as: .jsonl))
      #expect(
        zipkinAsJSONL.description.hasPrefix(
          "zipkin-traces.json: expected a span object with span_id, found an array of objects with traceId, id"
        ))
      #expect(zipkinAsJSONL.description.hasSuffix("(it looks like zipkin)"))
      let zipkinAsJaeger = try #require(
        FormatFixtures.readError(FormatFixtures.url("zipkin-traces.json"), as: .jaeger))
      #expect(
        zipkinAsJaeger.description.hasPrefix(
          "zipkin-traces.json: expected a Jaeger query-API object with data, found an array of objects with traceId"
        ))
      let jaegerAsOTLP = try #require(
        FormatFixtures.readError(FormatFixtures.url("jaeger-traces.json"), as: .otlp))
      #expect(
        jaegerAsOTLP.description
          == "jaeger-traces.json line 1: expected an OTLP ExportTraceServiceRequest object with resourceSpans, found an object with data, total, limit, offset, … (it looks like jaeger)"
      )
      let jsonlAsSeed = try #require(
        FormatFixtures.readError(FormatFixtures.url("spans.jsonl"), as: .seed))
      #expect(jsonlAsSeed.description.hasSuffix("(it looks like jsonl)"))
    }

    @Test func invalidUTF8NamesItsByteOffset() throws {
      let second = Array(#"{"trace_id":"t"#.utf8) + [0xC3, 0x28] + Array(#"","span_id":"s"}"#.utf8)
      let bytes = Array(Self.goodLine.utf8) + [0x0A] + second
      let found = try error("utf8.jsonl", bytes)
      #expect(
        found.description
          == "utf8.jsonl line 2: invalid UTF-8 at byte offset \(Self.goodLine.utf8.count + 1 + 14) (column 15)"
      )
      #expect(found.byteOffset == Self.goodLine.utf8.count + 15)
    }

    @Test func integersBeyondInt64AreRefused() throws {
      let jsonl = try error(
        "big.jsonl",
        Self.goodLine.replacingOccurrences(of: "1698000000000000000", with: "99999999999999999999"))
      #expect(
        jsonl.description
          == #"big.jsonl line 1: field "start_time": 1e+20 does not fit a 64-bit integer"#)
      let otlp = try error(
        "big.json",
        #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","#
          + #""spanId":"eee19b7ec3c1b174","startTimeUnixNano":"18446744073709551615","endTimeUnixNano":"1"}]}]}]}"#
      )
      #expect(
        otlp.description
          == #"big.json line 1: resourceSpans[0].scopeSpans[0].spans[0]: field "startTimeUnixNano": 18446744073709551615 does not fit a 64-bit integer"#
      )
      let zipkin = try error(
        "big.json",
        #"[{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c","timestamp":9300000000000000}]"#,
        as: .zipkin)
      #expect(
        zipkin.description
          == #"big.json line 1: [0]: field "timestamp": 9300000000000000 µs does not fit 64-bit nanoseconds"#
      )
    }

    @Test func negativeDurationsAndTimesAreRefused() throws {
      let jsonl = try error(
        "neg.jsonl",
        Self.goodLine.replacingOccurrences(of: "1698000000000001000", with: "1698000000000000000")
          .replacingOccurrences(
            of: #""start_time":1698000000000000000"#, with: #""start_time":1698000000000001000"#))
      #expect(
        jsonl.description
          == #"neg.jsonl line 1: field "end_time": ends 1000 ns before it starts (negative duration)"#
      )
      let zipkin = try error(
        "neg.json",
        #"[{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c","timestamp":1698000000000000,"duration":-5}]"#
      )
      #expect(
        zipkin.description == #"neg.json line 1: [0]: field "duration": negative duration -5 µs"#)
      let before1970 = try error(
        "neg.jsonl",
        Self.goodLine.replacingOccurrences(
          of: #""start_time":1698000000000000000"#, with: #""start_time":-1"#))
      #expect(before1970.description == #"neg.jsonl line 1: field "start_time": negative time -1"#)
    }

    @Test func deepNestingIsRefusedBeforeItIsParsed() throws {
      let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
      let jsonl = try error(
        "deep.jsonl",
        Self.goodLine.replacingOccurrences(of: #""tags":{}"#, with: #""tags":{"x":\#(deep)}"#))
      #expect(
        jsonl.description.hasPrefix(
          "deep.jsonl line 1: JSON nested deeper than 64 levels at column"))
      let zipkin = try error("deep.json", deep, as: .zipkin)
      #expect(
        zipkin.description
          == "deep.json line 1: JSON nested deeper than 64 levels at column 65; refusing to parse it"
      )
    }

    @Test func missingRequiredFieldsAreNamed() throws {
      let jsonl = try error(
        "m.jsonl", Self.goodLine.replacingOccurrences(of: #""operation_name":"o","#, with: ""))
      #expect(jsonl.description == #"m.jsonl line 1: missing field "operation_name""#)
      let otlp = try error(
        "m.json",
        #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c"}]}]}]}"#
      )
      #expect(
        otlp.description
          == #"m.json line 1: resourceSpans[0].scopeSpans[0].spans[0]: missing field "spanId""#)
      let zipkin = try error(
        "m.json",
        "[\n"
          + #"{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c","timestamp":1698000000000000},"#
          + "\n"
          + #"  {"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496d"}"# + "\n]")
      #expect(zipkin.description == #"m.json line 3: [1]: missing field "timestamp""#)
      let jaeger = try error(
        "m.json",
        #"{"data":[{"traceID":"a","spans":[{"spanID":"b","operationName":"o","duration":1}],"processes":{}}]}"#
      )
      #expect(jaeger.description == #"m.json line 1: data[0].spans[0]: missing field "startTime""#)
    }

    @Test func fieldsOfTheWrongTypeOrValueAreNamed() throws {
      let service = try error(
        "t.jsonl",
        Self.goodLine.replacingOccurrences(of: #""service_name":"a""#, with: #""service_name":5"#))
      #expect(
        service.description
          == #"t.jsonl line 1: field "service_name": expected a string, found a number"#)
      let status = try error(
        "t.jsonl",
        Self.goodLine.replacingOccurrences(of: #""status_code":0"#, with: #""status_code":7"#))
      #expect(
        status.description
          == #"t.jsonl line 1: field "status_code": expected 0 or 1, found a number"#)
      let duplicate = try error(
        "t.jsonl",
        Self.goodLine.replacingOccurrences(of: #""tags":{}"#, with: #""tags":{"a":1,"a":2}"#))
      #expect(duplicate.description == #"t.jsonl line 1: duplicate tag key "a""#)
      let jaegerType = try error(
        "t.json",
        #"{"data":[{"spans":[{"traceID":"a","spanID":"b","operationName":"o","startTime":1,"duration":1,"tags":[{"key":"k","type":"bool","value":3}]}]}]}"#
      )
      #expect(
        jaegerType.description
          == #"t.json line 1: data[0].spans[0].tags[0]: field "value": a number does not match type "bool""#
      )
      let process = try error(
        "t.json",
        #"{"data":[{"spans":[{"traceID":"a","spanID":"b","operationName":"o","startTime":1,"duration":1,"processID":"p9"}],"processes":{}}]}"#
      )
      #expect(
        process.description
          == #"t.json line 1: data[0].spans[0]: field "processID": "p9" is not in the trace's processes"#
      )
    }

    @Test func truncatedAndTrailingInputIsAnErrorNotAPartialRead() throws {
      let zipkin = try [UInt8](Data(contentsOf: FormatFixtures.url("zipkin-traces.json")))
      let halfway = try error("cut.json", Array(zipkin.prefix(zipkin.count / 2)))
      #expect(halfway.description.contains("invalid JSON: unterminated string"))
      // Cut after the first trace's array: whole spans were read, yet the file is refused.
      let text = String(decoding: zipkin, as: UTF8.self)
      let firstTraceEnd = try #require(text.range(of: "\n  ],")).upperBound
      let afterTrace = try error("cut.json", String(text[..<firstTraceEnd]))
      #expect(
        afterTrace.description.hasPrefix(
          "cut.json line \(text[..<firstTraceEnd].split(separator: "\n").count): invalid JSON: unexpected end of input"
        ))
      let trailing = try error("tail.jsonl", Self.goodLine + " x")
      #expect(
        trailing.description.hasPrefix(
          "tail.jsonl line 1: invalid JSON: expected the end of the input after the JSON value, found 'x'"
        ))
      let lastLineCut = try error("cut.jsonl", Self.goodLine + "\n" + Self.goodLine.dropLast(5))
      #expect(lastLineCut.line == 2)
    }

    @Test func aMissingFileSaysItCannotBeOpened() throws {
      let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "no-such-\(UUID().uuidString).jsonl")
      let found = try #require(FormatFixtures.readError(url, as: .jsonl))
      #expect(found.description.hasPrefix(url.lastPathComponent + ": cannot be opened"))
    }

    @Test func errorsThrownByTheConsumerAreRethrownUnchanged() throws {
      struct Stop: Error, Equatable {}
      var seen = 0
      #expect(throws: Stop()) {
        _ = try TraceFileReader.read(url: FormatFixtures.url("zipkin-traces.json")) { _ in
          seen += 1
          if seen == 2 { throw Stop() }
        }
      }
      #expect(seen == 2)
    }
  }
}
