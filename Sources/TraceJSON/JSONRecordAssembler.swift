/// Joins lines into records that each hold whole JSON values, so one reader takes both one value
/// per line and pretty-printed values spread over many lines.
///
/// The OpenTelemetry Collector's file exporter writes one request per line; `curl` examples and
/// hand-written fixtures are pretty-printed. A line that leaves brackets balanced is a record by
/// itself and is passed on without a copy; otherwise lines accumulate until they balance. Skipped
/// blank lines and line ends are put back as whitespace, so byte `i` of a record is byte
/// `offset + i` of the file and errors point at the right place.
package struct JSONRecordAssembler {
  package init() {}

  private var pending: [UInt8] = []
  private var pendingLine = 0
  private var pendingOffset = 0
  private var lastLine = 0
  private var depth = 0

  package typealias Record = (_ bytes: UnsafeBufferPointer<UInt8>, _ line: Int, _ offset: Int) throws ->
    Void

  /// Adds the line numbered `number` at file offset `offset`, calling `complete` for each record
  /// it finishes.
  package mutating func feed(
    _ line: UnsafeBufferPointer<UInt8>, number: Int, offset: Int, _ complete: Record
  ) throws {
    depth += Self.depthChange(line)
    if pending.isEmpty, depth <= 0 {
      depth = 0
      try complete(line, number, offset)
      return
    }
    if pending.isEmpty {
      pendingLine = number
      pendingOffset = offset
    } else {
      let newlines = number - lastLine
      let gap = offset - pendingOffset - pending.count
      pending.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, gap - newlines)))
      pending.append(contentsOf: repeatElement(0x0A, count: newlines))
    }
    lastLine = number
    pending.append(contentsOf: line)
    if depth <= 0 { try flush(complete) }
  }

  /// Passes on what is left at the end of the file, unbalanced or not: the parser then says what
  /// is missing.
  package mutating func finish(_ complete: Record) throws {
    if !pending.isEmpty { try flush(complete) }
  }

  private mutating func flush(_ complete: Record) throws {
    depth = 0
    defer { pending.removeAll(keepingCapacity: true) }
    try pending.withUnsafeBufferPointer { try complete($0, pendingLine, pendingOffset) }
  }

  /// Opening minus closing brackets outside strings. A string cannot span lines in JSON, so the
  /// string state starts afresh on each line.
  private static func depthChange(_ line: UnsafeBufferPointer<UInt8>) -> Int {
    var change = 0
    var tokens = JSONTokens(line)
    while let token = tokens.next() {
      switch token {
      case .open: change += 1
      case .close: change -= 1
      case .colon, .string: break
      }
    }
    return change
  }
}
