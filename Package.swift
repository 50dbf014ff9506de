// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "PARIndex",
  products: [
    .library(name: "PARIndex", targets: ["PARIndex"]),
    .executable(name: "parindex", targets: ["parindex"]),
  ],
  targets: [
    // The engine: model → rules → scoring → aggregation → reports. No dependencies.
    .target(name: "PARIndex", swiftSettings: swiftSettings),
    // The command line's logic, as a library so tests can run it in process.
    .target(name: "PARIndexCLI", dependencies: ["PARIndex"], swiftSettings: swiftSettings),
    .executableTarget(name: "parindex", dependencies: ["PARIndexCLI"], swiftSettings: swiftSettings),
    // Benchmarks/Swift: times each phase of a run (issue 4); build with -c release.
    .executableTarget(
      name: "parindex-bench", dependencies: ["PARIndex"], path: "Benchmarks/Swift", swiftSettings: swiftSettings),
    // Examples/Embedding: how a portal embeds the library.
    .executableTarget(
      name: "embedding-example", dependencies: ["PARIndex"], path: "Examples/Embedding",
      exclude: ["README.md"], swiftSettings: swiftSettings),
    // The public API alone (no @testable): what an embedding program can reach never traps.
    .testTarget(name: "PARIndexAPITests", dependencies: ["PARIndex"], swiftSettings: swiftSettings),
    .testTarget(
      name: "PARIndexTests", dependencies: ["PARIndex", "PARIndexCLI"],
      exclude: ["Golden", "Fixtures"], swiftSettings: swiftSettings),
  ]
)
