import Foundation
import OTLPProto
import SwiftProtobuf
import Testing

@testable import TraceFormats
@testable import TraceModel

extension Formats {
  @Suite struct OTLPProtobufRoundTripTests {
    @Test func theSampleGoesThroughTheModelAndComesBackAsEqualMessages() throws {
      let (requests, summary) = try RealSample.read.get()
      #expect(summary.format == .otlpProto)
      #expect(summary.normalizations.isEmpty)
      #expect(requests.count == 1)
      let original = RealSample.message.resourceSpans
      let readBack = try OTLPProtoEncoding.message(try #require(requests.first)).resourceSpans
      #expect(readBack.count == original.count)
      // Group by group, so a failure names the first group that differs, not a 24 MB dump.
      let firstDifference = zip(original, readBack).enumerated()
        .first { $0.element.0 != $0.element.1 }?.offset
      #expect(firstDifference == nil)
    }

    /// Not the input's bytes: its producer wrote some zero-valued fields that proto3 omits, so
    /// equal messages are the criterion. What the harness writes, it writes the same again.
    @Test func whatTheWriterWritesReadsBackToTheSameBytes() throws {
      let request = try #require(try RealSample.read.get().requests.first)
      var first: [UInt8] = []
      try OTLPProtobufWriter.writeRecord(request, into: &first)
      let again = try RealSample.withFile("again.pb", first) { url in
        var bytes: [UInt8] = []
        _ = try TraceFileReader.readRequests(url: url) { try OTLPProtobufWriter.writeRecord($0, into: &bytes) }
        return bytes
      }
      #expect(again.count == first.count)
      #expect(again == first)
    }

    @Test func theSampleThroughOTLPJSONComesBackAsEqualMessages() throws {
      var json: [UInt8] = []
      let requests = try RealSample.read.get().requests
      for request in requests { try OTLPJSONWriter.writeRequest(request, into: &json) }
      let (messages, summary) = try RealSample.withFile("sample.otlp.jsonl", json) {
        try RealSample.readBack($0)
      }
      #expect(summary.format == .otlp)
      #expect(summary.documentCount == requests.count)
      #expect(summary.normalizations.isEmpty)
      #expect(messages == [RealSample.message])
    }

    @Test(arguments: [1, 500])
    func theSampleSplitIntoRecordsReadsAsTheSameGroups(groupsPerRecord: Int) throws {
      let file = try RealSample.records(RealSample.message, groupsPerRecord: groupsPerRecord)
      let (messages, summary) = try RealSample.withFile("split.pb", file) {
        try RealSample.readBack($0)
      }
      let groups = RealSample.message.resourceSpans.count
      #expect(summary.documentCount == (groups + groupsPerRecord - 1) / groupsPerRecord)
      #expect(messages.count == summary.documentCount)
      #expect(messages.allSatisfy { $0.resourceSpans.count <= groupsPerRecord })
      #expect(summary.spanCount == 86_583)
      #expect(RealSample.groups(messages) == RealSample.message.resourceSpans)
    }

    @Test func oneMessageWithoutALengthPrefixReadsTheSame() throws {
      let (messages, summary) = try RealSample.withFile(
        "single.pb", Array(RealSample.messageBytes)
      ) { try RealSample.readBack($0) }
      #expect(summary.documentCount == 1)
      #expect(messages == [RealSample.message])
    }

    @Test func everyFieldOfAHandMadeSpanSurvives() throws {
      var message = OTLPTracesData()
      var group = OTLPResourceSpans()
      group.schemaURL = "https://opentelemetry.io/schemas/1.21.0"
      group.resource.attributes = [keyValue("service.name", string: "checkout")]
      group.resource.droppedAttributesCount = 2
      var scopeGroup = OTLPScopeSpans()
      scopeGroup.scope.name = "io.opentelemetry.grpc"
      scopeGroup.scope.version = "1.2.3"
      scopeGroup.scope.attributes = [keyValue("scope.attr", string: "x")]
      scopeGroup.scope.droppedAttributesCount = 1
      scopeGroup.schemaURL = "https://example.com/scope"
      var span = OTLPSpan()
      span.traceID = Data((1...16).map { UInt8($0) })
      span.spanID = Data((1...8).map { UInt8($0) })
      span.parentSpanID = Data((9...16).map { UInt8($0) })
      span.traceState = "vendor=1"
      span.flags = 0x301
      span.name = "Charge"
      span.kind = .producer
      span.startTimeUnixNano = 1_700_000_000_000_000_000
      span.endTimeUnixNano = 1_700_000_000_000_000_005
      var nested = OTLPAnyValue()
      nested.arrayValue.values = [anyValue(string: "a"), OTLPAnyValue()]
      var list = OTLPAnyValue()
      list.kvlistValue.values = [keyValue("inner", string: "b")]
      var bytes = OTLPAnyValue()
      bytes.bytesValue = Data([0, 255, 7])
      var number = OTLPAnyValue()
      number.doubleValue = -0.25
      span.attributes = [
        kv("nested", nested), kv("list", list), kv("bytes", bytes), kv("number", number),
        kv("empty", OTLPAnyValue()),
      ]
      span.droppedAttributesCount = 3
      var event = OTLPSpan.Event()
      event.timeUnixNano = 7
      event.name = "exception"
      event.attributes = [keyValue("exception.type", string: "IOError")]
      event.droppedAttributesCount = 4
      span.events = [event]
      span.droppedEventsCount = 5
      var link = OTLPSpan.Link()
      link.traceID = Data(repeating: 0xAB, count: 16)
      link.spanID = Data(repeating: 0xCD, count: 8)
      link.traceState = "other=2"
      link.attributes = [keyValue("link.kind", string: "follows")]
      link.droppedAttributesCount = 6
      link.flags = 1
      span.links = [link]
      span.droppedLinksCount = 7
      span.status.code = .ok
      span.status.message = "fine"
      var bare = OTLPSpan()  // no status at all, kind 0: both must stay so
      bare.traceID = span.traceID
      bare.spanID = Data(repeating: 9, count: 8)
      scopeGroup.spans = [span, bare]
      var scopeless = OTLPScopeSpans()  // no scope message, and an empty status
      var third = bare
      third.spanID = Data(repeating: 10, count: 8)
      third.status = OTLPStatus()
      scopeless.spans = [third]
      group.scopeSpans = [scopeGroup, scopeless]
      var resourceless = OTLPResourceSpans()  // no resource: spans get service "unknown"
      resourceless.scopeSpans = [scopeless]
      message.resourceSpans = [group, resourceless]

      let messageBytes: [UInt8] = try message.serializedBytes()
      let bytesOnDisk = RealSample.lengthPrefix(messageBytes.count) + messageBytes
      let (viaProtobuf, protobufSummary) = try RealSample.withFile("hand.pb", bytesOnDisk) {
        try RealSample.readBack($0)
      }
      #expect(viaProtobuf == [message])
      #expect(protobufSummary.normalizations == [.unknownServiceName: 1])

      var json: [UInt8] = []
      let requests: [TraceRequest] = try RealSample.withFile("hand.pb", bytesOnDisk) { url in
        var requests: [TraceRequest] = []
        _ = try TraceFileReader.readRequests(url: url) { requests.append($0) }
        return requests
      }
      for request in requests { try OTLPJSONWriter.writeRequest(request, into: &json) }
      let (viaJSON, _) = try RealSample.withFile("hand.otlp.json", json) {
        try RealSample.readBack($0)
      }
      #expect(viaJSON == [message])

      let spans = try #require(requests.first).spans
      #expect(spans.map(\.serviceName) == ["checkout", "checkout", "checkout", "unknown"])
      #expect(spans[0].kind == .producer)
      #expect(spans[0].status == SpanStatus(code: .ok, message: "fine"))
      #expect(spans[0].statusCode == 0)
      #expect(spans[1].status == nil)
      #expect(spans[2].status == SpanStatus(code: .unset))
      #expect(spans[0].resource?.droppedAttributesCount == 2)
      #expect(spans[0].scope?.version == "1.2.3")
      #expect(spans[2].scope == nil)
      #expect(spans[0].tags[0].value == .array([.string("a"), .empty]))
      #expect(spans[0].tags[2].value == .bytes([0, 255, 7]))
    }

    private func anyValue(string: String) -> OTLPAnyValue {
      var value = OTLPAnyValue()
      value.stringValue = string
      return value
    }

    private func keyValue(_ key: String, string: String) -> OTLPKeyValue {
      kv(key, anyValue(string: string))
    }

    private func kv(_ key: String, _ value: OTLPAnyValue) -> OTLPKeyValue {
      var keyValue = OTLPKeyValue()
      keyValue.key = key
      keyValue.value = value
      return keyValue
    }
  }
}
