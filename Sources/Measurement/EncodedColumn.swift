import Codecs
import TraceModel

/// An encoded column, written span by span during the run and read back at its end: streamed
/// through zstd-19 for its size, then through `EncodedColumnReader` for its decode check.
///
/// Past `memoryBytes` the column moves to a `ScratchFile`: the columns of a million-trace run take
/// about 150 MB, which beside the zstd-19 context of the grouped stream would not fit the 256 MB the
/// harness aims to stay under. For the same reason a column is compressed and read back piece by
/// piece: a 48 MB column is never in memory whole. Small runs never leave memory.
struct EncodedColumn {
  static let memoryBytes = 1 << 20

  /// The bytes not yet moved to the file.
  private var tail: [UInt8] = []
  private var file: ScratchFile?

  /// Bytes appended so far.
  var count: Int { (file?.count ?? 0) + tail.count }

  mutating func append(varint value: UInt64) throws {
    Varint.append(value, to: &tail)
    try spillIfFull()
  }

  mutating func append(signedVarint value: Int64) throws {
    Varint.appendSigned(value, to: &tail)
    try spillIfFull()
  }

  mutating func append(contentsOf bytes: [UInt8]) throws {
    tail += bytes
    try spillIfFull()
  }

  /// `prefix` (dictionaries, say) followed by the whole column, in one buffer.
  func bytes(after prefix: [UInt8] = []) throws -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(prefix.count + count)
    bytes += prefix
    try file?.read(appendingTo: &bytes)
    bytes += tail
    return bytes
  }

  /// `prefix` followed by the whole column, read back a piece at a time.
  func reader(after prefix: [UInt8] = []) -> EncodedColumnReader { EncodedColumnReader(pieces(after: prefix)) }

  /// `prefix` followed by the whole column, in pieces of at most `EncodedColumnPieces.pieceBytes`.
  func pieces(after prefix: [UInt8] = []) -> EncodedColumnPieces {
    EncodedColumnPieces(prefix: prefix, file: file, tail: tail)
  }

  private mutating func spillIfFull() throws {
    guard tail.count >= Self.memoryBytes else { return }
    if file == nil { file = try ScratchFile() }
    try tail.withUnsafeBytes { try file!.append($0) }
    tail.removeAll(keepingCapacity: true)
  }

  /// zstd-19 of `bytes` through libzstd, verified by decompressing.
  static func zstdBytes(of bytes: [UInt8], level: Int) throws -> Int {
    try VerifiedCompression.compressedBytes(of: bytes, with: CodecSetting(.zstd, level: level))
  }

  /// zstd at `level` of `prefix` followed by the whole column, as `zstdBytes(of: bytes(after: prefix))`
  /// gives it, fed from where the column lies, a piece at a time.
  func zstdBytes(after prefix: [UInt8] = [], level: Int) throws -> Int {
    try Self.zstdBytes(ofParts: [pieces(after: prefix)], level: level)
  }

  /// zstd at `level` of `parts` one after another, fed a piece at a time.
  static func zstdBytes(ofParts parts: [EncodedColumnPieces], level: Int) throws -> Int {
    let run = try VerifiedCompression(CodecSetting(.zstd, level: level))
    // Every piece is fed, the first even when empty: libzstd takes a stream ended by its very
    // first call as one of known length, which would change the size.
    for var part in parts {
      while let piece = try part.next() { try piece.withUnsafeBytes { try run.feed($0) } }
    }
    return try run.finish()
  }
}
