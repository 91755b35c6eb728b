import TraceJSON
import TraceModel

/// Reads our own span-per-line output (`SpanJSONWriter`), streaming, times taken as ns unless the
/// user gave another unit. Lines exactly as the writer writes them are read straight to spans
/// (`CanonicalSpanLine`); the rest go through `SeedSpanDecoder` (`LineFile`).
enum JSONLReader {
  static func read(
    _ source: SourceFile, timeUnit: TimestampUnit? = nil, _ onSpan: (Span) throws -> Void
  ) throws -> ReadSummary {
    try LineFile(source: source, format: .jsonl, timeUnit: timeUnit).read(onSpan)
  }
}

extension LineFile {
  /// Reads the file chunk by chunk on the calling thread, spans only.
  func read(_ onSpan: (Span) throws -> Void) throws -> ReadSummary {
    var summary = LineFileSummary(self)
    let lineCount = try forEachChunk { chunk in
      let taken = summary.accept(decode(chunk, writingLines: false))
      for line in taken.lines { try onSpan(line.span) }
      if let failure = taken.failure { throw failure }
    }
    return try summary.finish(lineCount: lineCount)
  }
}
