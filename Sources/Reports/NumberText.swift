import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// The one way figures are spelled in reports and messages: grouped thousands, a true minus sign,
/// fixed decimals.
///
/// Hand-rolled rather than `NumberFormatter` so the text never depends on the host's locale: the
/// committed reports must regenerate byte for byte on any machine.
public enum NumberText {
  /// 134500 → "134,500", −5 → "−5"; rounds to the nearest integer.
  public static func grouped(_ value: Double) -> String {
    let rounded = Int64(value.rounded())
    let digits = String(rounded.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return rounded < 0 ? "−" + out : out
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
    return scaled < 0 ? "−" + text : text
  }

  /// 0.0812 → "8.1%".
  public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
    fixed(fraction * 100, decimals) + "%"
  }

  /// A ratio such as "9.87x".
  public static func ratio(_ value: Double) -> String { fixed(value, 2) + "x" }
}
