/// A trace-store file that does not decode, and where: the file, the block and the byte offset.
///
/// Reads "traces.tstore block 3 at byte 18,240: checksum mismatch (stored 0x1a2b3c4d, computed
/// 0x…)". Every corruption the reader finds is one of these; it never returns different spans.
public struct TraceStoreError: Error, CustomStringConvertible, Equatable {
  public var file: String
  /// 0-based number of the block in the file (counting across concatenated files), when the fault
  /// lies in one.
  public var block: Int?
  public var byteOffset: Int
  public var problem: String

  public init(file: String, block: Int? = nil, byteOffset: Int, problem: String) {
    self.file = file
    self.block = block
    self.byteOffset = byteOffset
    self.problem = problem
  }

  public var description: String {
    let place = block.map { "block \($0) at byte \(byteOffset)" } ?? "byte \(byteOffset)"
    return "\(file) \(place): \(problem)"
  }
}
