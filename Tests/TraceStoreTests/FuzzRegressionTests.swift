import Codecs
import Foundation
import Testing
import TraceModel
import TraceStore

/// The fuzzer seeds (`Fixtures/*.tstore`, written by `harness encode`) and every input FuzzTraceStore
/// (Fuzz/, `make fuzz`) found a crash with (`Fixtures/fuzz/`), fed to the decoder as the fuzzer
/// feeds them: as a whole file, and as a block body in a record with a correct CRC. A seed must
/// decode; a crash input must decode or be refused with a `TraceStoreError`, never trap.
@Suite struct TraceStoreFuzzRegressionTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func files(in folder: URL, suffix: String = "") -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(suffix) }.sorted().map { folder.appendingPathComponent($0) }
  }

  static let seeds = files(in: folder, suffix: ".tstore")
  static let crashInputs = files(in: folder.appendingPathComponent("fuzz"))

  /// What FuzzTraceStore does with `bytes` after reading them as a file: a block record around them.
  static func blockRecord(_ bytes: [UInt8]) -> [UInt8] {
    var record: [UInt8] = [UInt8(ascii: "B")] + (0..<4).map { UInt8(truncatingIfNeeded: bytes.count >> ($0 * 8)) }
    record += bytes
    let crc = CRC32.checksum(record[...])
    return record + (0..<4).map { UInt8(truncatingIfNeeded: crc >> ($0 * 8)) }
  }

  @Test func theSeedsAreThere() {
    #expect(Self.seeds.count >= 3)
  }

  @Test(arguments: seeds)
  func aSeedDecodes(_ seed: URL) throws {
    let bytes = try [UInt8](Data(contentsOf: seed))
    var spans = 0
    let summary = try TraceStoreReader.read(bytes: bytes, name: seed.lastPathComponent, threads: 1) { spans += $0.count }
    #expect(spans > 0)
    #expect(summary.spanCount == spans)
  }

  /// A block whose schema-url dictionary is a column of 27 M zeros, stored as none: it read as
  /// 27 M empty strings (12 s, a gigabyte of them) before a repeat in a dictionary was refused.
  @Test func aDictionaryOfRepeatedStringsIsRefusedAtItsSecondEntry() throws {
    let input = Self.folder.appendingPathComponent("fuzz/FuzzTraceStore-timeout-zeros-dictionary")
    let bytes = try [UInt8](Data(contentsOf: input))
    #expect {
      _ = try TraceStoreReader.decodeBlock(record: Self.blockRecord(bytes))
    } throws: { error in
      "\(error)".contains("schema url dictionary at byte 2") && "\(error)".contains("twice")
    }
  }

  /// A block of no span whose request structure is 10 MB of zeros, stored as none: 10 million
  /// empty requests (a fuzzer timeout) before a block's entries were bounded.
  @Test func aRequestStructureOfTooManyEntriesIsRefused() throws {
    let input = Self.folder.appendingPathComponent("fuzz/FuzzTraceStore-timeout-zeros-requests")
    let bytes = try [UInt8](Data(contentsOf: input))
    #expect(bytes == [0x00, 0x00, 0x01, 0x22, 0x02, 0xAE, 0x92, 0xFF, 0x04, 0x00])
    #expect {
      _ = try TraceStoreReader.decodeBlock(record: Self.blockRecord(bytes))
    } throws: { error in
      let text = "\(error)"
      return (error as? TraceStoreError)?.block == 0 && text.contains("request structure at byte 262144")
        && text.contains("more than 262144 entries")
    }
  }

  /// Link attribute keys and log field shapes as 27 MB of zeros each, stored as none: 13 million
  /// slots of an empty key, 27 million empty shapes, before a repeat in either was refused.
  @Test(arguments: [
    ("FuzzTraceStore-timeout-zeros-slot-table", "link attribute keys at byte 4: slot \"\" of type 0 is in the table twice"),
    ("FuzzTraceStore-slow-zeros-shapes", "log field shape dictionary at byte 2: shape 1 repeats an earlier one"),
  ])
  func aRepeatedSlotOrShapeIsRefusedAtItsSecondEntry(_ name: String, _ problem: String) throws {
    let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("fuzz/\(name)")))
    #expect {
      _ = try TraceStoreReader.decodeBlock(record: Self.blockRecord(bytes))
    } throws: { error in
      (error as? TraceStoreError)?.problem == "column \(problem)"
    }
  }

  @Test(arguments: crashInputs)
  func aCrashInputDecodesOrIsRefused(_ input: URL) throws {
    let bytes = try [UInt8](Data(contentsOf: input))
    do {
      try TraceStoreReader.read(bytes: bytes, name: input.lastPathComponent, threads: 1) { _ in }
    } catch {
      #expect(error is TraceStoreError, "\(input.lastPathComponent) as a file: \(error)")
    }
    do {
      _ = try TraceStoreReader.decodeBlock(record: Self.blockRecord(bytes))
    } catch {
      #expect(error is TraceStoreError, "\(input.lastPathComponent) as a block: \(error)")
    }
  }
}
