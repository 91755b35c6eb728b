/// An order-0 entropy that merges: the count of each symbol, named so shards agree on it, while
/// there are at most `exactSymbolLimit` distinct symbols; past that only the bits.
///
/// Merged counts give the entropy of the whole dataset exactly. Where a shard had too many
/// symbols to keep (tag values of a key with millions of values), the entropy is defined per
/// shard instead, each shard's own, summed; `summedOverShards` says so and the report says which
/// figures are. Within a file the blocks of tag value dictionaries are such shards
/// (`BlockEntropy`).
public struct EntropyTally: Sendable, Equatable, Codable {
  /// Symbols kept as counts, at most: the limit of `DistinctValues`, for the same size of JSON.
  public static let exactSymbolLimit = 1_024

  /// Σ −c·log2(c/n) over the symbols, in bits.
  public private(set) var bits: Double
  /// Count per symbol, while there are at most `exactSymbolLimit`.
  private var counts: [String: Int]?
  /// Whether `bits` is a sum of shards' own entropies rather than that of their merged counts.
  public private(set) var summedOverShards = false

  /// One shard's symbols; `name` is what identifies a symbol across shards (a service's name, not
  /// its index in this shard's dictionary).
  init<Symbol>(_ symbols: SymbolCounts<Symbol>, name: (Symbol) -> String) {
    bits = symbols.entropyBits
    if symbols.distinct <= Self.exactSymbolLimit {
      var named: [String: Int] = [:]
      for (symbol, count) in symbols.counts { named[name(symbol), default: 0] += count }
      counts = named
    }
  }

  /// An entropy known only as bits: blocks' own, summed (`BlockEntropy`) when `summedOverShards`.
  init(bits: Double, summedOverShards: Bool) {
    self.bits = bits
    self.summedOverShards = summedOverShards
  }

  /// Symbols whose own text identifies them (counts, bytes, deltas).
  init<Symbol: CustomStringConvertible>(_ symbols: SymbolCounts<Symbol>) {
    self.init(symbols) { $0.description }
  }

  mutating func merge(_ other: EntropyTally) {
    guard let mine = counts, let theirs = other.counts else {
      bits += other.bits
      counts = nil
      summedOverShards = true
      return
    }
    let merged = mine.merging(theirs, uniquingKeysWith: +)
    bits = SymbolCounts(counts: merged).entropyBits
    counts = merged.count <= Self.exactSymbolLimit ? merged : nil
    summedOverShards = summedOverShards || other.summedOverShards
  }
}
