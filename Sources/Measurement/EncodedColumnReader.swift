import TraceModel

/// An encoded column read back from where it lies, a piece at a time, for its decode check.
///
/// The largest columns of a million-trace run take 25 to 50 MB each (tags and logs, timestamps,
/// trace records); loaded whole at the end of a run they lifted its peak from about 250 MB to 308.
/// Read through this, a check holds one piece of `pieceBytes` and whatever it decoded.
struct EncodedColumnReader {
  private var pieces: EncodedColumnPieces
  private var buffer: [UInt8] = []
  private var position = 0
  private var exhausted = false

  /// Reads `pieces`, in order, as one stream of bytes.
  init(_ pieces: EncodedColumnPieces) {
    self.pieces = pieces
  }

  /// Reads `bytes`, for a column that lies in memory.
  init(_ bytes: [UInt8]) {
    self.init(EncodedColumnPieces(bytes))
  }

  /// Whether every byte has been read.
  mutating func isAtEnd() throws -> Bool {
    try fill(atLeast: 1)
    return position == buffer.count
  }

  /// The next unsigned LEB128 varint; nil at the end or when the column ends inside one.
  mutating func varint() throws -> UInt64? {
    try fill(atLeast: Varint.maxBytes)
    return Varint.read(buffer, at: &position)
  }

  mutating func signedVarint() throws -> Int64? {
    try varint().map(Varint.unzigzag)
  }

  /// The next `count` bytes; nil when fewer are left.
  mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8>? {
    try fill(atLeast: count)
    guard count >= 0, buffer.count - position >= count else { return nil }
    defer { position += count }
    return buffer[position..<(position + count)]
  }

  /// Makes `count` bytes past `position` available, or all that are left.
  private mutating func fill(atLeast count: Int) throws {
    while buffer.count - position < count, !exhausted {
      guard let piece = try pieces.next() else {
        exhausted = true
        return
      }
      buffer.removeFirst(position)
      position = 0
      buffer += piece
    }
  }
}

/// A column's bytes as they lie: a prefix in memory, the part moved to a scratch file, then the
/// tail still in memory; the file's part read `pieceBytes` at a time.
struct EncodedColumnPieces {
  static let pieceBytes = 1 << 20

  private var prefix: [UInt8]?
  private let file: ScratchFile?
  private var fileOffset = 0
  private var tail: [UInt8]?

  init(prefix: [UInt8], file: ScratchFile?, tail: [UInt8]) {
    self.prefix = prefix
    self.file = file
    self.tail = tail
  }

  /// Bytes in memory, as one piece.
  init(_ bytes: [UInt8]) {
    self.init(prefix: bytes, file: nil, tail: [])
  }

  /// The next piece, or nil past the last.
  mutating func next() throws -> [UInt8]? {
    if let piece = prefix {
      prefix = nil
      return piece
    }
    if let file, fileOffset < file.count {
      let count = min(Self.pieceBytes, file.count - fileOffset)
      let piece = try file.piece(at: fileOffset, count: count)
      fileOffset += count
      return piece
    }
    defer { tail = nil }
    return tail
  }
}
