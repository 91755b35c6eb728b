import Codecs
import TraceModel

/// Order-0 (memoryless) entropy: the fewest bits any coder that sees symbols one at a time, with
/// no context, could spend on a stream — the bound each encoded column is set against.
struct SymbolCounts<Symbol: Hashable> {
  public private(set) var counts: [Symbol: Int] = [:]
  public private(set) var total = 0

  public init() {}

  /// Counts already taken, merged from shards.
  init(counts: [Symbol: Int]) {
    self.counts = counts.filter { $0.value > 0 }
    total = self.counts.values.reduce(0, +)
  }

  mutating func add(_ symbol: Symbol) {
    counts[symbol, default: 0] += 1
    total += 1
  }

  var distinct: Int { counts.count }

  /// Σ −c·log2(c/n) over the symbols, in bits.
  var entropyBits: Double {
    guard total > 0 else { return 0 }
    let n = Double(total)
    // Summed in a fixed order so the figure is identical on every run.
    return counts.values.sorted().reduce(0) { bits, count in
      let c = Double(count)
      return bits - c * PortableMath.log(c / n) / PortableMath.ln2
    }
  }

  var entropyBytes: Int { Int((entropyBits / 8).rounded(.up)) }
}

extension SymbolCounts where Symbol == UInt8 {
  /// Counts every byte of `bytes`.
  mutating func add(bytes: [UInt8]) {
    for byte in bytes { add(byte) }
  }
}

/// Counts of dictionary indices, which are dense from 0: an array, where `SymbolCounts` would
/// hash each one. A tag key with a value per trace has hundreds of thousands of them, at 8 bytes
/// each here and about 24 in a dictionary.
struct IndexCounts {
  private(set) var counts: [Int] = []

  mutating func add(_ index: Int) {
    if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
    counts[index] += 1
  }

  /// The same counts as symbols, for their entropy and their merge state.
  var symbols: SymbolCounts<Int> {
    SymbolCounts(counts: Dictionary(uniqueKeysWithValues: counts.enumerated().map { ($0.offset, $0.element) }))
  }
}
