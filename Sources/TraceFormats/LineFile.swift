import Foundation
import TraceJSON
import TraceModel

/// A jsonl or seed file as chunks of whole lines that decode on their own, so that a caller with
/// threads (`Runner.FileSource`) can decode several at once and take them back in file order
/// (`LineFileSummary.accept`).
///
/// Each line of these formats is one record and decodes alone, but for two facts the reader
/// carries from line to line: whether a record came before (a first record that does not parse
/// says so if the file is another format), and for seed the unit its first span decided. A chunk
/// is decoded on the usual assumption (records came before unless it is the file's first chunk;
/// the seed unit is what its own first span gives), and `accept` checks that against the file so
/// far. Where it did not hold, the chunk is decoded again there, in order, with the file's state,
/// so spans, counts and errors are exactly those of reading the file line by line.
public struct LineFile: Sendable {
  let source: SourceFile
  let format: TraceFormat
  /// The unit the user stated for a jsonl file (`--time-unit`).
  let timeUnit: TimestampUnit?
  /// Bytes read per chunk; tests make it small to cut a file into many.
  var chunkBytes = Self.defaultChunkBytes

  /// 128 KiB: below glibc's mmap threshold (`Runner.AllocatorSettings`), so a chunk's buffers
  /// (its bytes, its lines, its spans) come from the heap and are reused, where megabyte chunks
  /// were mapped and faulted in afresh each time, a third of the reading time spent in the kernel.
  static let defaultChunkBytes = 128 << 10

  /// The file at `url` when it is `format`, or when `format` is nil and it is detected as jsonl or
  /// seed; nil for the other formats.
  public static func open(url: URL, format: TraceFormat?, timeUnit: TimestampUnit?) throws -> LineFile? {
    let source = SourceFile(url)
    let format =
      try format
      ?? TraceFormat.detect(prefix: source.prefix(TraceFormat.detectionPrefixBytes), file: source.name)
    guard format == .jsonl || format == .seed else { return nil }
    return LineFile(source: source, format: format, timeUnit: format == .jsonl ? timeUnit : nil)
  }

  /// Calls `body` with each chunk of whole lines in file order (about `chunkBytes`
  /// each); returns the number of lines.
  public func forEachChunk(_ body: (LineChunk) throws -> Void) throws -> Int {
    try source.forEachLineChunk(readBytes: chunkBytes, body)
  }

  /// Decodes `chunk` on the usual assumption; `writingLines` adds each span's harness JSONL line
  /// and its `StructureChecker` key, for the analysis.
  public func decode(_ chunk: LineChunk, writingLines: Bool = true) -> DecodedChunk {
    decode(chunk, recordsBefore: chunk.index > 0, unit: nil, writingLines: writingLines)
  }

  func decode(
    _ chunk: LineChunk, recordsBefore: Bool, unit: TimestampUnit?, writingLines: Bool
  ) -> DecodedChunk {
    var summary = ReadSummary(format: format, sourceTimestampUnit: timeUnit ?? .nanoseconds)
    var decoder = SeedSpanDecoder(detectsUnit: format == .seed, givenUnit: timeUnit, unit: unit)
    var lines = ChunkLines(writing: writingLines, bytes: chunk.bytes.count, lines: chunk.lineCount)
    var failure: FormatError?
    let readsCanonical = format == .jsonl && (timeUnit == nil || timeUnit == .nanoseconds)
    var strings = RecentStrings()
    do {
      try chunk.forEachLine { line, number, offset in
        if readsCanonical,
          case let (span, fieldBytes)? = CanonicalSpanLine.read(line, checksMagnitude: timeUnit == nil, strings: &strings)
        {
          summary.documentCount += 1
          summary.spanCount += 1
          lines.append(span, line: line, number: number, fieldBytes: fieldBytes)
          return
        }
        let value = try source.parseLineRecord(
          line, line: number, offset: offset, expecting: format,
          isFirst: !recordsBefore && summary.documentCount == 0)
        guard value[format == .jsonl ? "span_id" : "spans"] != nil else {
          throw source.mismatch(format, start: line, line: number, offset: offset)
        }
        summary.documentCount += 1
        summary.findings.note(.duplicateJSONKey, count: value.duplicateKeyCount, at: .init(line: number))
        let spans = try source.converting(line: number, offset: offset) {
          format == .jsonl
            ? [try decoder.span(from: value, summary: &summary)]
            : try SeedReader.spans(of: value, decoder: &decoder, summary: &summary)
        }
        for span in spans {
          summary.spanCount += 1
          lines.append(span, number: number)
        }
      }
    } catch let error as FormatError {
      failure = error
    } catch {
      // Decoding throws only FormatErrors (parse and field errors are placed in the file first).
      failure = source.error("\(error)")
    }
    lines.slice()
    return DecodedChunk(
      lines: lines.spanLines, keys: lines.keys, summary: summary, failure: failure,
      chunk: chunk, writingLines: writingLines, recordsBefore: recordsBefore, startUnit: unit,
      endUnit: decoder.unit)
  }
}

/// A chunk's spans as decoded, in order, with what the chunk added to the file's summary and the
/// error that ended it, if one did.
public struct DecodedChunk: Sendable {
  /// The spans, each with its harness JSONL line when they were decoded `writingLines`.
  public let lines: [SpanLine]
  /// Each span's `StructureChecker.key`, when decoded `writingLines`.
  public let keys: [StructureChecker.SpanKey]
  let summary: ReadSummary
  /// The fault that ended the chunk; the spans before it are in `lines`.
  public let failure: FormatError?
  let chunk: LineChunk
  let writingLines: Bool
  let recordsBefore: Bool
  /// The seed unit at the chunk's start and end; a start of nil means its first span decided it.
  let startUnit: TimestampUnit?
  let endUnit: TimestampUnit?
}

/// The file's summary as its chunks come back in order, and the check that each was decoded with
/// the file's state.
public struct LineFileSummary {
  let file: LineFile
  private var summary: ReadSummary
  private var unit: TimestampUnit?

  public init(_ file: LineFile) {
    self.file = file
    summary = ReadSummary(
      format: file.format, sourceTimestampUnit: file.format == .seed ? .microseconds : file.timeUnit ?? .nanoseconds)
  }

  /// Takes the next chunk in file order and returns it as the file has it: decoded again, here,
  /// if it was decoded on an assumption the file so far contradicts. Its spans come before its
  /// `failure`, which the caller throws once it has taken them.
  public mutating func accept(_ decoded: DecodedChunk) -> DecodedChunk {
    var decoded = decoded
    let recordsBefore = summary.documentCount > 0
    let unitHeld = decoded.startUnit != nil || unit == nil || decoded.endUnit == nil || decoded.endUnit == unit
    if decoded.recordsBefore != recordsBefore || !unitHeld {
      decoded = file.decode(
        decoded.chunk, recordsBefore: recordsBefore, unit: unit, writingLines: decoded.writingLines)
    }
    summary.add(decoded.summary)
    unit = decoded.endUnit ?? unit
    return decoded
  }

  /// The file's summary once every chunk is in; `lineCount` is what `LineFile.forEachChunk`
  /// returned. Throws for a file with no records.
  public mutating func finish(lineCount: Int) throws -> ReadSummary {
    summary.lineCount = lineCount
    if file.format == .seed { summary.sourceTimestampUnit = unit ?? .microseconds }
    guard summary.documentCount > 0 else { throw file.source.emptyFileError }
    return summary
  }
}

/// A chunk's spans and, when written, their JSONL lines in one buffer, which each line slices
/// once the chunk is done (a slice taken earlier would copy the buffer on the next append).
private struct ChunkLines {
  let writing: Bool
  private(set) var spanLines: [SpanLine] = []
  private(set) var keys: [StructureChecker.SpanKey] = []
  private var bytes: [UInt8] = []
  private var ends: [Int] = []

  /// `bytes` and `lines` are the chunk's: room reserved for as many spans as lines (a seed line
  /// holds several, a blank line none) saves growing the arrays ten times a chunk.
  init(writing: Bool, bytes byteCount: Int, lines lineCount: Int) {
    self.writing = writing
    spanLines.reserveCapacity(lineCount)
    guard writing else { return }
    bytes.reserveCapacity(byteCount + byteCount / 8)
    keys.reserveCapacity(lineCount)
    ends.reserveCapacity(lineCount)
  }

  /// A span read from a line that is its own re-write. The spans are taken, not copied: a copy
  /// retains, and its original then releases, each of a span's strings and arrays.
  /// `number`: the line's, where the structure check places what it finds.
  mutating func append(
    _ span: consuming Span, line: UnsafeBufferPointer<UInt8>, number: Int, fieldBytes: FieldBytes
  ) {
    if writing {
      bytes.append(contentsOf: line)
      bytes.append(0x0A)
    }
    finish(span, number, fieldBytes)
  }

  mutating func append(_ span: consuming Span, number: Int) {
    let fields = writing ? SpanJSONWriter.write(span, into: &bytes) : FieldBytes()
    finish(span, number, fields)
  }

  private mutating func finish(_ span: consuming Span, _ number: Int, _ fields: FieldBytes) {
    if writing {
      ends.append(bytes.count)
      keys.append(StructureChecker.key(span, line: number))
    }
    spanLines.append(SpanLine(span: span, bytes: [], fieldBytes: fields))
  }

  /// Gives each line its bytes.
  mutating func slice() {
    guard writing else { return }
    var start = 0
    for index in spanLines.indices {
      spanLines[index].bytes = bytes[start..<ends[index]]
      start = ends[index]
    }
  }
}
