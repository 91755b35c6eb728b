import Reports
import TraceJSON

/// The figures the history follows from one committed `reports/phase0.json`.
///
/// Raw size and the two reference compressors are required (every report version has them);
/// the lossless potential is optional because reports older than the analysis stage lack it.
struct HistoryFigures: Sendable, Equatable {
  var rawBytes: Int
  var gzip9Bytes: Int
  var zstd19Bytes: Int
  /// `summary.losslessPotentialBytes`; nil when the report has no summary.
  var losslessPotentialBytes: Int?

  public init(rawBytes: Int, gzip9Bytes: Int, zstd19Bytes: Int, losslessPotentialBytes: Int?) {
    self.rawBytes = rawBytes
    self.gzip9Bytes = gzip9Bytes
    self.zstd19Bytes = zstd19Bytes
    self.losslessPotentialBytes = losslessPotentialBytes
  }

  /// Reads the figures from a report's JSON text, ignoring every field it does not need.
  init(json: String) throws(UnreadableReport) {
    let document = try JSONValue.parseReport(json)
    // Phase 0's reports name the input `dataset`, analyze's `source`.
    guard let rawBytes = document["dataset"]?["rawBytes"] ?? document["source"]?["rawBytes"] else {
      throw UnreadableReport(reason: "dataset.rawBytes is missing")
    }
    self.rawBytes = try Self.byteCount(rawBytes, name: "dataset.rawBytes")
    gzip9Bytes = try Self.baselineBytes(document, codec: "gzip", level: 9)
    zstd19Bytes = try Self.baselineBytes(document, codec: "zstd", level: 19)
    if let potential = document["summary"]?["losslessPotentialBytes"], potential != .null {
      losslessPotentialBytes = try Self.byteCount(potential, name: "summary.losslessPotentialBytes")
    } else {
      losslessPotentialBytes = nil
    }
  }

  private static func baselineBytes(_ document: JSONValue, codec: String, level: Int)
    throws(UnreadableReport) -> Int
  {
    guard case .array(let rows)? = document["baseline"] else {
      throw UnreadableReport(reason: "baseline is missing")
    }
    let row = rows.first { $0["codec"]?.text == codec && $0["level"]?.number == Double(level) }
    guard let bytes = row?["bytes"] else {
      throw UnreadableReport(reason: "baseline has no \(codec)-\(level) bytes")
    }
    return try byteCount(bytes, name: "baseline \(codec)-\(level) bytes")
  }

  private static func byteCount(_ value: JSONValue, name: String) throws(UnreadableReport) -> Int {
    guard let number = value.number, let count = Int(exactly: number), count >= 0 else {
      throw UnreadableReport(reason: "\(name) is not a byte count")
    }
    return count
  }
}
