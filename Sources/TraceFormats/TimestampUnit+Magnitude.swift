import TraceJSON

extension TimestampUnit {
  /// The unit a present-day Unix timestamp of this magnitude is written in, or nil below 10^8,
  /// which is too small to be today in any unit (1973 in seconds) and is taken as written:
  /// relative times from a test or a replay start near zero.
  ///
  /// Today is ~1.7e9 s, ~1.7e12 ms, ~1.7e15 µs, ~1.7e18 ns; each band spans a factor of 1,000
  /// around its unit, from 1973 to 5138, so no real timestamp falls between two readings.
  static func magnitudeGuess(forUnixTime value: Int64) -> TimestampUnit? {
    switch value.magnitude {
    case 100_000_000_000_000_000...: .nanoseconds
    case 100_000_000_000_000...: .microseconds
    case 100_000_000_000...: .milliseconds
    case 100_000_000...: .seconds
    default: nil
    }
  }

  /// Throws when `value`, which the format states in this unit, reads by its magnitude as another
  /// one, naming the unit it looks like and the option that says so.
  ///
  /// A jsonl or OTLP file of milliseconds taken as nanoseconds would give trace windows of
  /// "0.0 ms" and timestamp figures a million times off, silently; refusing is the honest answer.
  func checkMagnitude(_ value: Int64, field: String) throws {
    guard let looksLike = Self.magnitudeGuess(forUnixTime: value), looksLike != self else { return }
    throw FieldError(
      "field \"\(field)\": \(value) reads as \(looksLike.name) since 1970, not \(name) as the "
        + "format states; if the file is in \(looksLike.name), say so with --time-unit "
        + looksLike.optionName)
  }
}
