// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "trace-harness",
  products: [
    .library(name: "TraceHarness", targets: ["TraceHarness"]),
    .executable(name: "harness", targets: ["harness"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CZstd", pkgConfig: "libzstd",
      providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    .target(
      name: "TraceHarness",
      dependencies: [
        "CZstd", "CZlib",
        .product(name: "HeapModule", package: "swift-collections"),
      ]),
    .executableTarget(
      name: "harness",
      dependencies: [
        "TraceHarness",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(
      name: "TraceHarnessTests",
      dependencies: ["TraceHarness", "harness"],
      resources: [.copy("Fixtures")]),
  ]
)
