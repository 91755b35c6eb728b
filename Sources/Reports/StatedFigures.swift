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
  var source: String
  var sizeOfStatedFigures: String
  var figures: [Figure]
  /// What the seed's "Compression Potential" section states, keyed by `Potential`'s raw value
  /// (`serviceNames`), plus `lossy` for the seed's lossy figure.
  var potentials: [String: String]?

  /// The stated potentials, by potential.
  public struct Potentials: Sendable, Equatable {
    var byPotential: [Potential: String] = [:]
    var lossy: String?

    public init() {}

    /// "–" where the seed states nothing.
    func text(_ potential: Potential) -> String { byPotential[potential] ?? "–" }
  }

  /// `potentials` checked: every key a potential or `lossy`.
  func statedPotentials() throws -> Potentials {
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
  struct Figure: Sendable, Equatable, Codable {
    var id: String
    var figure: String
    var stated: String
    var min: Double
    var max: Double
    /// Whether the range is stated for 100 traces and scales with the trace count.
    var perHundredTraces: Bool?
    /// Where the seed contradicts itself or how the check reads the figure.
    var note: String?
  }

  /// Reads through `StatedFiguresFile.read`, whose errors (missing file, min > max, a figure
  /// twice) already name the file and the entry, so they are thrown as they are, not wrapped.
  public static func load(from url: URL) throws -> StatedFigures {
    let data = try StatedFiguresFile.read(from: url)
    do {
      return try JSONDecoder().decode(StatedFigures.self, from: data)
    } catch {
      throw StatedFiguresError(entry: url.lastPathComponent, problem: "\(error)")
    }
  }
}

/// A stated-figures file that cannot be used, naming the entry at fault.
struct StatedFiguresError: Error, CustomStringConvertible, Equatable {
  var entry: String
  var problem: String

  var description: String { "stated figures, \(entry): \(problem)" }
}
