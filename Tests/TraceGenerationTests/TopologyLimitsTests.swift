import Foundation
import Testing
@testable import TraceGeneration

/// The committed topology with one number replaced, written to a temporary file.
private func topologyFile(replacing key: String, with value: String) throws -> URL {
  let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../experiments/phase0/topology.json").standardizedFileURL
  var text = try String(contentsOf: committed, encoding: .utf8)
  let pattern = try Regex("\"\(key)\"\\s*:\\s*[0-9.eE+-]+")
  let match = try #require(text.firstMatch(of: pattern))
  text.replaceSubrange(match.range, with: "\"\(key)\": \(value)")
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("topology-\(UUID().uuidString).json")
  try text.write(to: url, atomically: true, encoding: .utf8)
  return url
}

@Suite struct TopologyLimitsTests {
  @Test func aMeanLatencyOfATrillionMillisecondsIsRefusedWithItsRange() throws {
    let url = try topologyFile(replacing: "meanLatencyMillis", with: "1e12")
    defer { try? FileManager.default.removeItem(at: url) }
    let error = #expect(throws: TopologyError.self) { try Topology.load(from: url) }
    #expect(error?.entry.hasSuffix("meanLatencyMillis") == true)
    #expect(error?.problem == "1000000000000.0 is outside 0.001–60,000 ms (1 µs to 1 minute)")
  }

  @Test func arrivalsOf1eMinus300PerSecondAreRefusedWithTheirRange() throws {
    let url = try topologyFile(replacing: "arrivalsPerSecond", with: "1e-300")
    defer { try? FileManager.default.removeItem(at: url) }
    let error = #expect(throws: TopologyError.self) { try Topology.load(from: url) }
    #expect(error?.entry == "arrivalsPerSecond")
    #expect(error?.problem == "1e-300 is outside 0.1–1,000,000,000 requests per second")
  }

  @Test func aMissingTopologyNamesTheFileAndTheReason() {
    let error = #expect(throws: TopologyError.self) {
      try Topology.load(from: URL(fileURLWithPath: "/nonexistent/topology.json"))
    }
    #expect(error?.description == "/nonexistent/topology.json: file: cannot be read: No such file or directory")
  }
}

@Suite struct StatedFiguresFileTests {
  @Test func aFigureWithMinAboveMaxIsRefusedNamingIt() {
    let error = #expect(throws: TopologyError.self) {
      try StatedFiguresFile.check([("spans", 1, 2), ("ratio", 9, 3)], file: "f.json")
    }
    #expect(error?.description == "f.json: figures[1] 'ratio': min 9.0 is greater than max 3.0")
  }

  @Test func aFigureStatedTwiceIsRefusedNamingBothEntries() {
    let error = #expect(throws: TopologyError.self) {
      try StatedFiguresFile.check([("spans", 1, 2), ("ratio", 1, 3), ("spans", 1, 2)], file: "f.json")
    }
    #expect(error?.description == "f.json: figures[2] 'spans': is stated twice (first as figures[0])")
  }

  @Test func aMissingStatedFiguresFileNamesTheFileAndTheReason() {
    let error = #expect(throws: TopologyError.self) {
      try StatedFiguresFile.read(from: URL(fileURLWithPath: "/nonexistent/seed-figures.json"))
    }
    #expect(error?.description == "/nonexistent/seed-figures.json: file: cannot be read: No such file or directory")
  }

  @Test func theCommittedStatedFiguresPassTheChecks() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../experiments/phase0/seed-figures.json").standardizedFileURL
    #expect(try StatedFiguresFile.read(from: url).count > 100)
  }
}

/// Inputs the topology fuzzer (Fuzz/FuzzTopology) failed on, under `Fixtures/fuzz/`.
@Suite struct TopologyFuzzRegressionTests {
  static let inputs: [URL] = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/fuzz")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().map { folder.appendingPathComponent($0) }
  }()

  @Test(arguments: inputs)
  func aFuzzInputIsLoadedOrRefusedWithATopologyError(_ input: URL) {
    do {
      _ = try Topology.load(from: input)
    } catch {
      #expect(error is TopologyError, "\(input.lastPathComponent): \(error)")
    }
  }

  /// An empty file went through `Data(contentsOf:)`, which leaks 4 KiB for it (LeakSanitizer,
  /// FuzzTopology), and then failed as "not valid JSON".
  @Test func anEmptyTopologyIsRefusedAsEmpty() throws {
    let input = try #require(Self.inputs.first { $0.lastPathComponent == "FuzzTopology-empty-file" })
    let error = #expect(throws: TopologyError.self) { try Topology.load(from: input) }
    #expect(error?.description == "\(input.path): file: is empty")
  }

  @Test func anEmptyStatedFiguresFileIsRefusedAsEmpty() throws {
    let input = try #require(Self.inputs.first { $0.lastPathComponent == "FuzzTopology-empty-file" })
    let error = #expect(throws: TopologyError.self) { try StatedFiguresFile.read(from: input) }
    #expect(error?.problem == "is empty")
  }
}
