import Codecs

/// The records a trace-store file is made of, as docs/format.md specifies them.
///
/// A file is a header, block records, an index record and a trailer. Files concatenate: a reader
/// that meets a header after a trailer reads on, so `cat a.tstore b.tstore` is a valid file.
enum Container {
  /// "\x89TSTORE\n": the high byte stops a text tool taking the file for ASCII, the newline catches
  /// a transfer that rewrote line ends.
  static let magic: [UInt8] = [0x89, 0x54, 0x53, 0x54, 0x4F, 0x52, 0x45, 0x0A]
  /// 2 added the request structure (columns 34 and 35); a version 1 file is a version 2 file
  /// without them, so both are read.
  static let version: UInt16 = 2
  static let readableVersions: ClosedRange<UInt16> = 1...2
  static let headerBytes = magic.count + 2
  static let blockTag = UInt8(ascii: "B")
  static let indexTag = UInt8(ascii: "I")
  static let trailerMagic: [UInt8] = Array("TSND".utf8)
  /// Tag and length before a record's body, checksum after it.
  static let recordFramingBytes = 1 + 4 + 4
  static let trailerBytes = 8 + trailerMagic.count
  /// The largest record body a reader accepts; the writer's block limits keep far below it.
  static let maxRecordBytes = 1 << 28

  static var header: [UInt8] { magic + littleEndian(version, bytes: 2) }

  /// A record: tag, body length (u32 little-endian), body, CRC-32 of all that precedes it.
  static func record(tag: UInt8, body: [UInt8]) -> [UInt8] {
    var bytes = [tag] + littleEndian(UInt32(body.count)) + body
    bytes += littleEndian(CRC32.checksum(bytes[...]))
    return bytes
  }

  /// The index body: the block count, then each block's offset from the header and span count.
  static func index(blocks: [(offset: Int, spanCount: Int)]) -> [UInt8] {
    var body = ColumnBuffer()
    body.varint(blocks.count)
    for block in blocks {
      body.varint(block.offset)
      body.varint(block.spanCount)
    }
    return body.bytes
  }

  /// The trailer: where the index record starts, from the header (u64 little-endian), then "TSND".
  static func trailer(indexOffset: Int) -> [UInt8] {
    littleEndian(UInt64(indexOffset), bytes: 8) + trailerMagic
  }

  static func littleEndian<Value: FixedWidthInteger>(_ value: Value, bytes: Int = 4) -> [UInt8] {
    (0..<bytes).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
  }

  static func readLittleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
  }
}
