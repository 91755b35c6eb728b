// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, built only by `make fuzz` (scripts/fuzz.sh), never by the main package's
// `swift build` or `swift test`: this is a package of its own. Sources/TraceJSON and the other
// module folders are symlinks to ../Sources, so the fuzzers see `package` declarations (the
// JSON parser) and every module is compiled with the fuzzer's coverage instrumentation.
//
// Adding a fuzzer is one line here and a folder Sources/<name>/main.swift with an
// `@_cdecl("LLVMFuzzerTestOneInput")` function; scripts/fuzz.sh runs every name below.
let fuzzers: [(name: String, dependencies: [Target.Dependency])] = [
  ("FuzzJSONParser", ["TraceJSON"]),
  ("FuzzJSONL", ["FuzzSupport", "TraceFormats"]),
  ("FuzzSeed", ["FuzzSupport", "TraceFormats"]),
  ("FuzzOTLPJSON", ["FuzzSupport", "TraceFormats"]),
  ("FuzzOTLPProtobuf", ["FuzzSupport", "TraceFormats", "CZstd"]),
  ("FuzzZipkin", ["FuzzSupport", "TraceFormats"]),
  ("FuzzJaeger", ["FuzzSupport", "TraceFormats"]),
  ("FuzzDetected", ["FuzzSupport", "TraceFormats"]),
  ("FuzzTopology", ["FuzzSupport", "TraceGeneration"]),
  ("FuzzTraceStore", ["TraceStore", "Codecs"]),
]

let package = Package(
  name: "trace-harness-fuzz",
  dependencies: [
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
  ],
  targets: [
    .target(name: "TraceModel"),
    .target(name: "TraceJSON"),
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "Codecs", dependencies: ["CZstd", "CZlib"]),
    .target(
      name: "OTLPProto", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
      exclude: ["otlp_trace.proto"]),
    .target(
      name: "TraceFormats",
      dependencies: [
        "TraceModel", "TraceJSON", "Codecs", "OTLPProto",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ]),
    .target(
      name: "TraceGeneration",
      dependencies: [
        "TraceModel", "TraceJSON", "TraceFormats",
        .product(name: "DequeModule", package: "swift-collections"),
        .product(name: "HeapModule", package: "swift-collections"),
      ]),
    .target(name: "TraceStore", dependencies: ["TraceModel", "TraceJSON", "TraceFormats", "Codecs"]),
    .target(name: "FuzzSupport", dependencies: ["TraceFormats", "TraceModel"]),
  ] + fuzzers.map { .executableTarget(name: $0.name, dependencies: $0.dependencies) }
)
