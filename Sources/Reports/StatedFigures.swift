import Codecs
import Foundation
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// The figures the seed states, read from `experiments/phase0/seed-figures.json` so the report
/// never hard-codes them.
public struct StatedFigures: Sendable, Equatable, Codable {
  public var source: String
  public var sizeOfStatedFigures: String
  public var figures: [Figure]
  /// What the seed's "Compression Potential" section states, by potential name.
  public var potentials: [String: String]?

  /// One stated figure and the range that counts as meeting it.
  public struct Figure: Sendable, Equatable, Codable {
    public var id: String
    public var figure: String
    public var stated: String
    public var min: Double
    public var max: Double
    /// Whether the range is stated for 100 traces and scales with the trace count.
    public var perHundredTraces: Bool?
    /// Where the seed contradicts itself or how the check reads the figure.
    public var note: String?
  }

  public static func load(from url: URL) throws -> StatedFigures {
    do {
      return try JSONDecoder().decode(StatedFigures.self, from: Data(contentsOf: url))
    } catch {
      throw TopologyError(file: url.path, entry: "figures", problem: "\(error)")
    }
  }
}
