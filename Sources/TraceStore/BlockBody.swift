import Codecs

/// A block's body: its counts, a directory of its columns, then each column's stored bytes.
///
/// Each column is stored raw or as a zstd frame, whichever is smaller, or not at all when every
/// byte is 0; zstd's 4-byte frame magic is dropped, since the directory already says which it is,
/// and restored before decoding.
enum BlockBody {
  enum Codec: UInt8 {
    case raw = 0
    case zstd = 1
    /// Every byte 0, none stored: a column of defaults (no kind, no links) costs its directory entry.
    case zeros = 2
  }

  /// The most a column, and all columns of a block together, may hold decompressed; the encoder's
  /// block limits keep far below it, and a decoder refuses to allocate more for sizes read from a
  /// file.
  static let maxColumnBytes = 1 << 26
  static let maxBlockRawBytes = 1 << 28
  private static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

  /// The body bytes and, per column, the bytes it takes in them (directory entry included).
  ///
  /// Columns are compressed `threads` at a time: the writer's one encoding thread had twice the
  /// work of the thread reading the input, which waited for it, and zstd was a third of its work.
  static func encode(
    _ columns: BlockColumns, spanCount: Int, traceCount: Int, level: Int, threads: Int = 1
  ) throws -> (body: [UInt8], columnBytes: [ColumnID: Int]) {
    let sorted = columns.columns.sorted(by: { $0.key < $1.key })
    let stored = try ParallelMap.map(sorted, threads: threads) { id, raw in
      try store(id, raw, level: columnLevel(id, rawBytes: raw.count, level: level))
    }
    var head = ColumnBuffer()
    head.varint(spanCount)
    head.varint(traceCount)
    head.varint(stored.count)
    var columnBytes: [ColumnID: Int] = [:]
    for (id, codec, raw, bytes) in stored {
      let before = head.bytes.count
      head.byte(id.rawValue)
      head.byte(codec.rawValue)
      head.varint(raw)
      head.varint(bytes.count)
      columnBytes[id] = head.bytes.count - before + bytes.count
    }
    var body = head.bytes
    for column in stored { body.append(contentsOf: column.bytes) }
    return (body, columnBytes)
  }

  private static func store(
    _ id: ColumnID, _ raw: [UInt8], level: Int
  ) throws -> (ColumnID, Codec, raw: Int, bytes: [UInt8]) {
    if raw.allSatisfy({ $0 == 0 }) { return (id, .zeros, raw.count, []) }
    let frame = try ZstdFrame.compress(raw[...], level: level)
    if frame.count - zstdMagic.count < raw.count, frame.starts(with: zstdMagic) {
      return (id, .zstd, raw.count, Array(frame.dropFirst(zstdMagic.count)))
    }
    return (id, .raw, raw.count, raw)
  }

  /// Columns of at least this many bytes are compressed at `largeColumnLevel` at most.
  static let largeColumnBytes = 1 << 14
  /// Level 19's search costs time per byte: on the big columns of generated data it took most of
  /// encoding's time for 0.2% of the file; small columns keep the requested level.
  static let largeColumnLevel = 12

  /// ID bits are random, so a high level spends its time finding nothing; large columns are
  /// capped at `largeColumnLevel`.
  static func columnLevel(_ id: ColumnID, rawBytes: Int, level: Int) -> Int {
    if id.isMostlyRandom { return min(level, 3) }
    return rawBytes >= largeColumnBytes ? min(level, largeColumnLevel) : level
  }

  /// The columns and counts of a body, every column decompressed and its size checked.
  static func decode(_ body: [UInt8]) throws -> (columns: BlockColumns, spanCount: Int, traceCount: Int) {
    var head = ColumnReader(.traceOrder, body)
    let spanCount = try head.count(atMost: body.count)
    let traceCount = try head.count(atMost: spanCount)
    let columnCount = try head.count(atMost: ColumnID.all.count)
    var directory: [(ColumnID, Codec, raw: Int, stored: Int)] = []
    for _ in 0..<columnCount {
      let number = try head.byte(), codecNumber = try head.byte()
      guard let id = ColumnID(rawValue: number) else { throw BlockError("unknown column number \(number)") }
      guard let codec = Codec(rawValue: codecNumber) else {
        throw BlockError("column \(id.name): unknown codec \(codecNumber)")
      }
      guard directory.last.map({ $0.0 < id }) ?? true else {
        throw BlockError("column \(id.name) out of order in the directory")
      }
      directory.append((id, codec, try head.count(atMost: maxColumnBytes), try head.count(atMost: body.count)))
    }
    let rawTotal = directory.reduce(0) { $0 + $1.raw }
    guard rawTotal <= maxBlockRawBytes else {
      throw BlockError("columns of \(rawTotal) bytes in all, more than \(maxBlockRawBytes)")
    }
    var columns = BlockColumns()
    for (id, codec, raw, stored) in directory {
      guard stored <= head.remaining else {
        throw BlockError("column \(id.name): \(stored) bytes stored, \(head.remaining) left in the block")
      }
      let bytes = try head.raw(stored)
      switch codec {
      case .raw:
        guard raw == stored else { throw BlockError("column \(id.name): raw size \(raw) ≠ stored \(stored)") }
        columns.append(id, Array(bytes))
      case .zeros:
        guard stored == 0 else { throw BlockError("column \(id.name): \(stored) bytes stored for zeros") }
        columns.append(id, [UInt8](repeating: 0, count: raw))
      case .zstd:
        do {
          columns.append(id, try ZstdFrame.decompress((zstdMagic + bytes)[...], rawBytes: raw))
        } catch let error as CodecError {
          throw BlockError("column \(id.name): \(error.message)")
        }
      }
    }
    guard head.isAtEnd else { throw BlockError("\(head.remaining) bytes after the last column") }
    return (columns, spanCount, traceCount)
  }
}
