import TraceJSON
import TraceModel

/// The unit a source file writes its timestamps in; every reader normalizes to nanoseconds.
public enum TimestampUnit: String, Sendable, CaseIterable, Codable {
  case nanoseconds = "ns"
  case microseconds = "µs"

  /// Unix time at or above this reads as nanoseconds, below as microseconds.
  ///
  /// 10^17 ns is March 1973 and 10^17 µs is the year 5138, so real timestamps of either unit fall
  /// clearly on their side (today: ~1.7e18 ns, ~1.7e15 µs).
  static let nanosecondsThreshold: Int64 = 100_000_000_000_000_000

  /// The unit a Unix timestamp of this magnitude is written in.
  static func guess(forUnixTime value: Int64) -> TimestampUnit {
    value >= nanosecondsThreshold ? .nanoseconds : .microseconds
  }

  /// `value` in nanoseconds; throws naming `field` when it is negative or the result overflows.
  func nanos(_ value: Int64, field: String) throws -> Int64 {
    guard value >= 0 else { throw FieldError("field \"\(field)\": negative time \(value)") }
    switch self {
    case .nanoseconds:
      return value
    case .microseconds:
      let (nanos, overflow) = value.multipliedReportingOverflow(by: 1_000)
      guard !overflow else {
        throw FieldError("field \"\(field)\": \(value) µs does not fit 64-bit nanoseconds")
      }
      return nanos
    }
  }

  /// `end` in nanoseconds, checked not to precede `start` (a negative duration).
  static func checkedEnd(startNanos: Int64, endNanos: Int64, field: String) throws -> Int64 {
    guard endNanos >= startNanos else {
      throw FieldError(
        "field \"\(field)\": ends \(startNanos - endNanos) ns before it starts (negative duration)")
    }
    return endNanos
  }
}
