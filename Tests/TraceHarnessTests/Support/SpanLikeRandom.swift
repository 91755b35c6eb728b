/// Numbers and service names for span-like test inputs of varied length and content, the same
/// every run: a 64-bit linear congruential generator (Knuth's MMIX constants), its high bits.
struct SpanLikeRandom {
  static let services = ["frontend", "cart", "checkout", "payment", "shipping", "currency", "email"]

  private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state >> 33
  }

  mutating func service() -> String { Self.services[Int(next() % UInt64(Self.services.count))] }
}
