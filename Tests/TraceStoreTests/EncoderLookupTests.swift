import Testing
import TraceModel
import TraceStore

/// Swift Testing has a `Tag` of its own.
private typealias Attribute = TraceModel.Tag

/// The block encoder's shortcuts (resources found by their attributes' storage, attribute slots
/// among the previous list's, parents through ID fingerprints) give the numbers its dictionaries
/// give: the same bytes whether or not spans share storage, and the spans back.
@Suite struct EncoderLookupTests {
  /// `count` spans of `traces` traces, consecutive spans in different traces, as the real sample's
  /// are, each with one of the resources in turn.
  static func spans(count: Int, traces: Int, resources: [Resource]) -> [Span] {
    (0..<count).map { index in
      var span = Span(
        traceID: "4bf92f3577b34da6a3ce929d0e0e\(String(1000 + index % traces))",
        spanID: "00f067aa0ba9\(String(1000 + index))", parentSpanID: nil, serviceName: "s",
        operationName: "op", startTimeNanos: 1_700_000_000_000_000_000 + Int64(index),
        endTimeNanos: 1_700_000_000_000_000_000 + Int64(2 * index))
      span.resource = resources[index % resources.count]
      return span
    }
  }

  /// The same spans with every resource's attribute array, every tag list and their strings in
  /// storage of their own.
  static func unshared(_ spans: [Span]) -> [Span] {
    func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
    return spans.map { span in
      var span = span
      let attributes = span.resource?.attributes ?? []
      span.resource?.attributes = attributes.map { tag in
        guard case .string(let text) = tag.value else { return Attribute(fresh(tag.key), tag.value) }
        return Attribute(fresh(tag.key), .string(fresh(text)))
      }
      span.tags = span.tags.map { tag in
        guard case .string(let text) = tag.value else { return Attribute(fresh(tag.key), tag.value) }
        return Attribute(fresh(tag.key), .string(fresh(text)))
      }
      return span
    }
  }

  @Test func resourcesInterleavedGiveTheSameBytesSharedOrNot() throws {
    // Two resources without attributes: their arrays share the one empty storage.
    let resources = [
      Resource(attributes: [Attribute("service.name", .string("cart"))]),
      Resource(attributes: [], droppedAttributesCount: 1),
      Resource(attributes: [Attribute("service.name", .string("cart")), Attribute("host", .int(3))]),
      Resource(attributes: [], droppedAttributesCount: 2),
      Resource(attributes: [Attribute("service.name", .string("cart"))], droppedAttributesCount: 7),
    ]
    let shared = Self.spans(count: 300, traces: 17, resources: resources)
    let separate = Self.unshared(shared)
    let (bytes, _) = try StoreTestData.encode(shared)
    #expect(try StoreTestData.encode(separate).bytes == bytes)
    #expect(try StoreTestData.decode(bytes) == shared)
  }

  @Test func attributesInAnyOrderAndOfTwoTypesComeBack() throws {
    let code = Attribute("grpc.code", .string("OK")), rpc = Attribute("component", .string("rpc"))
    let first: [Attribute] = [code, rpc, Attribute("k", .int(1))]
    let second: [Attribute] = [Attribute("k", .string("one")), code, rpc]
    let third: [Attribute] = [Attribute("component", .string("http")), Attribute("k", .int(-5)), code]
    let fourth: [Attribute] = [rpc, Attribute("grpc.code", .string("NOT_FOUND")), Attribute("k", .string("one"))]
    let lists: [[Attribute]] = [first, second, third, [], [Attribute("k", .double(0.5))], fourth]
    var spans = Self.spans(count: 240, traces: 9, resources: [Resource()])
    for index in spans.indices { spans[index].tags = lists[(index * 7) % lists.count] }
    let (bytes, _) = try StoreTestData.encode(spans)
    #expect(try StoreTestData.decode(bytes) == spans)
    #expect(try StoreTestData.encode(Self.unshared(spans)).bytes == bytes)
  }

  /// Traces searched (3 and 64 spans) and looked up in a dictionary (65 and 200), each with a span
  /// ID twice and a parent outside the trace.
  @Test(arguments: [3, 64, 65, 200])
  func parentsComeBackInTracesOfAnyLength(_ length: Int) throws {
    let spans = (0..<length).map { position in
      Span(
        traceID: "0af7651916cd43dd8448eb211c80319c",
        spanID: position == length - 1 ? "b7ad6b7169203331" : "b7ad6b71692\(String(10_000 + position))",
        parentSpanID: position == 0
          ? "ffffffffffffffff" : "b7ad6b71692\(String(10_000 + (position * 5 + 1) % length))",
        serviceName: "s", operationName: "op", startTimeNanos: Int64(position), endTimeNanos: Int64(position + 1))
    }
    var withRepeat = spans
    withRepeat[length / 2].spanID = withRepeat[0].spanID
    for trace in [spans, withRepeat] {
      #expect(try StoreTestData.decode(try StoreTestData.encode(trace).bytes) == trace)
    }
  }
}
