import Foundation
import Testing
@testable import TraceFormats
@testable import TraceJSON

/// Every input the fuzzers (Fuzz/, `make fuzz`) found a crash with, kept under
/// `Fixtures/fuzz/` and read again by every reader and the JSON parser: each must now be read or
/// refused with an error, never crash. A file's name says which fuzzer found it.
@Suite struct FuzzRegressionTests {
  static let inputs: [URL] = {
    let folder = Fixture.directory.appendingPathComponent("fuzz")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().map { folder.appendingPathComponent($0) }
  }()

  @Test(arguments: inputs)
  func aCrashInputIsReadOrRefusedByEveryReader(_ input: URL) {
    for format in [TraceFormat?.none] + TraceFormat.allCases.map(Optional.some) {
      var checker = StructureChecker(openSpanLimit: 64)
      do {
        _ = try TraceFileReader.read(url: input, format: format) { checker.check($0) }
      } catch {
        #expect(error is FormatError, "\(input.lastPathComponent) as \(format?.rawValue ?? "auto"): \(error)")
      }
      _ = checker.finish()
    }
  }

  @Test(arguments: inputs)
  func aCrashInputIsParsedOrRefusedByTheJSONParser(_ input: URL) throws {
    let bytes = try [UInt8](Data(contentsOf: input))
    bytes.withUnsafeBufferPointer { buffer in
      do {
        _ = try JSONParser.parseDocument(buffer)
      } catch {
        #expect(error is JSONSyntaxError)
      }
    }
  }
}
