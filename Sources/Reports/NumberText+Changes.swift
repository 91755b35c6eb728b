import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// Changes between two figures, as the drift check and the history print them.
extension NumberText {
  /// Whole numbers as `grouped`, anything else in Swift's shortest round-tripping form.
  public static func number(_ value: Double) -> String {
    if value.rounded() == value, let whole = Int(exactly: value) {
      return grouped(whole)
    }
    let text = String(value)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
  }

  /// A difference with its sign always shown: `+1,812`, `−210`, `±0`.
  public static func signed(_ delta: Int) -> String {
    delta == 0 ? "±0" : (delta > 0 ? "+" : "") + grouped(delta)
  }

  /// A relative change (0.014 for +1.4%) as `+1.4%` or `−1.7%`.
  ///
  /// A change too small to show at one decimal reads `+<0.1%`, so a real difference never
  /// prints as a reassuring `+0.0%`.
  public static func signedPercent(_ relativeChange: Double) -> String {
    let percent = relativeChange * 100
    let sign = percent < 0 ? "−" : "+"
    if percent == 0 { return "±0.0%" }
    if abs(percent) < 0.05 { return sign + "<0.1%" }
    return sign + fixed(abs(percent), 1) + "%"
  }
}
