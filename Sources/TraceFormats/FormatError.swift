import TraceJSON
import TraceModel

/// A trace file that cannot be read as the format it was taken for, and where it goes wrong.
///
/// The readers never stop early without one of these: a file either yields all its spans or throws,
/// so an analysis never runs on a silently truncated dataset. The description reads
/// "traces.jsonl line 17: invalid JSON: expected ',' or '}' after an object member, found 'x' at
/// column 212".
public struct FormatError: Error, CustomStringConvertible, Equatable {
  /// The file's name as the user knows it (its last path component).
  var file: String
  /// 1-based line of the fault, when it lies in one line.
  var line: Int?
  /// Byte offset of the fault from the start of the file, when it is known.
  var byteOffset: Int?
  var problem: String

  public init(file: String, line: Int? = nil, byteOffset: Int? = nil, problem: String) {
    self.file = file
    self.line = line
    self.byteOffset = byteOffset
    self.problem = problem
  }

  public var description: String {
    if let line { return "\(file) line \(line): \(problem)" }
    if let byteOffset { return "\(file) byte offset \(byteOffset): \(problem)" }
    return "\(file): \(problem)"
  }
}
