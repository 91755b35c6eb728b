import TraceJSON
import TraceModel

/// A HyperLogLog sketch of distinct strings (Flajolet, Fusy, Gandouet and Meunier, 2007), for
/// distinct counts too large to keep as sets: 2^12 one-byte registers (4 KiB), a standard error of
/// 1.04 / √4096 ≈ 1.6 %, and merging two sketches gives exactly the sketch of the union.
///
/// The hash is FNV-1a over the UTF-8 bytes, finished with MurmurHash3's 64-bit mixer so every bit
/// depends on every byte; it is fixed, not `Hasher` (seeded per process), because sketches written
/// by different machines must agree on each value's register.
public struct HyperLogLog: Sendable, Equatable {
  static let precision = 12
  static let registerCount = 1 << precision
  private(set) var registers: [UInt8]

  init() { registers = Array(repeating: 0, count: Self.registerCount) }

  mutating func add(_ value: String) {
    let hash = Self.hash(value)
    let index = Int(hash >> UInt64(64 - Self.precision))
    // The rank of the first 1 bit in the remaining 52 bits, 53 when they are all 0.
    let rest = hash << UInt64(Self.precision)
    let rank = UInt8(min(rest.leadingZeroBitCount, 64 - Self.precision) + 1)
    if rank > registers[index] { registers[index] = rank }
  }

  /// The sketch of both sets.
  mutating func merge(_ other: HyperLogLog) {
    for index in registers.indices { registers[index] = max(registers[index], other.registers[index]) }
  }

  /// The raw estimate α·m²/Σ2^−register, with linear counting while it is below 2.5·m and some
  /// register is still 0 (the original paper's small-range correction; no large-range one is
  /// needed with a 64-bit hash).
  var estimate: Int {
    let m = Double(Self.registerCount)
    var sum = 0.0
    var zeros = 0
    for register in registers {
      sum += Double(sign: .plus, exponent: -Int(register), significand: 1)
      if register == 0 { zeros += 1 }
    }
    let raw = 0.7213 / (1 + 1.079 / m) * m * m / sum
    if raw <= 2.5 * m && zeros > 0 { return Int((m * PortableMath.log(m / Double(zeros))).rounded()) }
    return Int(raw.rounded())
  }

  static func hash(_ value: String) -> UInt64 { hash(digest: FNV1a64.of(value.utf8)) }

  /// The hash of a value whose FNV-1a digest is `digest`: a caller may digest a value in pieces.
  static func hash(digest: UInt64) -> UInt64 {
    var hash = digest
    hash ^= hash >> 33
    hash &*= 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    hash &*= 0xc4ce_b9fe_1a85_ec53
    hash ^= hash >> 33
    return hash
  }
}

/// Written as the registers in hex: 8,192 characters, the same on every machine.
extension HyperLogLog: Codable {
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let registers = Hex.decode(Array(text.utf8)), registers.count == Self.registerCount else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a HyperLogLog of \(Self.registerCount) registers"))
    }
    self.registers = registers
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(Hex.encode(registers))
  }
}
