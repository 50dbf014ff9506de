import Foundation
import PARIndexCLI
import Testing

@testable import PARIndex

/// Collected output of one in-process run of `parindex`.
final class Capture: @unchecked Sendable {
  private let lock = NSLock()
  private var outText = ""
  private var errText = ""

  var out: String { lock.withLock { outText } }
  var err: String { lock.withLock { errText } }

  var console: Console {
    Console(
      out: { text in self.lock.withLock { self.outText += text } },
      err: { text in self.lock.withLock { self.errText += text } })
  }

  /// Runs `parindex` in process; messages in English unless `language` says otherwise.
  static func run(_ arguments: [String], language: String = "en") -> (code: ExitCode, out: String, err: String) {
    let capture = Capture()
    let code = CommandLineTool.run(arguments, console: capture.console, environment: ["PARINDEX_LANG": language])
    return (code, capture.out, capture.err)
  }
}

struct CommandLineTests {
  let mini = Repository.fixtures + "/mini-2025.json"

  @Test func versionAndHelp() {
    #expect(Capture.run(["--version"]).out == "parindex \(CommandLineTool.version)\n")
    for command in ["validate", "rank", "score"] {
      let result = Capture.run([command, "--help"])
      #expect(result.code == .success)
      #expect(result.out.contains("OVERVIEW:") && result.out.contains("USAGE: parindex \(command)"))
    }
    #expect(Capture.run([]).code == .usage)
  }

  @Test(arguments: [
    ["frobnicate"], ["rank", "a.json"], ["rank", "a", "b", "--format", "xml"], ["rank", "a", "b", "--frmat", "csv"],
    ["rank", "a", "b", "--excel"], ["score", "a", "b", "--format"], ["validate"],
  ])
  func usageErrorsExit64(arguments: [String]) {
    let result = Capture.run(arguments)
    #expect(result.code == .usage)
    #expect(!result.err.isEmpty && result.out.isEmpty)
  }

  @Test func missingInputsExit66() throws {
    #expect(Capture.run(["rank", "/nonexistent/set.json", "/tmp"]).code == .noInput)
    #expect(Capture.run(["rank", mini, "/nonexistent/year"]).code == .noInput)
    #expect(Capture.run(["validate", "/nonexistent/set.json"]).code == .noInput)
    let year = try TemporaryYear(["units.csv": Mini.units])
    let result = Capture.run(["rank", mini, year.path])
    #expect(result.code == .noInput)
    #expect(
      result.err
        == "\(year.path)/assessment.csv: required file assessment is missing (assessment.csv, assessment.txt, assessment.xlsx)\n"
    )
  }

  @Test func dataErrorsExit65WithOneLinePerProblem() throws {
    let year = try TemporaryYear([
      "units.csv": Mini.units,
      "assessment.csv": "unit_id;code;value;points\nA;2.1;12abc;\nA;1.3;mot_phan;2\n", "evidence.csv": Mini.noEvidence,
      "survey.csv": Mini.noSurvey,
    ])
    let result = Capture.run(["rank", mini, year.path, "--format", "csv"])
    #expect(result.code == .dataError)
    #expect(result.out.isEmpty)
    let file = year.path + "/assessment.csv"
    #expect(
      result.err == """
        \(file):2: value '12abc': expected a number, a percentage such as 85% or 85,5, or a ratio such as 17/20 (unit A, leaf 2.1, rule tiers)
        \(file):3: points '2': points above the leaf's maximum 1 (unit A, leaf 1.3, rule choice)

        """)
    // validate reports the same problems and exits 1.
    let validation = Capture.run(["validate", mini, year.path])
    #expect(validation.code == .problemsFound)
    #expect(validation.err == result.err)

    // As JSON, for a portal: the same problems with their codes, nothing on standard error.
    let json = Capture.run(["validate", mini, year.path, "--format", "json"])
    #expect(json.code == .problemsFound && json.err.isEmpty)
    let document = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [String: Any]
    #expect(document["valid"] as? Bool == false)
    #expect(document["error_count"] as? Int == 2)
    let errors = document["errors"] as! [[String: Any]]
    #expect(errors.map { $0["location"] as? String } == [file + ":2", file + ":3"])
    #expect(errors.map { $0["value"] as? String } == ["12abc", "2"])
    #expect(errors[1]["message_en"] as? String == "points above the leaf's maximum 1")
    #expect((errors[0]["code"] as? String)?.hasPrefix("E-") == true)
  }

  @Test func validateJSONOnAGoodYearListsItsFiles() throws {
    let json = Capture.run([
      "validate", Repository.path("criteria/department-2025.json"), Repository.path("Examples/2025/departments"),
      "--format", "json",
    ])
    #expect(json.code == .success && json.err.isEmpty)
    let document = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [String: Any]
    #expect(document["valid"] as? Bool == true)
    #expect(document["units"] as? Int == 12)
    let kinds = (document["inputs"] as! [[String: Any]]).compactMap { $0["kind"] as? String }
    #expect(
      kinds == ["units", "assessment", "appraisal", "appraisal", "adjustments", "evidence", "explanation", "survey"])
  }

  @Test func aFolderWhereAFileIsExpectedIsAnInputError() throws {
    let year = try TemporaryYear(["units.csv": Mini.units])
    try FileManager.default.createDirectory(atPath: year.path + "/assessment.csv", withIntermediateDirectories: false)
    let result = Capture.run(["rank", mini, year.path])
    #expect(result.code == .dataError)
    #expect(result.err.contains("assessment.csv: this is a folder; expected a file"))
  }

  @Test func writesOutputAtomicallyAndReportsUnwritablePaths() throws {
    let year = try TemporaryYear(ScoringTests.year.merging(["units.csv": Mini.units]) { $1 })
    let outputs = try TemporaryYear([:])  // not inside the year folder: that is refused (OutputSafetyTests)
    let output = outputs.path + "/ranking.csv"
    try "old content".write(toFile: output, atomically: false, encoding: .utf8)
    let result = Capture.run(["rank", mini, year.path, "--format", "csv", "-o", output])
    #expect(result.code == .success && result.out.isEmpty)
    #expect(
      try String(contentsOfFile: output, encoding: .utf8).hasPrefix(
        "group,rank,unit_id,name,1,2,3,total,max,index,class\n"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path) == ["ranking.csv"])  // no temporary left
    #expect(Capture.run(["rank", mini, year.path, "-o", "/nonexistent/dir/r.txt"]).code == .cannotCreate)
  }

  @Test func scoreSelectsOneUnitAndRejectsUnknownOnes() throws {
    let year = try TemporaryYear(ScoringTests.year.merging(["units.csv": Mini.units]) { $1 })
    let one = Capture.run(["score", mini, year.path, "--unit", "B"])
    #expect(one.code == .success)
    #expect(one.out.hasPrefix("B · Xã Bình Minh · khối xã\nTổng điểm 2,75 / 8,50 · Chỉ số 32,35 % · Yếu · Hạng 2/2\n"))
    #expect(one.out.contains("THIẾU tài liệu kiểm chứng"))
    #expect(Capture.run(["score", mini, year.path, "--unit", "Q"]).code == .usage)
  }

  @Test func rankJSONHoldsTheSameNumbersAsTheCSV() throws {
    let year = try TemporaryYear(ScoringTests.year.merging(["units.csv": Mini.units]) { $1 })
    let json = Capture.run(["rank", mini, year.path, "--format", "json"]).out
    let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let groups = document["groups"] as! [[String: Any]]
    let first = (groups[0]["units"] as! [[String: Any]])[0]
    #expect(
      first["unit_id"] as? String == "A" && first["total"] as? String == "7.46" && first["index"] as? String == "74.60")
    #expect(first["rank"] as? Int == 1 && first["class"] as? String == "Khá")
  }
}

/// The analysis commands from the command line (issue 6).
struct AnalysisCommandTests {
  let criteria = Repository.path("criteria/department-2025.json")
  let folder = Repository.path("Examples/2025/departments")

  @Test func sensitivityCSVAndJSONAreDeterministic() {
    let arguments = [
      "sensitivity", criteria, folder, "--runs", "200", "--seed", "5", "--spread", "10", "--format", "csv",
    ]
    let first = Capture.run(arguments)
    #expect(first.code == .success && first.out == Capture.run(arguments).out)
    #expect(
      first.out.hasPrefix(
        "group,unit_id,name,nominal_rank,median_rank,p05_rank,p95_rank,class_changed_share\nsở,S02,Sở Nội vụ,1,1,1,1,0.0000\n"
      ))
    let json = Capture.run(["sensitivity", criteria, folder, "--runs", "10", "--format", "json"]).out
    #expect(json.contains("\"runs\": 10") && json.contains("\"spread_percent\": \"10\""))
  }

  @Test(arguments: [["--runs", "0"], ["--runs", "x"], ["--spread", "101"], ["--seed", "-1"], ["--format", "md"]])
  func sensitivityRejectsBadSettings(extra: [String]) {
    #expect(Capture.run(["sensitivity", criteria, folder] + extra).code == .usage)
  }

  @Test func compareAYearWithItself() {
    let result = Capture.run(["compare", criteria, folder, criteria, folder, "--format", "csv"])
    #expect(result.code == .success)
    let rows = result.out.split(separator: "\n").dropFirst()
    #expect(
      rows.count == 12 && rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[5] == "0.00" })
    #expect(Capture.run(["compare", criteria, folder]).code == .usage)
  }

  @Test func whatIfAndGoal() {
    let result = Capture.run([
      "whatif", criteria, folder, "--unit", "S06", "--set", "3.3.1=98%", "--set", "1.1.1=20/01/2025",
    ])
    #expect(result.code == .success)
    #expect(result.out.contains("Giả định: tổng 70,70 / 100,00 · chỉ số 70,70 % · Khá · hạng 8"))
    #expect(
      Capture.run(["whatif", criteria, folder, "--unit", "S06", "--goal", "Tốt"]).out.contains(
        "Ít tiêu chí nhất cần đạt tối đa"))
    #expect(Capture.run(["whatif", criteria, folder, "--unit", "S06", "--set", "3.3.1=abc"]).code == .dataError)
    #expect(Capture.run(["whatif", criteria, folder, "--unit", "S06", "--set", "3.3.1"]).code == .usage)
    // An unknown class is a request for something the set does not hold: a usage error, like an unknown unit.
    #expect(Capture.run(["whatif", criteria, folder, "--unit", "S06", "--goal", "Vàng"]).code == .usage)
    #expect(Capture.run(["whatif", criteria, folder, "--unit", "NOPE", "--set", "3.3.1=98%"]).code == .usage)
    #expect(Capture.run(["whatif", criteria, folder, "--unit", "S06"]).code == .usage)
  }

  @Test func reportWithSensitivityAndPreviousYear() {
    let result = Capture.run([
      "report", criteria, folder, "--runs", "50", "--previous-criteria", criteria, "--previous-data", folder,
    ])
    #expect(result.code == .success)
    #expect(
      result.out.contains("<h2>5. Độ vững của xếp hạng</h2>")
        && result.out.contains("<h2>6. So sánh với năm trước</h2>"))
    #expect(HTMLCheck.problems(result.out) == [])
    #expect(Capture.run(["report", criteria, folder, "--previous-data", folder]).code == .usage)
  }
}
