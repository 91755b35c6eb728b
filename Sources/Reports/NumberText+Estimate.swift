import Measurement

extension NumberText {
  /// A distinct count as the reports spell it: exact as "1,234", a HyperLogLog estimate as
  /// "≈ 1.2 M (HyperLogLog estimate)" (or "≈ 12,345 (…)" below a million), so a reader never
  /// takes an estimate for a count.
  static func distinct(_ value: Int, estimated: Bool) -> String {
    guard estimated else { return grouped(value) }
    let text = value >= 1_000_000 ? fixed(Double(value) / 1_000_000, 1) + " M" : grouped(value)
    return "≈ \(text) (HyperLogLog estimate)"
  }
}
