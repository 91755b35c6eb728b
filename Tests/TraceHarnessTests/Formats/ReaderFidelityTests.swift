import Foundation
import Testing

@testable import TraceFormats
@testable import TraceModel

extension Formats {
  /// What the Zipkin and Jaeger readers map into the OTLP fields of the model, on the fixtures.
  @Suite struct ReaderFidelityTests {
    static func fixture(_ name: String) -> URL {
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/\(name)")
    }

    @Test func zipkinKindAndLocalEndpointBecomeKindAndResource() throws {
      let spans = try TraceFileReader.readAll(url: Self.fixture("zipkin-traces.json")).spans
      #expect(spans[0].kind == .server)
      #expect(spans[1].kind == .client)
      #expect(
        spans[0].resource
          == Resource(attributes: [
            Tag("service.name", .string("frontend")), Tag("net.host.ip", .string("192.168.99.1")),
            Tag("net.host.port", .int(8080)),
          ]))
      #expect(spans[3].resource == nil)  // no localEndpoint: service "unknown"
    }

    @Test func zipkinDebugAndSharedAreCountedAsDropped() throws {
      let file = #"[{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c","timestamp":1,"duration":2,"#
        + #""localEndpoint":{"serviceName":"a"},"shared":true},"#
        + #"{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496d","timestamp":1,"duration":2,"#
        + #""localEndpoint":{"serviceName":"a"},"debug":true,"remoteEndpoint":{"serviceName":"b"},"#
        + #""tags":{"peer.service":"c"}}]"#
      let summary = try RealSample.withFile("flags.json", Array(file.utf8)) { url in
        try TraceFileReader.read(url: url) { _ in }
      }
      #expect(summary.normalizations == [.zipkinSharedOrDebugDropped: 2, .zipkinRemoteEndpointTagKept: 1])
    }

    @Test func aZipkinEndpointWithBothAddressesKeepsIPv4AndCountsIPv6AsDropped() throws {
      let file = #"[{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c","timestamp":1,"duration":2,"#
        + #""localEndpoint":{"serviceName":"a","ipv4":"10.0.0.1","ipv6":"::1"},"#
        + #""remoteEndpoint":{"ipv6":"fe80::2"}}]"#
      let (spans, summary) = try RealSample.withFile("addresses.json", Array(file.utf8)) {
        try TraceFileReader.readAll(url: $0)
      }
      let span = try #require(spans.first)
      #expect(span.resource?.attributes.contains(Tag("net.host.ip", .string("10.0.0.1"))) == true)
      #expect(span.tags.contains(Tag("net.peer.ip", .string("fe80::2"))))
      #expect(summary.normalizations == [.zipkinIPv6Dropped: 1])
    }

    @Test func zipkinAndJaegerKeysTheirFormatDoesNotDefineAreCountedPerObject() throws {
      let zipkin = #"[{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c","timestamp":1,"duration":2,"#
        + #""localEndpoint":{"serviceName":"a","zone":"eu"},"annotations":[{"timestamp":1,"value":"x","#
        + #""extra":0}],"vendorField":true}]"#
      let jaeger = #"{"data":[{"traceID":"aa","spans":[{"traceID":"aa","spanID":"b1","#
        + #""operationName":"op","startTime":1,"duration":2,"processID":"p1","hostname":"h"}],"#
        + #""processes":{"p1":{"serviceName":"svc","tags":[]}},"vendor":1}]}"#
      for (name, file) in [("extra.json", zipkin), ("extra-jaeger.json", jaeger)] {
        let summary = try RealSample.withFile(name, Array(file.utf8)) { url in
          try TraceFileReader.read(url: url) { _ in }
        }
        // Zipkin: the span, its endpoint and its annotation; Jaeger: the span and the trace.
        #expect(summary.normalizations[.unknownKeysIgnored] == (name == "extra.json" ? 3 : 2))
      }
    }

    @Test func jaegerProcessTagsBecomeTheResource() throws {
      let first = try #require(
        try TraceFileReader.readAll(url: Self.fixture("jaeger-traces.json")).spans.first)
      #expect(
        first.resource
          == Resource(attributes: [
            Tag("service.name", .string(first.serviceName)), Tag("hostname", .string("host-1")),
          ]))
      #expect(first.flags == 1)
    }

    @Test func jaegerReferencesBeyondTheParentBecomeLinksAndWarningsAreCounted() throws {
      let file = #"{"data":[{"traceID":"aa","spans":[{"traceID":"aa","spanID":"b1","#
        + #""operationName":"op","startTime":1,"duration":2,"processID":"p1","flags":3,"#
        + #""warnings":["clock skew"],"tags":[{"key":"span.kind","type":"string","value":"client"}],"#
        + #""references":[{"refType":"FOLLOWS_FROM","traceID":"cc","spanID":"d1"},"#
        + #"{"refType":"CHILD_OF","traceID":"aa","spanID":"a1"}]}],"#
        + #""processes":{"p1":{"serviceName":"svc","tags":[]}}}]}"#
      let (spans, summary) = try RealSample.withFile("links.json", Array(file.utf8)) {
        try TraceFileReader.readAll(url: $0)
      }
      let span = try #require(spans.first)
      #expect(span.parentSpanID == "a1")
      var link = SpanLink(traceID: "cc", spanID: "d1")
      link.attributes = [Tag("opentracing.ref_type", .string("follows_from"))]
      #expect(span.links == [link])
      #expect(span.flags == 3)
      #expect(span.kind == .client)
      #expect(summary.normalizations == [.jaegerWarningsDropped: 1])
    }

    @Test func jaegerSpansConvertToOTLPProtobufAndBack() throws {
      var out: [UInt8] = []
      let result = try TraceConverter.convert(
        Self.fixture("jaeger-traces.json"), format: nil, to: .otlpProto
      ) { out += $0 }
      let (spans, summary) = try RealSample.withFile("jaeger.pb", out) {
        try TraceFileReader.readAll(url: $0)
      }
      let original = try TraceFileReader.readAll(url: Self.fixture("jaeger-traces.json")).spans
      #expect(summary.spanCount == result.spanCount)
      #expect(Set(spans.map(\.operationName)) == Set(original.map(\.operationName)))
      #expect(
        spans.map(\.resource).filter { $0 != nil }.count == original.count)
    }

    @Test func convertingOTLPToJSONLSaysWhatJSONLDrops() throws {
      var out: [UInt8] = []
      let part = try RealSample.records(RealSample.prefix(resourceSpans: 20), groupsPerRecord: 20)
      let result = try RealSample.withFile("part.pb", part) { url in
        try TraceConverter.convert(url, format: nil, to: .jsonl) { out += $0 }
      }
      let spanCount = RealSample.prefix(resourceSpans: 20).resourceSpans
        .flatMap(\.scopeSpans).reduce(0) { $0 + $1.spans.count }
      #expect(result.spanCount == spanCount)
      #expect(result.dropped.counts[.kind] == spanCount)
      #expect(result.dropped.counts[.scope] == spanCount)
      #expect(result.dropped.counts[.resourceAttributes] == spanCount)
      let back = try RealSample.withFile("part.jsonl", out) { try TraceFileReader.readAll(url: $0) }
      #expect(back.summary.format == .jsonl)
      #expect(back.spans.count == spanCount)
    }
  }
}
