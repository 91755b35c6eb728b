import TraceModel

/// The value dictionaries of every tag key, one set per block, as a trace store keeps them (a
/// Parquet row group's dictionary pages, the trace-store file's blocks): memory bounded by a
/// block's values, whatever the file's size.
///
/// One dictionary per key for a whole file grew with it: a key with a value per trace (`user.id`,
/// `http.url`) held 420,000 values at a million generated traces, 10 MB of the peak of analyzing
/// 1.26 GB (heaptrack) and about 100 MB more at ten times that, with its value counts beside it.
/// Each block's dictionaries are written out when it ends, and what the report tells of the file
/// goes on without them: distinct values per key (`DistinctValues.Builder`: exact up to 1,024,
/// then a HyperLogLog estimate, labelled as one) and the entropy of values given their key
/// (`BlockEntropy`: the file's own while a key has at most 1,024 values, else each block's own,
/// summed, and labelled so).
///
/// Written: per block, a varint count of keys, then each key's dictionary (`ValueDictionary`).
struct BlockValueDictionaries {
  /// The current block's dictionary and value counts per key.
  private var dictionaries: [ValueDictionary] = []
  private var counts: [IndexCounts] = []
  /// Ended blocks' dictionaries, as written.
  private(set) var written = EncodedColumn()
  private(set) var blocks = 0
  private var distinct: [DistinctValues.Builder] = []
  private var entropy: [BlockEntropy] = []

  /// The index of `value` in `key`'s dictionary of this block, and its identity.
  mutating func index(of value: TagValue, key: Int) throws -> (index: Int, identity: UInt64) {
    while key >= dictionaries.count {
      dictionaries.append(ValueDictionary())
      counts.append(IndexCounts())
      distinct.append(DistinctValues.Builder())
      entropy.append(BlockEntropy())
    }
    let index = try dictionaries[key].index(of: value)
    counts[key].add(index)
    return (index, dictionaries[key].identities[index])
  }

  /// Writes the block's dictionaries of the first `keyCount` keys, takes in what the file's
  /// figures need of them, and starts the next block empty.
  mutating func endBlock(keyCount: Int) throws {
    try written.append(varint: UInt64(keyCount))
    for key in 0..<keyCount {
      guard key < dictionaries.count else {
        try written.append(varint: 0)
        continue
      }
      var pieces = dictionaries[key].pieces
      while let piece = try pieces.next() { try written.append(contentsOf: piece) }
      let identities = dictionaries[key].identities
      for identity in identities { distinct[key].add(DistinctValues.identity(hash: identity)) }
      entropy[key].add(counts[key], identities: identities)
      dictionaries[key] = ValueDictionary()
      counts[key] = IndexCounts()
    }
    blocks += 1
  }

  /// `key`'s distinct values in the ended blocks: exact with one block, or with at most 1,024.
  func distinctValues(key: Int) -> DistinctValues {
    guard key < distinct.count else { return DistinctValues([]) }
    return distinct[key].finish(count: blocks == 1 ? entropy[key].singleBlockDistinct : nil)
  }

  /// The entropy of `key`'s values in the ended blocks.
  func entropyTally(key: Int) -> EntropyTally {
    guard key < entropy.count else { return EntropyTally(SymbolCounts<Int>()) }
    return entropy[key].tally
  }

  /// Reads one block's dictionaries back: the identities of each key's entries.
  static func decodeBlock(from reader: inout EncodedColumnReader) throws -> [[UInt64]]? {
    guard let keyCount = try reader.varint() else { return nil }
    var block: [[UInt64]] = []
    for _ in 0..<keyCount {
      guard let identities = try ValueDictionary.decodeIdentities(from: &reader) else { return nil }
      block.append(identities)
    }
    return block
  }
}

/// The order-0 entropy of one key's values over blocks: exact over the file while the values seen
/// are at most `EntropyTally.exactSymbolLimit`, by their identities; past that, each block's own,
/// summed.
struct BlockEntropy {
  private var counts: [UInt64: Int]? = [:]
  private var blockBits = 0.0
  private var blocks = 0
  /// The values of the one block, when there was one.
  private(set) var singleBlockDistinct = 0

  mutating func add(_ block: IndexCounts, identities: [UInt64]) {
    let symbols = block.symbols
    blockBits += symbols.entropyBits
    blocks += 1
    singleBlockDistinct = identities.count
    guard counts != nil else { return }
    for (index, count) in block.counts.enumerated() where count > 0 { counts![identities[index], default: 0] += count }
    if counts!.count > EntropyTally.exactSymbolLimit { counts = nil }
  }

  var tally: EntropyTally {
    guard let counts else { return EntropyTally(bits: blockBits, summedOverShards: blocks > 1) }
    return EntropyTally(SymbolCounts(counts: counts)) { DistinctValues.identity(hash: $0) }
  }
}
