import Codecs
import TraceModel

/// Order-0 (memoryless) entropy: the fewest bits any coder that sees symbols one at a time, with
/// no context, could spend on a stream — the bound each encoded column is set against.
///
/// Small non-negative integer symbols (indices, counts, bytes, most deltas) are counted in an
/// array, the rest hashed: counting every symbol in a dictionary was a hash and a probe per tag,
/// count and byte of every span.
struct SymbolCounts<Symbol: Hashable> {
  private var sparse: [Symbol: Int] = [:]
  private var dense: [Int] = []
  public private(set) var total = 0

  /// Symbols from 0 up to this are counted in `dense`.
  private static var denseLimit: Int { 4_096 }

  public init() {}

  /// Counts already taken, merged from shards.
  init(counts: [Symbol: Int]) {
    for (symbol, count) in counts where count > 0 { add(symbol, count: count) }
  }

  /// Each symbol's count; symbols never counted are absent.
  public var counts: [Symbol: Int] {
    var all = sparse
    for (index, count) in dense.enumerated() where count > 0 { all[Self.symbol(index)] = count }
    return all
  }

  mutating func add(_ symbol: Symbol) { add(symbol, count: 1) }

  private mutating func add(_ symbol: Symbol, count: Int) {
    total += count
    if let index = Self.denseIndex(symbol) {
      if index >= dense.count { dense.append(contentsOf: repeatElement(0, count: index + 1 - dense.count)) }
      dense[index] += count
    } else {
      sparse[symbol, default: 0] += count
    }
  }

  var distinct: Int { sparse.count + dense.lazy.filter { $0 > 0 }.count }

  /// The array position of a small integer symbol, nil for any other. The type tests fold away
  /// where the symbol type is known.
  @inline(__always) private static func denseIndex(_ symbol: Symbol) -> Int? {
    if Symbol.self == Int.self {
      let value = unsafeBitCast(symbol, to: Int.self)
      return value >= 0 && value < denseLimit ? value : nil
    }
    if Symbol.self == UInt64.self {
      let value = unsafeBitCast(symbol, to: UInt64.self)
      return value < UInt64(denseLimit) ? Int(value) : nil
    }
    if Symbol.self == UInt8.self { return Int(unsafeBitCast(symbol, to: UInt8.self)) }
    return nil
  }

  /// The symbol at array position `index` (one `denseIndex` gave).
  private static func symbol(_ index: Int) -> Symbol {
    if Symbol.self == Int.self { return unsafeBitCast(index, to: Symbol.self) }
    if Symbol.self == UInt64.self { return unsafeBitCast(UInt64(index), to: Symbol.self) }
    return unsafeBitCast(UInt8(index), to: Symbol.self)
  }

  /// Σ −c·log2(c/n) over the symbols, in bits.
  var entropyBits: Double {
    guard total > 0 else { return 0 }
    let n = Double(total)
    // Summed in a fixed order so the figure is identical on every run.
    return (Array(sparse.values) + dense.filter { $0 > 0 }).sorted().reduce(0) { bits, count in
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
