import TraceJSON
import TraceModel

/// The unit a source file writes its timestamps in; every reader normalizes to nanoseconds.
public enum TimestampUnit: String, Sendable, CaseIterable, Codable {
  case nanoseconds = "ns"
  case microseconds = "µs"
  case milliseconds = "ms"
  case seconds = "s"

  /// The unit's name in messages: "milliseconds".
  public var name: String {
    switch self {
    case .nanoseconds: "nanoseconds"
    case .microseconds: "microseconds"
    case .milliseconds: "milliseconds"
    case .seconds: "seconds"
    }
  }

  /// How `--time-unit` spells the unit: `µs` is hard to type, so `us` stands for it.
  public var optionName: String { self == .microseconds ? "us" : rawValue }

  /// The unit `--time-unit` names (ns, us or µs, ms, s).
  public init?(optionName: String) {
    guard let unit = Self.allCases.first(where: { $0.optionName == optionName || $0.rawValue == optionName })
    else { return nil }
    self = unit
  }

  var nanosPerUnit: Int64 {
    switch self {
    case .nanoseconds: 1
    case .microseconds: 1_000
    case .milliseconds: 1_000_000
    case .seconds: 1_000_000_000
    }
  }

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
    let (nanos, overflow) = value.multipliedReportingOverflow(by: nanosPerUnit)
    guard !overflow else {
      throw FieldError("field \"\(field)\": \(value) \(rawValue) does not fit 64-bit nanoseconds")
    }
    return nanos
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
