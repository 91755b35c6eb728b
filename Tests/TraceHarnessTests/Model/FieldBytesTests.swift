import Testing
@testable import TraceHarness

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
