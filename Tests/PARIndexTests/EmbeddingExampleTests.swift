import Foundation
import Testing

/// `Examples/Embedding` is built by `swift test` with the other products; run as a portal
/// would, it prints the ranking's top units, and on bad data every problem and a non-zero
/// exit status.
struct EmbeddingExampleTests {
  static let binary = Repository.path(".build/debug/embedding-example")

  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    try #require(FileManager.default.isExecutableFile(atPath: binary), "swift test builds embedding-example")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    (process.standardOutput, process.standardError) = (out, err)
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self)
    )
  }

  @Test func ranksTheExampleYear() throws {
    let result = try Self.run([
      Repository.path("criteria/department-2025.json"), Repository.path("Examples/2025/departments"),
    ])
    #expect(result.status == 0 && result.err.isEmpty)
    // The golden ranking: S02 Sở Nội vụ first with 95,30 %, Tốt for B03 first among the ban.
    #expect(result.out.contains("  1. Sở Nội vụ: 95,30 % (Xuất sắc)\n"))
    #expect(result.out.contains("  1. Ban Quản lý các khu công nghiệp tỉnh: 83,70 % (Tốt)\n"))
    #expect(result.out.contains("Ranking CSV: 12 rows"))
  }

  @Test func badDataExitsNonZeroWithEveryProblem() throws {
    let year = try TemporaryYear([
      "units.csv": Mini.units, "assessment.csv": "unit_id,code,value,points\nA,2.1,12abc,\nA,1.3,mot_phan,2\n",
      "evidence.csv": Mini.noEvidence, "survey.csv": Mini.noSurvey,
    ])
    let result = try Self.run([Repository.fixtures + "/mini-2025.json", year.path])
    #expect(result.status == 65)
    let lines = result.err.split(separator: "\n")
    try #require(lines.count == 2)
    #expect(lines.allSatisfy { $0.hasPrefix("lỗi dữ liệu [E-") })
    #expect(lines[0].contains("assessment.csv:2: value '12abc'"))
    #expect(lines[1].contains("assessment.csv:3: points '2'"))
    #expect(try Self.run([Repository.fixtures + "/mini-2025.json", "/nonexistent"]).status == 66)
  }
}
