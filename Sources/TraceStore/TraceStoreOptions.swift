/// How a `TraceStoreWriter` cuts blocks and compresses them.
public struct TraceStoreOptions: Sendable, Equatable {
  /// A block closes at this many spans…
  public var maxSpansPerBlock: Int
  /// …or once its spans' estimated size in the model reaches this, whichever comes first: this is
  /// what bounds the memory of encoding and decoding, whatever the input's size.
  public var maxInputBytesPerBlock: Int
  /// The zstd level of every column.
  public var zstdLevel: Int
  /// Blocks encoded at the same time, one per core.
  public var threads: Int

  public init(
    maxSpansPerBlock: Int = 65_536, maxInputBytesPerBlock: Int = 16 << 20, zstdLevel: Int = 19,
    threads: Int = 2
  ) {
    self.maxSpansPerBlock = max(1, maxSpansPerBlock)
    self.maxInputBytesPerBlock = max(1, maxInputBytesPerBlock)
    self.zstdLevel = zstdLevel
    self.threads = max(1, threads)
  }
}

/// What a `TraceStoreWriter` wrote: sizes and the bytes of each column, summed over blocks.
public struct TraceStoreSummary: Sendable, Equatable {
  public var fileBytes = 0
  public var spanCount = 0
  public var blockCount = 0
  /// Stored bytes per column (its directory entry included), in column order; columns no block
  /// stored are absent.
  public var columnBytes: [ColumnBytes] = []
  /// Header, record tags, lengths and checksums, block counts, index and trailer: with
  /// `columnBytes` these add up to `fileBytes`.
  public var framingBytes = 0
}

/// One column's share of a file.
public struct ColumnBytes: Sendable, Equatable {
  public var column: ColumnID
  public var storedBytes: Int

  public var name: String { column.name }
}
