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
  /// What the seed's "Compression Potential" section states, keyed by `Potential`'s raw value
  /// (`serviceNames`), plus `lossy` for the seed's lossy figure.
  public var potentials: [String: String]?

  /// The stated potentials, by potential.
  public struct Potentials: Sendable, Equatable {
    public var byPotential: [Potential: String] = [:]
    public var lossy: String?

    public init() {}

    /// "–" where the seed states nothing.
    func text(_ potential: Potential) -> String { byPotential[potential] ?? "–" }
  }

  /// `potentials` checked: every key a potential or `lossy`.
  public func statedPotentials() throws -> Potentials {
    var stated = Potentials()
    for (key, text) in potentials ?? [:] {
      if key == "lossy" {
        stated.lossy = text
      } else if let potential = Potential(rawValue: key) {
        stated.byPotential[potential] = text
      } else {
        let valid = (Potential.allCases.map(\.rawValue) + ["lossy"]).joined(separator: ", ")
        throw StatedFiguresError(entry: "potentials.\(key)", problem: "not a potential; use one of \(valid)")
      }
    }
    return stated
  }

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
      throw StatedFiguresError(entry: url.lastPathComponent, problem: "\(error)")
    }
  }
}

/// A stated-figures file that cannot be used, naming the entry at fault.
public struct StatedFiguresError: Error, CustomStringConvertible, Equatable {
  public var entry: String
  public var problem: String

  public var description: String { "stated figures, \(entry): \(problem)" }
}
