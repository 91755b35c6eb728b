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
  @Suite struct TraceFormatDetectionTests {
    private func detect(_ text: String) throws -> TraceFormat {
      try TraceFormat.detect(prefix: Array(text.utf8))
    }

    @Test func rawValuesAreTheFormatNamesUsersType() {
      #expect(
        TraceFormat.allCases.map(\.rawValue)
          == ["jsonl", "seed", "otlp", "otlp-proto", "zipkin", "jaeger"])
    }

    @Test func zipkinIsAnArrayOfSpansOrOfTraces() throws {
      #expect(try detect(#"[{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c"}]"#) == .zipkin)
      #expect(
        try detect(#" [ [ {"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c"}]]"#) == .zipkin)
      #expect(try detect("[]") == .zipkin)
    }

    @Test func keysNestedInsideTheFirstObjectDoNotCount() throws {
      // A jsonl span whose tags mention other formats' keys is still a jsonl span.
      let line = #"{"trace_id":"t","span_id":"s","tags":{"resourceSpans":"x","data":1,"spans":[]}}"#
      #expect(try detect(line) == .jsonl)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
      #expect(
        try TraceFormat.detect(prefix: [0xEF, 0xBB, 0xBF] + Array(#"{"resourceSpans":[]}"#.utf8))
          == .otlp)
    }

    @Test func unknownInputListsTheSupportedFormats() {
      #expect {
        try detect(#"{"foo": 1, "bar": [2]}"#)
      } throws: { error in
        let text = String(describing: error)
        return text.contains("cannot tell the trace format: it starts with an object with foo, bar")
          && TraceFormat.allCases.allSatisfy { text.contains($0.rawValue) }
      }
      #expect(throws: FormatError.self) { try detect("hello") }
      #expect(throws: FormatError.self) { try detect(#"[{"name":"x"}]"#) }
    }

    @Test func emptyInputIsAnErrorListingTheSupportedFormats() {
      #expect {
        try detect(" \n\t ")
      } throws: { error in
        let text = String(describing: error)
        return text.contains("the input is empty")
          && text.contains("zipkin (a Zipkin v2 span array)")
      }
    }
  }
}
