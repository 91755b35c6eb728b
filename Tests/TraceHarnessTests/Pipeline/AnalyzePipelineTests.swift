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

@Suite struct AnalyzePipelineTests {
  private let quickCodecs = [CodecSetting(.gzip, level: 6), CodecSetting(.zstd, level: 3)]

  /// The analysis's own counts against the fixtures' hand-counted figures.
  @Test(arguments: FormatFixtures.all.map(\.name))
  func eachFormatIsAnalysedWithItsKnownAnswers(_ name: String) throws {
    let expected = try #require(Formats.FixtureReadingTests.expected[name])
    let result = try AnalyzePipeline.run(url: FormatFixtures.url(name), format: nil, codecs: quickCodecs)
    let analysis = result.analysis
    #expect(analysis.spans == expected.spans)
    #expect(analysis.traces == expected.traces)
    #expect(analysis.services == expected.services)
    #expect(analysis.operations == expected.operations)
    #expect(analysis.roots == expected.roots)
    #expect(analysis.orphans == expected.orphans)
    #expect(analysis.allRoundTrip)
    let fileBytes = try Data(contentsOf: FormatFixtures.url(name)).count
    #expect(result.baseline.rawBytes == fileBytes)
    #expect(analysis.potentials.reduce(0) { $0 + $1.rawBytes } == result.jsonlBytes)
  }

  @Test func generatedOTLPAnalysesToTheSameSpansTracesAndServicesAsTheJSONL() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var results: [DatasetFormat: AnalyzeResult] = [:]
    for format in DatasetFormat.allCases {
      let configuration = Phase0Configuration(
        topologyURL: TestData.topologyURL, statedFiguresURL: TestData.statedFiguresURL,
        traceCount: 300, label: "otlp-check", codecs: [], otlpCodecs: [], datasetFormat: format,
        analyze: false, outputDirectory: directory)
      let generated = try Phase0Pipeline.run(configuration)
      #expect(generated.metadata.rawBytes == (try Data(contentsOf: configuration.datasetURL)).count)
      results[format] = try AnalyzePipeline.run(url: configuration.datasetURL, format: nil, codecs: quickCodecs)
    }
    let jsonl = try #require(results[.jsonl]).analysis
    let otlp = try #require(results[.otlp]).analysis
    #expect(results[.otlp]?.read.format == .otlp)
    #expect(otlp.spans == jsonl.spans)
    #expect(otlp.traces == jsonl.traces)
    #expect(otlp.traces == 300)
    #expect(otlp.services == jsonl.services)
    #expect(otlp.operations == jsonl.operations)
    #expect(otlp.roots == jsonl.roots)
    #expect(otlp.orphans == 0)
  }

  @Test func aSplitTraceCountsOnce() throws {
    // zipkin-traces.json holds one trace across two arrays; traces must still be 2.
    let result = try AnalyzePipeline.run(
      url: FormatFixtures.url("zipkin-traces.json"), format: .zipkin, codecs: quickCodecs)
    #expect(result.analysis.traces == 2)
  }

  @Test func anEmptyFileIsAClearError() throws {
    try FormatFixtures.withScratch("empty.jsonl", []) { url in
      let error = try #require(throws: FormatError.self) {
        try AnalyzePipeline.run(url: url, format: nil, codecs: quickCodecs)
      }
      #expect(error.description.contains("empty.jsonl"))
    }
  }

  @Test func aFileOfTheWrongFormatNamesBoth() throws {
    let error = try #require(throws: FormatError.self) {
      try AnalyzePipeline.run(url: FormatFixtures.url("spans.jsonl"), format: .jaeger, codecs: quickCodecs)
    }
    #expect(error.description.contains("spans.jsonl"))
    #expect(error.description.contains("jsonl"))
  }
}
