import Foundation
import TraceModel

/// Reads a trace-store file back as spans, block by block, each block's spans in input order.
///
/// Checks every record's CRC-32 before decoding it and every segment's index against the blocks
/// read, so a corrupt or truncated file throws a `TraceStoreError` naming the block; spans handed
/// over before the error come from intact blocks before it. Blocks are decoded `threads` at a time
/// and handed over in file order.
public enum TraceStoreReader {
  /// What a read found.
  public struct Summary: Sendable, Equatable {
    public var spanCount = 0
    public var blockCount = 0
    /// Files in the input: more than one when files were concatenated.
    public var segmentCount = 0
  }

  /// Reads the file at `url`, calling `onBlock` with each block's spans in order.
  @discardableResult
  public static func read(url: URL, threads: Int = 2, onBlock: ([Span]) throws -> Void) throws -> Summary {
    try read(RecordInput(url: url), threads: threads, onBlock: onBlock)
  }

  /// Reads a file held in memory; `name` is what errors call it.
  @discardableResult
  public static func read(
    bytes: [UInt8], name: String, threads: Int = 2, onBlock: ([Span]) throws -> Void
  ) throws -> Summary {
    try read(RecordInput(bytes: bytes, name: name), threads: threads, onBlock: onBlock)
  }

  /// The spans of one block record, cut out of a file by itself: a block needs nothing else.
  public static func decodeBlock(record: [UInt8], name: String = "block") throws -> [Span] {
    let input = RecordInput(bytes: record, name: name)
    guard let (tag, body) = try SegmentReader.record(input, block: 0), tag == Container.blockTag,
      input.remaining == 0
    else { throw input.error("not a single block record", block: 0, at: 0) }
    return try SegmentReader.decode(body, block: 0, offset: 0, name: name)
  }

  static func read(_ input: RecordInput, threads: Int, onBlock: ([Span]) throws -> Void) throws -> Summary {
    guard input.totalBytes > 0 else { throw input.error("empty file") }
    var reader = SegmentReader(input: input, threads: max(1, threads))
    while input.remaining > 0 { try reader.segment(onBlock: onBlock) }
    return reader.summary
  }
}
