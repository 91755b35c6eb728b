import Foundation
import Testing
@testable import Reports

/// `StatedFigures.load` read the file with `Data(contentsOf:)`: a figure with min > max loaded
/// without complaint, and a missing file came out as a wrapped NSError dump.
@Suite struct StatedFiguresLoadTests {
  @Test func aFigureWithMinAboveMaxIsRefusedNamingTheFileAndTheEntry() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("seed-figures.json")
    let text = #"""
      {"source": "s", "sizeOfStatedFigures": "100 traces",
       "figures": [{"id": "ratio", "figure": "r", "stated": "9x", "min": 9, "max": 3}]}
      """#
    try Data(text.utf8).write(to: url)
    let error = try #require(throws: (any Error).self) { try StatedFigures.load(from: url) }
    let message = "\(error)"
    #expect(message.contains(url.path))
    #expect(message.contains("figures[0] 'ratio'"))
    #expect(!message.hasPrefix("stated figures"))
  }

  @Test func aMissingFileNamesItsPathWithoutAnNSErrorDump() throws {
    let url = URL(fileURLWithPath: "/nonexistent/seed-figures.json")
    let error = try #require(throws: (any Error).self) { try StatedFigures.load(from: url) }
    let message = "\(error)"
    #expect(message.contains("/nonexistent/seed-figures.json"))
    #expect(!message.contains("NSCocoaErrorDomain"))
  }
}
