import Codecs
import TraceModel

/// The Baseline stage's figures: raw size and the verified size under each compressor setting.
public struct BaselineResult: Sendable, Equatable, Codable {
  public var rawBytes: Int
  public var spans: Int
  public var rows: [Row]

  /// One compressor setting applied to the whole raw file.
  public struct Row: Sendable, Equatable, Codable {
    public var setting: CodecSetting
    public var compressedBytes: Int
  }

  public init(rawBytes: Int, spans: Int, rows: [Row]) {
    self.rawBytes = rawBytes
    self.spans = spans
    self.rows = rows
  }

  /// The verified size for `setting`, if it was measured.
  public func compressedBytes(_ setting: CodecSetting) -> Int? {
    rows.first { $0.setting == setting }?.compressedBytes
  }
}

extension BaselineResult.Row {
  /// raw ÷ compressed.
  public func ratio(rawBytes: Int) -> Double {
    Double(rawBytes) / Double(max(compressedBytes, 1))
  }

  public func bytesPerSpan(spans: Int) -> Double {
    Double(compressedBytes) / Double(max(spans, 1))
  }
}
