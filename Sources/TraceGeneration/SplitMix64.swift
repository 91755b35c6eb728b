import TraceFormats
import TraceJSON
import TraceModel

/// The seeded generator behind every random choice of the harness.
///
/// SplitMix64 (Steele, Lea, Flood 2014) is fixed here rather than taken from the standard library so
/// the same seed gives the same stream on every platform and Swift version. `stream(seed:index:)`
/// derives independent streams, one per trace, so traces can be generated on any thread in any
/// order and still come out byte-identical.
struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// An independent stream for item `index` of the run seeded with `seed`.
  static func stream(seed: UInt64, index: UInt64) -> SplitMix64 {
    var mixer = SplitMix64(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
    _ = mixer.next()
    return SplitMix64(seed: mixer.next())
  }
}
