// swift-tools-version:6.0
import PackageDescription

// One module per pipeline stage, in the order a span travels through them:
// source (TraceGeneration or TraceFormats) → Runner → sinks (Measurement) → Reports.
// A module imports only the stages before it, so a boundary is something the compiler holds.
let package = Package(
  name: "trace-harness",
  products: [
    .executable(name: "harness", targets: ["harness"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
  ],
  targets: [
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // glibc's mallopt (Runner's AllocatorSettings); part of libc, so nothing to link.
    .systemLibrary(name: "CMalloc"),
    .target(name: "TraceModel"),
    .target(name: "TraceJSON"),
    .target(name: "OutputFiles", dependencies: ["TraceModel"]),
    .target(name: "Codecs", dependencies: ["CZstd", "CZlib"]),
    // The OTLP trace messages, generated from otlp_trace.proto by `make proto` and committed, so
    // that building needs no protoc and no plugin.
    .target(
      name: "OTLPProto",
      dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
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
    .target(name: "Measurement", dependencies: ["TraceModel", "TraceJSON", "TraceFormats", "TraceStore", "Codecs"]),
    .target(
      name: "Runner",
      dependencies: [
        "CMalloc", "TraceModel", "TraceFormats", "TraceGeneration", "Codecs", "Measurement", "OutputFiles",
      ]),
    .target(
      name: "Reports",
      dependencies: [
        "TraceModel", "TraceJSON", "TraceFormats", "TraceGeneration", "Codecs", "Measurement", "Runner", "OutputFiles",
      ]),
    .target(name: "History", dependencies: ["TraceJSON", "TraceFormats", "Reports"]),
    .target(
      name: "HarnessCommands",
      dependencies: [
        "TraceModel", "TraceFormats", "TraceGeneration", "Codecs", "Measurement", "Runner", "Reports",
        "History", "OutputFiles", "TraceStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "harness", dependencies: ["HarnessCommands"]),
    .testTarget(
      name: "TraceStoreTests",
      dependencies: [
        "TraceStore", "TraceModel", "TraceFormats", "TraceGeneration", "Codecs", "OTLPProto",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "TraceHarnessTests",
      dependencies: [
        "TraceModel", "TraceJSON", "TraceFormats", "TraceGeneration", "Codecs", "Measurement", "Runner",
        "Reports", "History", "OutputFiles", "HarnessCommands", "OTLPProto", "TraceStore",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "OutputFilesTests", dependencies: ["OutputFiles"]),
    .testTarget(name: "TraceGenerationTests", dependencies: ["TraceGeneration"], exclude: ["Fixtures"]),
    .testTarget(name: "TraceFormatsTests", dependencies: ["TraceFormats"], exclude: ["Fixtures"]),
  ]
)

