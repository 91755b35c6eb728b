import Testing
@testable import TraceModel
@testable import TraceFormats
@testable import Measurement

/// Blocks of files: a trace's later part must be recognised as split, also across a block.
@Suite struct TraceAssemblerTests {
  private func line(_ trace: String, _ id: String) -> SpanLine {
    let span = Span(
      traceID: trace, spanID: id, parentSpanID: nil, serviceName: "s", operationName: "op",
      startTimeNanos: 1, endTimeNanos: 2)
    var bytes: [UInt8] = []
    let fields = SpanJSONWriter.write(span, into: &bytes)
    return SpanLine(span: span, bytes: bytes[...], fieldBytes: fields)
  }

  /// Trace "a" in blocks 1, 3 and 6 of one span each: split once, and every later part marked,
  /// while it is still among the remembered blocks. Only the previous block was remembered, so
  /// the part in block 3 opened "a" again as a new trace.
  @Test func aTraceThatSkipsABlockIsStillSplitOnce() {
    var assembler = TraceAssembler()
    assembler.closesCompleteTraces = false
    assembler.blockSpanLimit = 1
    let order = ["a", "b", "a", "c", "d", "a"]
    var parts: [(trace: String, continues: Bool)] = []
    for (index, trace) in order.enumerated() {
      for closed in assembler.add(line(trace, "\(index)")) {
        parts.append((closed.members[0].line.span.traceID, closed.continuesEarlierBlock))
      }
    }
    #expect(parts.map(\.trace) == order)
    #expect(parts.map(\.continues) == [false, false, true, false, false, true])
    #expect(assembler.splitTraces == 1)
  }

  /// Past `rememberedBlocks` the trace is not recognised: memory stays bounded by the blocks kept.
  @Test func aTraceBeyondTheRememberedBlocksIsNotRecognised() {
    var assembler = TraceAssembler()
    assembler.closesCompleteTraces = false
    assembler.blockSpanLimit = 1
    let gap = (0..<TraceAssembler.rememberedBlocks).map { "gap-\($0)" }
    var continues: [Bool] = []
    for (index, trace) in (["a"] + gap + ["a"]).enumerated() {
      continues += assembler.add(line(trace, "\(index)")).map(\.continuesEarlierBlock)
    }
    #expect(continues.allSatisfy { !$0 })
    #expect(assembler.splitTraces == 0)
  }
}
