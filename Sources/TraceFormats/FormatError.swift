import TraceJSON
import TraceModel

/// A trace file that cannot be read as the format it was taken for, and where it goes wrong.
///
/// The readers never stop early without one of these: a file either yields all its spans or throws,
/// so an analysis never runs on a silently truncated dataset. The description reads
/// "traces.jsonl line 17: invalid JSON: expected ',' or '}' after an object member, found 'x' at
/// column 212".
public struct FormatError: Error, Sendable, CustomStringConvertible, Equatable {
  /// The file's name as the user knows it (its last path component).
  var file: String
  /// 1-based line of the fault, when it lies in one line.
  var line: Int?
  /// Byte offset of the fault from the start of the file, when it is known.
  public var byteOffset: Int?
  /// 1-based record of a binary format (an OTLP protobuf message), as `line` is for text; the
  /// byte offset is then where the record starts, its length prefix included.
  public var record: Int?
  public var problem: String

  public init(
    file: String, line: Int? = nil, byteOffset: Int? = nil, record: Int? = nil, problem: String
  ) {
    self.file = file
    self.line = line
    self.byteOffset = byteOffset
    self.record = record
    self.problem = problem
  }

  public var description: String {
    if let record {
      return "\(file) record \(record)" + (byteOffset.map { " at byte offset \($0)" } ?? "")
        + ": \(problem)"
    }
    if let line { return "\(file) line \(line): \(problem)" }
    if let byteOffset { return "\(file) byte offset \(byteOffset): \(problem)" }
    return "\(file): \(problem)"
  }
}
