import Foundation
import Testing

@testable import PARIndex

/// An output file is whole or absent: killing `parindex` mid-write never leaves a half file.
struct AtomicWriteTests {
  static let binary = Repository.path(".build/debug/parindex")

  @Test func killingTheProcessMidWriteLeavesTheOldFileIntact() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: Self.binary), "build parindex first (swift test builds it)")
    let folder = NSTemporaryDirectory() + "parindex-kill-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let output = folder + "/report.html"
    let old = Data("<!-- the council's previous report -->\n".utf8)
    let arguments = [
      "report", Repository.path("criteria/commune-2025.json"), Repository.path("Examples/2025/communes"),
      "--scorecards", "full",
      "-o", output,
    ]

    // The complete new report, for comparison.
    let full = folder + "/full.html"
    let complete = Process()
    complete.executableURL = URL(fileURLWithPath: Self.binary)
    complete.arguments = Array(arguments.dropLast()) + [full]
    let started = Date()
    try complete.run()
    complete.waitUntilExit()
    let duration = Date().timeIntervalSince(started)
    let new = try Data(contentsOf: URL(fileURLWithPath: full))
    #expect(new.count > 500_000)

    var sawOld = 0
    var sawNew = 0
    // Kill times spread over 0 … 1.2 × a full run: early kills hit the scoring, later ones the
    // writing and the rename. (Timing here only places the kills; nothing is asserted on it.)
    let attempts = 30
    for attempt in 0..<attempts {
      try old.write(to: URL(fileURLWithPath: output))
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Self.binary)
      process.arguments = arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(useconds_t(duration * 1.2 * 1_000_000 * Double(attempt) / Double(attempts)))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = try Data(contentsOf: URL(fileURLWithPath: output))
      #expect(now == old || now == new, "attempt \(attempt): a partial file of \(now.count) bytes")
      if now == old { sawOld += 1 } else if now == new { sawNew += 1 }
    }
    // Both outcomes happened, so the kills did land before and after the rename.
    print("kill test: old kept \(sawOld) times, new written \(sawNew) times")
    #expect(sawOld > 0)
  }
}
