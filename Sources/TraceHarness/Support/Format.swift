/// Number formatting for reports, independent of the machine's locale so reports are identical
/// everywhere.
public enum Format {
  /// 134500 → "134,500"; rounds to the nearest integer.
  public static func grouped(_ value: Double) -> String {
    let rounded = Int64(value.rounded())
    let digits = String(rounded.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return rounded < 0 ? "-" + out : out
  }

  public static func grouped(_ value: Int) -> String { grouped(Double(value)) }

  /// Fixed decimals, rounded half away from zero on the decimal value.
  public static func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int64((value * scale).rounded())
    let magnitude = scaled.magnitude
    let whole = magnitude / UInt64(scale)
    let fraction = magnitude % UInt64(scale)
    var text = "\(whole)"
    if decimals > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return scaled < 0 ? "-" + text : text
  }

  /// 0.0812 → "8.1%".
  public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
    fixed(fraction * 100, decimals) + "%"
  }

  /// A ratio such as "9.87x".
  public static func ratio(_ value: Double) -> String { fixed(value, 2) + "x" }

  /// A relative change such as "+1.4%" or "−0.3%".
  public static func change(from old: Double, to new: Double) -> String {
    guard old != 0 else { return "new" }
    let delta = (new - old) / old * 100
    return (delta >= 0 ? "+" : "−") + fixed(abs(delta), 1) + "%"
  }
}
