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

@Suite struct FieldBytesTests {
  @Test func everyFieldHasALaneOfItsOwn() {
    var bytes = FieldBytes()
    for field in SpanField.allCases { bytes[field] = 1 << field.rawValue }
    #expect(SpanField.allCases.allSatisfy { bytes[$0] == 1 << $0.rawValue })
    #expect(bytes.total == (1 << SpanField.allCases.count) - 1)
    var sum = bytes
    sum += bytes
    #expect(sum.total == 2 * bytes.total)
  }
}
