/// The uncompressed columns of one block, by number.
///
/// An empty column is not stored at all; a decoder asked for a column the block lacks gets an empty
/// one, which is what the encoder had.
struct BlockColumns {
  private(set) var columns: [ColumnID: [UInt8]] = [:]

  mutating func append(_ id: ColumnID, _ bytes: [UInt8]) {
    if !bytes.isEmpty { columns[id] = bytes }
  }

  func reader(_ id: ColumnID) -> ColumnReader {
    ColumnReader(id, columns[id] ?? [])
  }

  func bits(_ id: ColumnID) -> BitReader {
    BitReader(id, columns[id] ?? [])
  }
}

/// A block that does not decode, and why; `TraceStoreError` adds the file, block and offset.
struct BlockError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }
}
