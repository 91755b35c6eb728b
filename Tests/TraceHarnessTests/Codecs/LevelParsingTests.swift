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

@Suite struct LevelParsingTests {
  @Test func groupsParseInOrderWithoutDuplicates() throws {
    let command = try Phase0Command.parse(["--levels", "gzip:1,6,9", "zstd:1,3,19", "gzip:9"])
    #expect(try command.codecs().map(\.description) == ["gzip-1", "gzip-6", "gzip-9", "zstd-1", "zstd-3", "zstd-19"])
  }

  @Test func analyzeTakesEachSettingOnceToo() throws {
    let command = try AnalyzeCommand.parse(["x.json", "--levels", "zstd:3", "zstd:3,19"])
    #expect(try command.codecs().map(\.description) == ["zstd-3", "zstd-19"])
  }

  @Test func aLevelOutOfRangeNamesTheRange() {
    #expect(throws: CodecSetting.ParseError(description: "zstd level '23' is not valid: use 1–22")) {
      try CodecSetting.parseGroup("zstd:23")
    }
    #expect(throws: CodecSetting.ParseError(description: "gzip level '0' is not valid: use 1–9")) {
      try CodecSetting.parseGroup("gzip:0")
    }
  }

  @Test func anUnknownFamilyNamesTheValidOnes() throws {
    let error = try #require(throws: CodecSetting.ParseError.self) { try CodecSetting.parseGroup("lz4:1") }
    #expect(error.description.contains("families: gzip, zstd"))
  }

  @Test func largeRunsDropZstd19And22ByDefault() {
    #expect(QuickDefaults(traces: 1_000).codecs == CodecSetting.phase0Defaults)
    #expect(QuickDefaults(traces: 1_001).codecs.map(\.description)
      == ["gzip-1", "gzip-6", "gzip-9", "zstd-1", "zstd-3", "zstd-9"])
  }
}

@Suite struct AnalysisLevelTests {
  @Test func largeRunsCompressTheColumnsAtAFasterLevel() {
    #expect(QuickDefaults(traces: 1_000).analysisLevel == 19)
    #expect(QuickDefaults(traces: 1_001).analysisLevel == 3)
    #expect(QuickDefaults(fileBytes: 4 << 20).analysisLevel == 19)
    #expect(QuickDefaults(fileBytes: (4 << 20) + 1).analysisLevel == 3)
  }

  @Test func theColumnLevelIsReportedAndUsed() throws {
    let stage = try PotentialsAnalysis(zstdLevel: 3)
    for (index, span) in TestData.medium.spans.prefix(500).enumerated() {
      var line: [UInt8] = []
      let fields = SpanJSONWriter.write(span, into: &line)
      try stage.add(SpanLine(span: span, bytes: line[...], fieldBytes: fields))
    }
    let result = try stage.finish()
    #expect(result.zstdLevel == 3)
    let grouping = try #require(result.potentials.first { PotentialText.name($0.potential) == "trace grouping" })
    #expect(PotentialText.details(grouping, zstdLevel: 3).contains { $0.label == "zstd-3 of the same lines grouped by trace, bytes" })
  }

  @Test func anAnalysisLevelOutOfRangeIsRefused() {
    #expect(throws: (any Error).self) { try Phase0Command.parse(["--analysis-level", "40"]) }
  }
}

@Suite struct OTLPRowSetTests {
  @Test func largeRunsMeasureOTLPWithoutZstd19() {
    #expect(QuickDefaults(traces: 1_000).otlpCodecs.map(\.description) == ["gzip-9", "zstd-3", "zstd-19"])
    #expect(QuickDefaults(traces: 1_001).otlpCodecs.map(\.description) == ["gzip-9", "zstd-3"])
  }

  @Test func largeFilesMeasureTheirProtobufStreamAtZstd3AndFrameASampleOfTheirSpans() {
    #expect(QuickDefaults(fileBytes: 4 << 20).protobufCodecs == CodecSetting.phase0Defaults)
    #expect(QuickDefaults(fileBytes: (4 << 20) + 1).protobufCodecs.map(\.description) == ["zstd-3"])
    #expect(QuickDefaults(fileBytes: 4 << 20).perSpanSampling == 1)
    #expect(QuickDefaults(fileBytes: (4 << 20) + 1).perSpanSampling == 16)
    #expect(QuickDefaults(traces: 1_000).perSpanSampling == 1)
    #expect(QuickDefaults(traces: 1_001).perSpanSampling == 16)
  }
}
