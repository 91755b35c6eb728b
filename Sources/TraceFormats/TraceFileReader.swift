import Foundation
import TraceJSON
import TraceModel

/// Reads a trace file of any supported format as normalized `Span`s, handed over one at a time.
///
/// The one entry point for real data: the analysis stages take spans and never learn which format
/// they came from. Readers stream where the format allows (jsonl, seed, OTLP one request per line)
/// and hold one trace's tree at a time otherwise (Zipkin, Jaeger: the file's bytes plus one array
/// element). A file either yields all its spans or throws a `FormatError`; spans handed over before
/// the error are from the part of the file before it.
public enum TraceFileReader {
  /// Reads `url` as `format`, or the detected format when `format` is nil, calling `onSpan` for
  /// each span in file order.
  ///
  /// `timeUnit` is the unit the user states for a jsonl or OTLP file (`--time-unit`); without it
  /// their times must read as nanoseconds by magnitude. Errors thrown by `onSpan` stop the read
  /// and are rethrown unchanged.
  public static func read(
    url: URL, format: TraceFormat? = nil, timeUnit: TimestampUnit? = nil,
    onSpan: (Span) throws -> Void
  ) throws -> ReadSummary {
    let source = SourceFile(url)
    let format =
      try format
      ?? TraceFormat.detect(
        prefix: source.prefix(TraceFormat.detectionPrefixBytes), file: source.name)
    let summary =
      switch format {
      case .jsonl: try JSONLReader.read(source, timeUnit: timeUnit, onSpan)
      case .seed: try SeedReader.read(source, onSpan)
      case .otlp: try OTLPReader.read(source, timeUnit: timeUnit, onSpan)
      case .otlpProto: try OTLPProtobufReader.read(source, onSpan)
      case .zipkin: try ZipkinReader.read(source, onSpan)
      case .jaeger: try JaegerReader.read(source, onSpan)
      }
    guard summary.documentCount > 0 else { throw source.emptyFileError }
    return summary
  }

  /// Reads every file of `inputs` in their order as one dataset; one summary per file.
  public static func read(
    inputs: TraceInputs, format: TraceFormat? = nil, timeUnit: TimestampUnit? = nil,
    onSpan: (Span) throws -> Void
  ) throws -> [ReadSummary] {
    try inputs.files.map { try read(url: $0, format: format, timeUnit: timeUnit, onSpan: onSpan) }
  }

  /// The detected format of the file at `url`, from its first bytes (decompressed if need be):
  /// for callers that treat formats differently, such as OTLP's requests.
  public static func format(of url: URL) throws -> TraceFormat {
    let source = SourceFile(url)
    return try TraceFormat.detect(prefix: source.prefix(TraceFormat.detectionPrefixBytes), file: source.name)
  }

  /// Reads the whole file into memory; for tests and small inputs.
  public static func readAll(
    url: URL, format: TraceFormat? = nil, timeUnit: TimestampUnit? = nil
  ) throws -> (spans: [Span], summary: ReadSummary) {
    var spans: [Span] = []
    let summary = try read(url: url, format: format, timeUnit: timeUnit) { spans.append($0) }
    return (spans, summary)
  }
}
