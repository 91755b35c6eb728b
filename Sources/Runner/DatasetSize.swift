import Codecs
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceModel

/// The seed's dataset sizes.
public enum DatasetSize: String, Sendable, CaseIterable, Codable {
  case small, medium, big

  /// 100, 1,000 and 10,000 traces, as the seed's usage section gives them.
  public var traceCount: Int {
    switch self {
    case .small: 100
    case .medium: 1_000
    case .big: 10_000
    }
  }
}
