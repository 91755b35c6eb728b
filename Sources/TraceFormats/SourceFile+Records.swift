import TraceJSON
import TraceModel

/// Parsing and converting the JSON records of a file, with errors placed in the file.
extension SourceFile {
  /// Parses a line (or a record of lines) that holds exactly one JSON value.
  func parseRecord(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, offset: Int) throws -> JSONValue
  {
    do {
      return try JSONParser.parseDocument(bytes)
    } catch let error as JSONSyntaxError {
      throw self.error(error, in: bytes, line: line, offset: offset)
    }
  }

  /// Reads the whole file and runs `body` with a parser at its first value, past a byte-order mark
  /// and whitespace; parse errors become `FormatError`s placed in the file. Returns the number of
  /// lines. For the formats that are one JSON document (Zipkin, Jaeger).
  func withDocument(
    _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ parser: inout JSONParser) throws -> Void
  ) throws -> Int {
    let bytes = try readAll()
    try bytes.withUnsafeBufferPointer { all in
      var parser = JSONParser(all)
      parser.position = Self.byteOrderMarkLength(all)
      parser.skipWhitespace()
      guard parser.position < all.count else { throw emptyFileError }
      do {
        try body(all, &parser)
        try parser.expectEnd()
      } catch let error as JSONSyntaxError {
        throw self.error(error, in: all, line: 1, offset: 0)
      }
    }
    return Self.lineCount(bytes)
  }

  /// Runs the conversion of the value at `start` of `record` (by default the whole file), placing
  /// its `FieldError`s at the line where the value begins.
  func converting<T>(
    valueAt start: Int, in record: UnsafeBufferPointer<UInt8>, line: Int = 1, recordOffset: Int = 0,
    _ body: () throws -> T
  ) throws -> T {
    do {
      return try body()
    } catch let error as FieldError {
      throw self.error(error, at: start, in: record, line: line, recordOffset: recordOffset)
    }
  }

  /// Runs a conversion of the record at `line`, placing its `FieldError`s on that line.
  func converting<T>(line: Int, offset: Int, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as FieldError {
      throw self.error(line: line, byteOffset: offset, error.message)
    }
  }

  /// The error for a file that is not `format`: "expected a Zipkin v2 span array, found an object
  /// with resourceSpans (it looks like otlp)".
  ///
  /// `start` is the beginning of the offending record; the hint comes from running detection on it.
  func mismatch(
    _ format: TraceFormat, start: UnsafeBufferPointer<UInt8>, line: Int? = nil, offset: Int? = nil
  ) -> FormatError {
    let prefix = [UInt8](start.prefix(TraceFormat.detectionPrefixBytes))
    var problem = "expected \(format.expectedShape), found \(JSONSniff(prefix).description)"
    if let other = try? TraceFormat.detect(prefix: prefix), other != format {
      problem += " (it looks like \(other.rawValue))"
    }
    return error(line: line, byteOffset: offset, problem)
  }

  /// Parses the record of a line format; when the file's first record does not parse, says so if
  /// the file is another format (a pretty-printed Zipkin file read as jsonl fails on its `[`).
  func parseLineRecord(
    _ bytes: UnsafeBufferPointer<UInt8>, line: Int, offset: Int, expecting format: TraceFormat,
    isFirst: Bool
  ) throws -> JSONValue {
    do {
      return try parseRecord(bytes, line: line, offset: offset)
    } catch let error as FormatError where isFirst {
      guard let prefix = try? self.prefix(TraceFormat.detectionPrefixBytes),
        let other = try? TraceFormat.detect(prefix: prefix), other != format
      else { throw error }
      throw prefix.withUnsafeBufferPointer { mismatch(format, start: $0) }
    }
  }

  /// The error for a file with nothing but whitespace.
  var emptyFileError: FormatError {
    error("the file is empty: no JSON to read")
  }
}
