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
    let source = SourceFile(url)
    let format =
      try format
      ?? TraceFormat.detect(
        prefix: source.prefix(TraceFormat.detectionPrefixBytes), file: source.name)
    let summary: ReadSummary
    switch format {
    case .otlp: summary = try OTLPReader.read(source, onRequest: onRequest)
    case .otlpProto: summary = try OTLPProtobufReader.read(source, onRequest: onRequest)
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
