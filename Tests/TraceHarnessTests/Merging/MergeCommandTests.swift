import Foundation
import Testing
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import OutputFiles
@testable import HarnessCommands

/// `harness merge` of the shards' JSON files writes the report `harness analyze` of all their
/// inputs writes, byte for byte; and refuses, naming the file, what cannot be merged.
@Suite struct MergeCommandTests {
  private let levels = ["--levels", "gzip:6", "zstd:3", "--analysis-level", "3"]
  /// A jsonl, a Zipkin and an OTLP protobuf file (zstd-compressed) of the two test targets.
  private let fixtures = [
    FormatFixtures.url("spans.jsonl"), FormatFixtures.url("zipkin-traces.json"),
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../TraceFormatsTests/Fixtures/otlp-request.pb.zst").standardizedFileURL,
  ]

  private func harness(_ arguments: [String]) throws {
    var command = try Harness.parseAsRoot(arguments)
    try command.run()
  }

  /// Analyses `inputs` into `directory/name.md` and `.json`; returns the JSON's path.
  @discardableResult
  private func analyze(_ inputs: [URL], _ name: String, in directory: URL, _ options: [String]? = nil) throws -> String {
    let report = directory.appendingPathComponent("\(name).md")
    try harness(["analyze"] + inputs.map(\.path) + ["--report", report.path] + (options ?? levels))
    return directory.appendingPathComponent("\(name).json").path
  }

  private func bytes(_ directory: URL, _ name: String) throws -> Data {
    try Data(contentsOf: directory.appendingPathComponent(name))
  }

  @Test func mergingEachFilesResultGivesTheReportOfAnalyzingAllFilesInOneRun() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let shards = try fixtures.indices.map { try analyze([fixtures[$0]], "shard\($0)", in: directory) }
    try analyze(fixtures, "together", in: directory)
    try harness(["merge"] + shards + ["--report", directory.appendingPathComponent("merged.md").path])

    let together = try bytes(directory, "together.md")
    #expect(try bytes(directory, "merged.md") == together)
    #expect(try bytes(directory, "merged.json") == bytes(directory, "together.json"))
    // Not one shard's report under another name: all three files' spans are in it.
    let markdown = String(decoding: together, as: UTF8.self)
    #expect(markdown.contains("Each of the 3 files is measured on its own"))
    #expect(try together != bytes(directory, "shard0.md"))
  }

  @Test func aMergedResultMergesAgainLikeItsShards() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let shards = try fixtures.indices.map { try analyze([fixtures[$0]], "shard\($0)", in: directory) }
    try analyze(fixtures, "together", in: directory)
    try harness(["merge", shards[0], shards[1], "--report", directory.appendingPathComponent("first-two.md").path])
    try harness([
      "merge", directory.appendingPathComponent("first-two.json").path, shards[2],
      "--report", directory.appendingPathComponent("all.md").path,
    ])
    #expect(try bytes(directory, "all.md") == bytes(directory, "together.md"))
    #expect(try bytes(directory, "all.json") == bytes(directory, "together.json"))
  }

  /// A trace whose spans fall into both files is measured as two parts, as two stores hold it; it
  /// still counts once in the traces, whose IDs merge as a set.
  @Test func aTraceSplitAcrossShardsCountsOnceAndItsLaterPartsParentsAsOrphans() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let lines = try String(contentsOf: fixtures[0], encoding: .utf8).split(separator: "\n")
    let parts = [lines[..<2], lines[2...]].map { Data(($0.joined(separator: "\n") + "\n").utf8) }
    let urls = ["a.jsonl", "b.jsonl"].map { directory.appendingPathComponent($0) }
    for (url, part) in zip(urls, parts) { try part.write(to: url) }
    let shards = try urls.indices.map { try analyze([urls[$0]], "part\($0)", in: directory) }
    try analyze(urls, "together", in: directory)
    try harness(["merge"] + shards + ["--report", directory.appendingPathComponent("merged.md").path])
    #expect(try bytes(directory, "merged.md") == bytes(directory, "together.md"))
    #expect(try bytes(directory, "merged.json") == bytes(directory, "together.json"))

    let whole = try AnalyzePipeline.run(url: fixtures[0], format: nil, codecs: [.init(.zstd, level: 3)], zstdLevel: 3)
    let merged = try AnalyzeJSON.mergeableResult(bytes(directory, "merged.json"), name: "merged.json")
    #expect(merged.analysis.traces == whole.analysis.traces)
    #expect(!merged.analysis.tracesAreEstimated)
    #expect(merged.analysis.spans == whole.analysis.spans)
    // The third and fourth spans' parent is the second, which is in the other file.
    #expect(merged.analysis.orphans == whole.analysis.orphans + 2)
  }

  /// `count` single-span traces from number `first` on, each with a `user.id` of its own.
  private func manyTraces(_ first: Int, _ count: Int) -> Data {
    var text = ""
    for number in first..<first + count {
      let id = String(format: "%08x-0000-4000-8000-%012x", number, number)
      let span = String(format: "%08x-1111-4000-8000-%012x", number, number)
      let start = 1_698_000_000_000_000_000 + number * 1_000_000
      text += #"{"trace_id":"\#(id)","span_id":"\#(span)","parent_span_id":null,"service_name":"api","#
        + #""operation_name":"GET /","start_time":\#(start),"end_time":\#(start + 500_000),"#
        + #""tags":{"user.id":"u\#(number)"},"logs":[],"status_code":0}"# + "\n"
    }
    return Data(text.utf8)
  }

  /// Past the exact sets' 1,024 values, a merged distinct count is a HyperLogLog estimate and the
  /// report says so; an entropy with too many symbols to merge is each shard's own, marked; each
  /// shard's per-span dictionary is its own.
  @Test func aMergedCountPastTheExactSetsIsLabelledAsAnEstimate() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let urls = ["a.jsonl", "b.jsonl"].map { directory.appendingPathComponent($0) }
    try manyTraces(0, 2_100).write(to: urls[0])
    try manyTraces(1_000, 2_100).write(to: urls[1])
    let quick = ["--levels", "zstd:1", "--analysis-level", "1"]
    let shards = try urls.indices.map { try analyze([urls[$0]], "part\($0)", in: directory, quick) }
    try analyze(urls, "together", in: directory, quick)
    try harness(["merge"] + shards + ["--report", directory.appendingPathComponent("merged.md").path])
    #expect(try bytes(directory, "merged.md") == bytes(directory, "together.md"))
    #expect(try bytes(directory, "merged.json") == bytes(directory, "together.json"))

    let shard = String(decoding: try bytes(directory, "part0.md"), as: UTF8.self)
    #expect(shard.contains("| Traces | 2,100 |"))
    #expect(!shard.contains("HyperLogLog"))
    let merged = try AnalyzeJSON.mergeableResult(bytes(directory, "merged.json"), name: "merged.json")
    #expect(merged.analysis.tracesAreEstimated)
    #expect(abs(Double(merged.analysis.traces - 3_100)) / 3_100 <= 3.5 * 1.04 / 64)
    let markdown = String(decoding: try bytes(directory, "merged.md"), as: UTF8.self)
    #expect(markdown.contains("| Traces | ≈ \(NumberText.grouped(merged.analysis.traces)) (HyperLogLog estimate) |"))
    #expect(markdown.contains("user.id ≈ "))
    #expect(markdown.contains("| tags and logs ¹ |"))
    #expect(markdown.contains("¹ Order-0 entropy summed over blocks (and files)"))
    #expect(markdown.contains("| Services | 1 |"))
    // Each file trained a dictionary on its own first 2,000 spans.
    #expect(markdown.contains("with one dictionary per file (2 dictionaries,"))
    #expect(markdown.contains("4,000 in all"))
  }

  @Test func aResultReadBackFromItsJSONIsTheResultMeasured() throws {
    let measured = try AnalyzePipeline.run(
      url: fixtures[1], format: nil, codecs: [.init(.gzip, level: 6), .init(.zstd, level: 3)], zstdLevel: 3)
    var expected = measured
    expected.timing = .unmeasured
    let read = try AnalyzeJSON.mergeableResult(Data(AnalyzeJSON.text(measured).utf8), name: "zipkin.json")
    #expect(read == expected)
    #expect(AnalyzeReport.markdown(read) == AnalyzeReport.markdown(measured))
  }

  @Test(arguments: [
    (["--levels", "gzip:6", "zstd:9", "--analysis-level", "3"], "--levels"),
    (["--levels", "gzip:6", "zstd:3", "--analysis-level", "4"], "--analysis-level"),
    (["--levels", "gzip:6", "zstd:3", "--analysis-level", "3", "--time-unit", "ns"], "--time-unit"),
    (["--levels", "gzip:6", "zstd:3", "--analysis-level", "3", "--format", "jsonl"], "--format"),
  ])
  func shardsMeasuredWithOtherOptionsAreRefusedNamingTheFileAndTheOption(options: [String], option: String) throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = try analyze([fixtures[0]], "first", in: directory)
    let other = directory.appendingPathComponent("other.jsonl")
    try FileManager.default.copyItem(at: fixtures[0], to: other)
    let second = try analyze([other], "second", in: directory, options)
    let error = #expect(throws: MergeError.self) {
      try harness(["merge", first, second, "--report", directory.appendingPathComponent("m.md").path])
    }
    #expect(error?.file == second)
    #expect(error?.problem.hasPrefix("was measured with \(option) ") == true)
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("m.md").path))
  }

  @Test func aFileThatIsNotAnAnalyzeResultIsRefusedByName() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let shard = try analyze([fixtures[0]], "shard", in: directory)
    let phase0 = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../../reports/phase0.json").standardizedFileURL.path
    let notJSON = directory.appendingPathComponent("notes.json")
    try Data("not json\n".utf8).write(to: notJSON)
    for input in [phase0, notJSON.path] {
      let error = #expect(throws: MergeError.self) {
        try harness(["merge", shard, input, "--report", directory.appendingPathComponent("m.md").path])
      }
      #expect(error?.file == input)
      #expect(error?.problem.contains("not the .json of `harness analyze`") == true)
    }
  }

  /// An analyze JSON from before the section existed, or of another version of it.
  @Test(arguments: [nil, 1] as [Int?])
  func aMergeableSectionOfAnotherVersionIsRefused(version: Int?) throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let shard = try analyze([fixtures[0]], "shard", in: directory)
    var document = try #require(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: shard))) as? [String: Any])
    if let version {
      var section = try #require(document["mergeable"] as? [String: Any])
      section["version"] = version
      document["mergeable"] = section
    } else {
      document["mergeable"] = nil
    }
    let edited = directory.appendingPathComponent("edited.json")
    try JSONSerialization.data(withJSONObject: document).write(to: edited)
    let error = #expect(throws: MergeError.self) {
      try harness(["merge", shard, edited.path, "--report", directory.appendingPathComponent("m.md").path])
    }
    #expect(error?.file == edited.path)
    let expected = version == nil ? "before results merged" : "of version 1; this harness reads version 2"
    #expect(error?.problem.contains(expected) == true)
  }

  @Test func theSameShardGivenTwiceIsRefused() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let shard = try analyze([fixtures[0]], "shard", in: directory)
    let alias = directory.appendingPathComponent("alias.json").path
    try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: shard)
    let error = #expect(throws: MergeError.self) {
      try harness(["merge", shard, alias, "--report", directory.appendingPathComponent("m.md").path])
    }
    #expect(error?.file == alias)
    #expect(error?.problem == "is the same file as \(shard), given twice")
  }

  @Test func aReportWhoseJSONIsAnInputIsRefusedAndTheInputKept() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let shard = try analyze([fixtures[0]], "shard", in: directory)
    let before = try Data(contentsOf: URL(fileURLWithPath: shard))
    let error = #expect(throws: OutputError.self) {
      try harness(["merge", shard, "--report", directory.appendingPathComponent("shard.md").path])
    }
    #expect(error?.problem.hasPrefix("--report's .json is the input file") == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: shard)) == before)
  }
}
