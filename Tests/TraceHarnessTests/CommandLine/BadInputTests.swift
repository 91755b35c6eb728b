import ArgumentParser
import Foundation
import Testing
@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles
@testable import HarnessCommands

@Suite struct BadInputTests {
  private func message(_ arguments: [String]) -> String? {
    do {
      _ = try Harness.parseAsRoot(arguments)
      return nil
    } catch {
      return Harness.message(for: error)
    }
  }

  @Test func anUnknownSizeNamesTheValidOnes() throws {
    let text = try #require(message(["phase0", "--size", "huge"]))
    #expect(text.contains("huge"))
    #expect(text.contains("small") && text.contains("medium") && text.contains("big"))
  }

  @Test(arguments: ["0", "-5"])
  func aTraceCountBelowOneIsRefused(count: String) throws {
    let text = try #require(message(["phase0", "--traces=\(count)"]))
    #expect(text.contains("--traces must be a number of traces from 1 to 100,000,000, not \(count)."))
  }

  @Test func aTraceCountAboveTheBoundIsRefusedWithTheBound() throws {
    let text = try #require(message(["phase0", "--traces", "100000001"]))
    #expect(text.contains("--traces must be a number of traces from 1 to 100,000,000, not 100000001."))
  }

  /// ArgumentParser took "-5" after a space for an option and said "Missing value for '--traces'".
  @Test func aNegativeTraceCountAfterASpaceSaysWhatIsWrong() throws {
    let text = try #require(message(["phase0", "--traces", "-5"]))
    #expect(text.contains("--traces must be a number of traces from 1 to 100,000,000, not -5."))
  }

  /// --seed was a UInt64 option, so "-1" gave ArgumentParser's message about a missing value.
  @Test(arguments: ["-1", "1.5", "18446744073709551616"])
  func aSeedThatIsNotAnUnsignedIntegerSaysWhatIsWrong(seed: String) throws {
    let text = try #require(message(["phase0", "--seed", seed]))
    #expect(
      text.contains(
        "--seed must be a whole number from 0 to 18446744073709551615 (an unsigned 64-bit integer), "
          + "not '\(seed)'."))
  }

  @Test(arguments: [["phase0", "--output", ""], ["phase0", "--report", ""], ["analyze", "x.jsonl", "--report", ""]])
  func anEmptyOutputPathIsRefused(arguments: [String]) throws {
    let text = try #require(message(arguments))
    #expect(text.contains("must name a") && text.contains("not \"\"."))
  }

  @Test func anUnknownTimeUnitNamesTheValidOnes() throws {
    let text = try #require(message(["analyze", "x.jsonl", "--time-unit", "minutes"]))
    #expect(text.contains("unknown time unit 'minutes': use ns, us, ms, s"))
  }

  @Test func anOutputPathThatIsAFileIsRefusedBeforeAnyWork() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("taken")
    try Data("x".utf8).write(to: file)
    var command = try Harness.parseAsRoot([
      "generate", "--output", file.path, "--topology", TestData.topologyURL.path,
      "--stated-figures", TestData.statedFiguresURL.path,
    ])
    #expect(throws: OutputError(path: file.path, problem: "is a file, not a directory")) {
      try command.run()
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["taken"])
  }

  @Test func anOutputPathThatCannotBeCreatedIsRefused() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("taken")
    try Data("x".utf8).write(to: file)
    let inside = file.appendingPathComponent("sub")
    #expect(throws: OutputError(path: inside.path, problem: "cannot create the directory: Not a directory")) {
      try OutputError.checkWritableDirectory(inside)
    }
  }

  @Test func aMalformedTopologyNamesTheFileAndEntry() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let topology = directory.appendingPathComponent("topology.json")
    var object = try JSONSerialization.jsonObject(with: Data(contentsOf: TestData.topologyURL))
      as! [String: Any]
    object["services"] = 3
    try JSONSerialization.data(withJSONObject: object).write(to: topology)
    var command = try Harness.parseAsRoot([
      "generate", "--output", directory.path, "--topology", topology.path,
    ])
    do {
      try command.run()
      Issue.record("a malformed topology was accepted")
    } catch let error as TopologyError {
      #expect(error.file == topology.path)
      #expect(error.entry == "services")
    }
  }

  @Test(arguments: ["generate", "phase0"])
  func aMissingTopologyNamesTheFileAndTheReason(command name: String) throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let topology = directory.appendingPathComponent("no-such-topology.json")
    let report = name == "phase0" ? ["--report", directory.appendingPathComponent("r.md").path] : []
    var command = try Harness.parseAsRoot([
      name, "--output", directory.path, "--topology", topology.path,
      "--stated-figures", TestData.statedFiguresURL.path,
    ] + report)
    do {
      try command.run()
      Issue.record("a missing topology was accepted")
    } catch {
      #expect(Harness.message(for: error) == "\(topology.path): file: cannot be read: No such file or directory")
    }
  }

  @Test func generateWritesTheDatasetAndMetadataAndNothingHalfWritten() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var command = try Harness.parseAsRoot([
      "generate", "--traces", "40", "--output", directory.path,
      "--topology", TestData.topologyURL.path, "--stated-figures", TestData.statedFiguresURL.path,
    ])
    try command.run()
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(names == ["phase0_metadata_40-traces.json", "phase0_timing_40-traces.json", "traces_40-traces.jsonl"])
    let timing = try JSONDecoder().decode(
      RunTiming.self,
      from: Data(contentsOf: directory.appendingPathComponent("phase0_timing_40-traces.json")))
    #expect(timing.shares.map(\.name).sorted() == ["dataset file", "generation and the rest", "raw size"])
    let metadata = try JSONDecoder().decode(
      DatasetMetadata.self,
      from: Data(contentsOf: directory.appendingPathComponent("phase0_metadata_40-traces.json")))
    let dataset = try Data(contentsOf: directory.appendingPathComponent("traces_40-traces.jsonl"))
    #expect(metadata.traces == 40)
    #expect(metadata.rawBytes == dataset.count)
    #expect(metadata.spans == dataset.filter { $0 == UInt8(ascii: "\n") }.count)
  }
}

@Suite struct OTLPDatasetTests {
  @Test func generateWritesOTLPThatReadsBackAsTheSameSpans() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var command = try Harness.parseAsRoot([
      "generate", "--traces", "60", "--format", "otlp", "--output", directory.path,
      "--topology", TestData.topologyURL.path, "--stated-figures", TestData.statedFiguresURL.path,
    ])
    try command.run()
    let url = directory.appendingPathComponent("traces_60-traces.otlp.jsonl")
    let (spans, summary) = try TraceFileReader.readAll(url: url)
    let expected = try TestData.dataset(traces: 60).spans
    #expect(summary.format == .otlp)
    #expect(spans.count == expected.count)
    #expect(Set(spans.map(\.serviceName)) == Set(expected.map(\.serviceName)))
    #expect(Set(spans.map(\.traceID)).count == 60)
    #expect(spans.map(\.startTimeNanos).sorted() == expected.map(\.startTimeNanos).sorted())
    #expect(spans.filter(\.isRoot).count == 60)
  }
}
