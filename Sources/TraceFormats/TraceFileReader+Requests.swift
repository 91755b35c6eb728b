import Foundation
import TraceModel

extension TraceFileReader {
  /// Reads `url` as OTLP-style requests, calling `onRequest` for each in file order.
  ///
  /// OTLP files (JSON or protobuf) give their own requests, grouping and all, which is what makes
  /// OTLP → model → OTLP exact. Other formats give their spans in requests of `spansPerRequest`,
  /// grouped by `TraceRequest(grouping:)` with `defaultScope` for spans that have none.
  public static func readRequests(
    url: URL, format: TraceFormat? = nil,
    spansPerRequest: Int = OTLPJSONWriter.defaultSpansPerRequest,
    defaultScope: InstrumentationScope? = InstrumentationScope(name: OTLPJSONWriter.scopeName),
    onRequest: (TraceRequest) throws -> Void
  ) throws -> ReadSummary {
    try readRequests(
      url: url, format: format, spansPerRequest: spansPerRequest, defaultScope: defaultScope,
      inParts: false
    ) { request, _ in try onRequest(request) }
  }

  /// `readRequests`, with each OTLP protobuf record handed over one resource group at a time:
  /// `onPart` gets a request of that one group, `continuesRequest` true for all but the record's
  /// first. What an encoder wants, so a record of a hundred thousand spans is never held as spans
  /// at once; the other formats' requests come whole, `continuesRequest` false.
  public static func readRequestParts(
    url: URL, onPart: (_ part: TraceRequest, _ continuesRequest: Bool) throws -> Void
  ) throws -> ReadSummary {
    try readRequests(
      url: url, format: nil, spansPerRequest: OTLPJSONWriter.defaultSpansPerRequest,
      defaultScope: InstrumentationScope(name: OTLPJSONWriter.scopeName), inParts: true, onPart: onPart)
  }

  /// The requests `readRequestParts` hands over, put back together: what `readRequests` gives when
  /// the two paths agree, which the tests and the fuzz target check.
  public static func requestsReadInParts(url: URL) throws -> (requests: [TraceRequest], summary: ReadSummary) {
    var requests: [TraceRequest] = []
    let summary = try readRequestParts(url: url) { part, continues in
      if continues {
        requests[requests.count - 1].resourceSpans += part.resourceSpans
      } else {
        requests.append(part)
      }
    }
    return (requests, summary)
  }

  private static func readRequests(
    url: URL, format: TraceFormat?, spansPerRequest: Int, defaultScope: InstrumentationScope?,
    inParts: Bool, onPart: (TraceRequest, Bool) throws -> Void
  ) throws -> ReadSummary {
    func onRequest(_ request: TraceRequest) throws { try onPart(request, false) }
    let source = SourceFile(url)
    let format =
      try format
      ?? TraceFormat.detect(
        prefix: source.prefix(TraceFormat.detectionPrefixBytes), file: source.name)
    let summary: ReadSummary
    switch format {
    case .otlp: summary = try OTLPReader.read(source, onRequest: onRequest)
    case .otlpProto: summary = try OTLPProtobufReader.read(source, inParts: inParts, onPart: onPart)
    default:
      var pending: [Span] = []
      let size = max(1, spansPerRequest)
      summary = try read(url: url, format: format) { span in
        pending.append(span)
        if pending.count == size {
          try onRequest(TraceRequest(grouping: pending, defaultScope: defaultScope))
          pending.removeAll(keepingCapacity: true)
        }
      }
      if !pending.isEmpty { try onRequest(TraceRequest(grouping: pending, defaultScope: defaultScope)) }
      return summary
    }
    guard summary.documentCount > 0 else { throw source.emptyFileError }
    return summary
  }
}
