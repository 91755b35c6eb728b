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

@Suite struct GitHistoryTests {
  private let report = "reports/phase0.json"

  private func history(
    _ repository: TemporaryGitRepository, directory: URL? = nil,
    file: String = "reports/phase0.json"
  ) -> GitHistory {
    GitHistory(
      repository: directory ?? repository.directory, file: file,
      environment: repository.ceilingEnvironment)
  }

  /// Three readable versions, an unreadable one between the second and third, and a commit that
  /// leaves the report alone; then `body` with the repository.
  private func withFourVersions(_ body: (TemporaryGitRepository) throws -> Void) throws {
    try TemporaryGitRepository.withDirectory { repository in
      try repository.initialize()
      try repository.commit(
        report,
        ReportFixture.json(
          rawBytes: 140_321, gzip9Bytes: 25_000, zstd19Bytes: 15_000, losslessPotentialBytes: nil),
        message: "Baseline only", committerDate: "2024-01-01")
      try repository.commit(
        report,
        ReportFixture.json(
          rawBytes: 142_133, gzip9Bytes: 25_400, zstd19Bytes: 15_210, losslessPotentialBytes: 9_000),
        message: "Add potentials | summary", committerDate: "2024-01-02")
      try repository.commit(
        "README.md", "unrelated\n", message: "Docs", committerDate: "2024-01-03")
      try repository.commit(
        report, "{ \"dataset\": ", message: "Broken", committerDate: "2024-01-04")
      try repository.commit(
        report,
        ReportFixture.json(
          rawBytes: 139_000, gzip9Bytes: 24_800, zstd19Bytes: 14_790, losslessPotentialBytes: 8_800),
        message: "Shorter IDs", committerDate: "2024-01-05")
      try body(repository)
    }
  }

  @Test func rowsRunOldestFirstWithTheCommittedFigures() throws {
    try withFourVersions { repository in
      let rows = try history(repository).rows()
      #expect(
        rows.map(\.subject) == [
          "Baseline only", "Add potentials | summary", "Broken", "Shorter IDs",
        ])
      #expect(rows.map(\.commitDate) == ["2024-01-01", "2024-01-02", "2024-01-04", "2024-01-05"])
      #expect(rows.map(\.figures?.rawBytes) == [140_321, 142_133, nil, 139_000])
      #expect(rows.map(\.figures?.gzip9Bytes) == [25_000, 25_400, nil, 24_800])
      #expect(rows.map(\.figures?.zstd19Bytes) == [15_000, 15_210, nil, 14_790])
      #expect(rows.map(\.figures?.losslessPotentialBytes) == [nil, 9_000, nil, 8_800])
      let head = try repository.head()
      #expect(rows.last?.hash == head)
      #expect(rows.last.map { head.hasPrefix($0.shortHash) && $0.shortHash.count >= 7 } == true)
    }
  }

  @Test func changesCompareWithThePreviousReadableRow() throws {
    try withFourVersions { repository in
      let rows = try history(repository).rows()
      try #require(rows.count == 4)
      #expect(rows[0].change == nil)
      let second = try #require(rows[1].change)
      #expect(second.rawBytesDelta == 1_812)
      #expect(abs(try #require(second.rawBytesRelativeChange) - 1_812.0 / 140_321) < 1e-12)
      #expect(second.zstd19BytesDelta == 210)
      #expect(abs(try #require(second.zstd19BytesRelativeChange) - 0.014) < 1e-12)
      #expect(rows[2].change == nil)
      let fourth = try #require(rows[3].change)
      #expect(fourth.rawBytesDelta == -3_133)
      #expect(fourth.zstd19BytesDelta == -420)
    }
  }

  @Test func anUnreadableCommitIsListedWithItsReason() throws {
    try withFourVersions { repository in
      let rows = try history(repository).rows()
      guard case .unreadable(let reason)? = rows.dropFirst(2).first?.reading else {
        Issue.record("third row should be unreadable: \(rows)")
        return
      }
      #expect(reason.hasPrefix("line 1: invalid JSON: "))
    }
  }

  @Test func aReportMissingARequiredFigureOrDeletedIsUnreadable() throws {
    try TemporaryGitRepository.withDirectory { repository in
      try repository.initialize()
      let noZstd19 = ReportFixture.json()
        .replacingOccurrences(of: "\"level\" : 19", with: "\"level\" : 18")
      try repository.commit(report, noZstd19, message: "No zstd-19", committerDate: "2024-02-01")
      try repository.commit(report, nil, message: "Remove report", committerDate: "2024-02-02")
      let rows = try history(repository).rows()
      #expect(
        rows.map(\.reading) == [
          .unreadable(reason: "baseline has no zstd-19 bytes"),
          .unreadable(reason: "reports/phase0.json was deleted in this commit"),
        ])
    }
  }

  @Test func aSubdirectoryReadsTheFileRelativeToIt() throws {
    try withFourVersions { repository in
      let reports = repository.directory.appendingPathComponent("reports", isDirectory: true)
      let rows = try history(repository, directory: reports, file: "phase0.json").rows()
      #expect(rows.map(\.figures?.rawBytes) == [140_321, 142_133, nil, 139_000])
    }
  }

  @Test func aDirectoryOutsideAnyRepositoryIsAnError() throws {
    try TemporaryGitRepository.withDirectory { directory in
      #expect(throws: HistoryError.notARepository(path: directory.directory.path)) {
        try history(directory).rows()
      }
    }
  }

  @Test func aRepositoryThatNeverCommittedTheFileIsAnError() throws {
    try TemporaryGitRepository.withDirectory { repository in
      try repository.initialize()
      let expected = HistoryError.noHistory(file: report, repository: repository.directory.path)
      #expect(throws: expected) { try history(repository).rows() }
      try repository.commit("README.md", "hello\n", message: "Docs", committerDate: "2024-03-01")
      #expect(throws: expected) { try history(repository).rows() }
    }
  }
}
