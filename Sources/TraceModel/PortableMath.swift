
/// Elementary functions built from IEEE-exact operations only, so results agree bit for bit across
/// platforms (libm's `log` may differ in the last bit between systems).
public enum PortableMath {
  public static let ln2 = 0.6931471805599453

  /// Natural logarithm of a positive, finite `x`, accurate to about 1e-15 relative.
  ///
  /// Reduces `x` to m·2^e with m in [√½, √2), then sums 2·atanh((m−1)/(m+1)) as a series.
  public static func log(_ x: Double) -> Double {
    precondition(x > 0 && x.isFinite, "log needs a positive finite argument")
    var exponent = Int(x.exponent)
    var mantissa = x.significand  // exact: [1, 2)
    if mantissa > 1.4142135623730951 {
      mantissa /= 2
      exponent += 1
    }
    let s = (mantissa - 1) / (mantissa + 1)
    let s2 = s * s
    var term = s
    var sum = 0.0
    var denominator = 1.0
    while denominator < 60 {
      sum += term / denominator
      term *= s2
      denominator += 2
    }
    return 2 * sum + Double(exponent) * ln2
  }
}
