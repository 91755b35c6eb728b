import Foundation
import Testing

extension Formats {
  /// The committed `otlp_trace.pb.swift` is what `make proto` makes of `otlp_trace.proto`.
  ///
  /// Needs `protoc` and `protoc-gen-swift` (`$PROTOC_GEN_SWIFT` or on PATH); skipped without them,
  /// as CI does not build the plugin (about ten minutes).
  @Suite struct GeneratedProtoCodeTests {
    static let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()

    static func executable(_ name: String, environment variable: String?) -> String? {
      let environment = ProcessInfo.processInfo.environment
      if let variable, let path = environment[variable], FileManager.default.isExecutableFile(atPath: path) {
        return path
      }
      for directory in (environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
      }
      return nil
    }

    static let protoc = executable("protoc", environment: "PROTOC")
    static let plugin = executable("protoc-gen-swift", environment: "PROTOC_GEN_SWIFT")

    @Test(
      .enabled(
        if: protoc != nil && plugin != nil,
        "protoc or protoc-gen-swift not found (set PROTOC_GEN_SWIFT or put it on PATH): skipped"))
    func theCommittedSwiftIsWhatMakeProtoGenerates() throws {
      let output = FileManager.default.temporaryDirectory
        .appendingPathComponent("trace-harness-proto-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: output) }
      let process = Process()
      process.executableURL = Self.root.appendingPathComponent("scripts/proto.sh")
      process.arguments = [output.path]
      var environment = ProcessInfo.processInfo.environment
      environment["PROTOC"] = Self.protoc
      environment["PROTOC_GEN_SWIFT"] = Self.plugin
      process.environment = environment
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      let generated = try Data(contentsOf: output.appendingPathComponent("otlp_trace.pb.swift"))
      let committed = try Data(
        contentsOf: Self.root.appendingPathComponent("Sources/OTLPProto/otlp_trace.pb.swift"))
      #expect(generated == committed)
    }
  }
}
