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
