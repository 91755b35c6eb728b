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

@Suite struct GeneratedTraceTests {
  /// The dataset is written straight from the generator's records, while consumers get `Span`s made
  /// from the same records: both must give the same line, byte for byte and field for field.
  @Test func linesWrittenFromRecordsMatchTheSpansMadeFromThem() throws {
    let generator = TraceGenerator(topology: try TestData.topology(), seed: 11)
    var logs = 0
    var failures = 0
    for index in 0..<3_000 {
      let trace = generator.trace(index: index, startNanos: 1_000_000 * Int64(index))
      let encoded = EncodedTrace(trace)
      var expected: [UInt8] = []
      var fields: [FieldBytes] = []
      for span in trace.spans {
        fields.append(SpanJSONWriter.write(span, into: &expected))
        logs += span.logs.count
        failures += span.statusCode
      }
      #expect(encoded.bytes == expected)
      #expect(encoded.fieldBytes == fields)
    }
    #expect(logs > 1_000 && failures > 100)
  }
}
