import Foundation
import Testing
@testable import OutputFiles

@Suite struct StaleFilesTests {
  @Test func aTemporaryFileOfADeadProcessIsRemovedAndOneOfALiveProcessKept() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = directory.appendingPathComponent("r.md")
    let dead = StaleFiles.temporaryURL(for: report, processID: 999_999_7)
    let alive = StaleFiles.temporaryURL(for: report, processID: getpid())
    let userFile = directory.appendingPathComponent(".notes.tmp-backup")
    for url in [dead, alive, userFile] { try Data("x".utf8).write(to: url) }

    let removed = try StaleFiles.removeAbandoned(in: directory)

    #expect(removed == [dead.lastPathComponent])
    #expect(FileManager.default.fileExists(atPath: alive.path))
    #expect(FileManager.default.fileExists(atPath: userFile.path))
  }

  @Test(arguments: [
    (".r.md.tmp-123", Int32(123)), (".r.md.prev-9", 9), (".outputset-77", 77),
    ("r.md.tmp-123", nil), (".r.md.tmp-", nil), (".r.md.tmp-12a", nil), (".backup-12", nil),
  ] as [(String, Int32?)])
  func onlyNamesTheHarnessMakesHaveAnOwner(name: String, owner: Int32?) {
    #expect(StaleFiles.owner(ofFileNamed: name) == owner)
  }

  @Test func hangUpIsHandledLikeInterruptAndTerminate() {
    #expect(InterruptCleanup.signals.contains(SIGHUP))
    #expect(InterruptCleanup.signals.contains(SIGINT))
    #expect(InterruptCleanup.signals.contains(SIGTERM))
  }
}
