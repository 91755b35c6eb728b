import TraceFormats
import TraceJSON
import TraceModel

/// Distributions drawn with IEEE-exact arithmetic only.
///
/// Only +, −, ×, ÷ and comparisons are used (no `log`, `exp` or `cos` from libm, whose last bit
/// differs between platforms), so a seed yields the same bytes everywhere.
extension SplitMix64 {
  /// Uniform in [0, 1), with 53 random bits.
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// Uniform in [lower, upper).
  mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
    lower + (upper - lower) * unit()
  }

  /// Uniform integer in 0..<count, by the multiply-high method (no modulo bias worth naming).
  mutating func index(below count: Int) -> Int {
    precondition(count > 0)
    return Int(next().multipliedFullWidth(by: UInt64(count)).high)
  }

  /// True with the given probability.
  mutating func chance(_ probability: Double) -> Bool {
    unit() < probability
  }

  /// Standard normal by Irwin–Hall: the sum of 12 uniforms minus 6 (variance 1, tails cut at ±6).
  mutating func standardNormal() -> Double {
    var sum = 0.0
    for _ in 0..<12 { sum += unit() }
    return sum - 6
  }

  /// Exponential with the given mean, by inversion with `PortableMath.log`.
  mutating func exponential(mean: Double) -> Double {
    -mean * PortableMath.log(1 - unit())
  }

  /// An index drawn with probability proportional to `weights`.
  mutating func weightedIndex(_ weights: [Double], total: Double) -> Int {
    var remaining = unit() * total
    for (index, weight) in weights.enumerated() {
      remaining -= weight
      if remaining < 0 { return index }
    }
    return weights.count - 1
  }
}
