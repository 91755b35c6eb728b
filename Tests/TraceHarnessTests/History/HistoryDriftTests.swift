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

/// `ReportDrift`, the text `phase0 --check` prints. Named `History…` so that
/// `swift test --filter History` runs it with the rest of the History folder.
@Suite struct HistoryDriftTests {
  private func drift(
    committedMarkdown: String? = ReportFixture.markdown, committedJSON: String?,
    regeneratedMarkdown: String = ReportFixture.markdown, regeneratedJSON: String
  ) -> ReportDrift {
    ReportDrift.compare(
      committedMarkdown: committedMarkdown, committedJSON: committedJSON,
      regeneratedMarkdown: regeneratedMarkdown, regeneratedJSON: regeneratedJSON)
  }

  @Test func identicalReportsAreCurrent() {
    let result = drift(committedJSON: ReportFixture.json(), regeneratedJSON: ReportFixture.json())
    #expect(result.isCurrent)
    #expect(result.findings.isEmpty)
    #expect(result.description == "reports/phase0.md and reports/phase0.json are current")
  }

  @Test func aChangedRawSizeIsNamedWithOldNewAndPercent() throws {
    let result = drift(
      committedJSON: ReportFixture.json(rawBytes: 131_204),
      regeneratedJSON: ReportFixture.json(rawBytes: 133_016))
    #expect(!result.isCurrent)
    let finding = try #require(result.findings.only)
    guard case .figure(let change) = finding else {
      Issue.record("expected a figure change, got \(finding)")
      return
    }
    #expect(change.path.keyPath == "dataset.rawBytes")
    #expect(change.oldValue == .number(131_204))
    #expect(change.newValue == .number(133_016))
    #expect(finding.description == "raw bytes 131,204 → 133,016 (+1.4%)")
  }

  @Test func aChangedZstd19SizeIsKeyedByCodecAndLevelNotPosition() throws {
    let result = drift(
      committedJSON: ReportFixture.json(zstd19Bytes: 15_000),
      regeneratedJSON: ReportFixture.json(zstd19Bytes: 15_210))
    let finding = try #require(result.findings.only)
    guard case .figure(let change) = finding else {
      Issue.record("expected a figure change, got \(finding)")
      return
    }
    #expect(change.path.keyPath == "baseline.zstd-19.bytes")
    #expect(finding.description == "zstd-19 bytes 15,000 → 15,210 (+1.4%)")
    #expect(result.description.contains("  - zstd-19 bytes 15,000 → 15,210 (+1.4%)"))
  }

  @Test func aPotentialIsNamedByItsName() throws {
    let result = drift(
      committedJSON: ReportFixture.json(encodedZstdBytes: 120),
      regeneratedJSON: ReportFixture.json(encodedZstdBytes: 118))
    let finding = try #require(result.findings.only)
    #expect(finding.description == "potential \"service names\" encodedZstdBytes 120 → 118 (−1.7%)")
  }

  @Test func addedRemovedAndTextFiguresAreEachReported() {
    let result = drift(
      committedJSON: ReportFixture.json(losslessPotentialBytes: 9_000),
      regeneratedJSON: ReportFixture.json(losslessPotentialBytes: nil, topologyDigest: "c0ffee"))
    #expect(
      result.findings.map(\.description) == [
        "topology digest 9f86d081884c7d65 → c0ffee",
        "removed: summary id floor bytes 8,000",
        "removed: summary lossless potential bytes 9,000",
        "removed: summary lossy bytes 6,000",
      ])
  }

  @Test func aMissingCommittedJSONSaysHowToCreateIt() {
    let result = drift(committedJSON: nil, regeneratedJSON: ReportFixture.json())
    #expect(result.findings == [.missing(path: "reports/phase0.json")])
    #expect(
      result.description.contains(
        "reports/phase0.json is missing: run `make report` and commit it")
    )
  }

  @Test func aMissingCommittedMarkdownIsReported() {
    let result = drift(
      committedMarkdown: nil, committedJSON: ReportFixture.json(),
      regeneratedJSON: ReportFixture.json())
    #expect(result.findings == [.missing(path: "reports/phase0.md")])
  }

  @Test func unparseableCommittedJSONIsReportedAsSuch() throws {
    let result = drift(committedJSON: "{ \"dataset\": ", regeneratedJSON: ReportFixture.json())
    let finding = try #require(result.findings.only)
    guard case .unreadable(let path, let reason) = finding else {
      Issue.record("expected unreadable, got \(finding)")
      return
    }
    #expect(path == "reports/phase0.json")
    #expect(reason.hasPrefix("line 1: invalid JSON: "))
  }

  @Test func aSyntaxErrorIsPlacedByLineAndColumn() {
    let edited = "{\n  \"dataset\": {\n    \"rawBytes\": 12,\n  }\n}\n"
    #expect(throws: UnreadableReport.self) { try JSONValue.parseReport(edited) }
    do {
      _ = try JSONValue.parseReport(edited)
    } catch {
      #expect(error.reason.hasPrefix("line 4: invalid JSON: "))
      #expect(error.reason.hasSuffix("at column 3"))
    }
  }

  @Test func aMarkdownOnlyDifferenceNamesTheLine() throws {
    let edited = ReportFixture.markdown.replacingOccurrences(of: "| codec |", with: "| setting |")
    let result = drift(
      committedMarkdown: edited, committedJSON: ReportFixture.json(),
      regeneratedJSON: ReportFixture.json())
    let difference = LineDifference(
      lineNumber: 3, committedLine: "| setting | bytes |", regeneratedLine: "| codec | bytes |")
    #expect(result.findings == [.text(path: "reports/phase0.md", difference: difference)])
    #expect(
      result.description.contains("reports/phase0.md differs from the regenerated text at line 3"))
  }

  @Test func markdownIsNotComparedWhenFiguresMoved() {
    let result = drift(
      committedMarkdown: "stale\n", committedJSON: ReportFixture.json(rawBytes: 1),
      regeneratedJSON: ReportFixture.json(rawBytes: 2))
    #expect(result.findings.count == 1)
    #expect(result.findings.first?.description == "raw bytes 1 → 2 (+100.0%)")
  }

  @Test func sameFiguresInDifferentJSONTextNameTheLine() {
    let committed = ReportFixture.json().replacingOccurrences(
      of: "\"schema\" : 1", with: "\"schema\":1")
    let result = drift(committedJSON: committed, regeneratedJSON: ReportFixture.json())
    guard case .text(let path, let difference)? = result.findings.only else {
      Issue.record("expected one text finding, got \(result.findings)")
      return
    }
    #expect(path == "reports/phase0.json")
    #expect(difference.committedLine == "  \"schema\":1,")
  }

  /// The analyze JSON's state for `harness merge` repeats the figures in another form: a change
  /// there is one text difference, not a figure named a second time under `mergeable.…`.
  @Test func theMergeableSectionIsComparedAsTextNotFigureByFigure() {
    let committed = ReportFixture.json()
    #expect(committed.hasPrefix("{\n"))
    let regenerated = "{\n  \"mergeable\" : {\n    \"spans\" : 6,\n    \"version\" : 1\n  },\n" + committed.dropFirst(2)
    let result = drift(committedJSON: committed, regeneratedJSON: regenerated)
    guard case .text(let path, _)? = result.findings.only else {
      Issue.record("expected one text finding, got \(result.findings)")
      return
    }
    #expect(path == "reports/phase0.json")
  }
}

extension Array {
  /// The single element, or nil when there are none or several.
  var only: Element? { count == 1 ? first : nil }
}

@Suite struct DriftCheckFileTests {
  @Test func theCheckNamesTheFilesItCompared() {
    let drift = ReportDrift.compare(
      markdownPath: "reports/phase0-big.md", jsonPath: "reports/phase0-big.json",
      committedMarkdown: .text("a\n"), committedJSON: .missing,
      regeneratedMarkdown: "a\n", regeneratedJSON: "{}\n")
    #expect(drift.description.hasPrefix("reports/phase0-big.md and reports/phase0-big.json are not current"))
    #expect(drift.findings == [.missing(path: "reports/phase0-big.json")])
  }

  @Test func aFileThatIsNotUTF8IsUnreadableNotMissing() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("phase0.md")
    try Data([0x66, 0xFF, 0xFE, 0x0A]).write(to: url)
    #expect(CommittedFile.read(url) == .notUTF8)
    #expect(CommittedFile.read(directory.appendingPathComponent("absent.md")) == .missing)
    let drift = ReportDrift.compare(
      committedMarkdown: .notUTF8, committedJSON: .text("{}\n"),
      regeneratedMarkdown: "a\n", regeneratedJSON: "{}\n")
    #expect(drift.findings == [.unreadable(path: ReportDrift.markdownPath, reason: "not UTF-8 text")])
  }
}
