import Reports
import TraceJSON

/// How a commit's figures moved since the previous readable commit.
///
/// Deltas are in bytes; relative changes are fractions of the previous value (0.014 for
/// +1.4 %), nil when the previous value was zero.
struct HistoryChange: Sendable, Equatable {
  var rawBytesDelta: Int
  var rawBytesRelativeChange: Double?
  var zstd19BytesDelta: Int
  var zstd19BytesRelativeChange: Double?

  public init(from previous: HistoryFigures, to current: HistoryFigures) {
    rawBytesDelta = current.rawBytes - previous.rawBytes
    rawBytesRelativeChange = Self.relative(rawBytesDelta, of: previous.rawBytes)
    zstd19BytesDelta = current.zstd19Bytes - previous.zstd19Bytes
    zstd19BytesRelativeChange = Self.relative(zstd19BytesDelta, of: previous.zstd19Bytes)
  }

  private static func relative(_ delta: Int, of previous: Int) -> Double? {
    previous == 0 ? nil : Double(delta) / Double(previous)
  }
}
