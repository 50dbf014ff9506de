import Foundation
import Testing

@testable import PARIndex

/// Appraisal rounds (`appraisal-1.csv`, `appraisal-2.csv`…), the units' explanations and what
/// each round did. Hand-computed expectations are written beside each check.
struct AppraisalRoundsTests {
  static let departments = Repository.path("Examples/2025/departments")
  static let departmentCriteria = Repository.path("criteria/department-2025.json")

  /// A copy of the departments' example year with `change` applied to its files (name → text;
  /// `nil` removes the file).
  static func departmentsWith(_ change: [String: String?]) throws -> TemporaryYear {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: departments) where name.hasSuffix(".csv") {
      files[name] = try String(contentsOfFile: departments + "/" + name, encoding: .utf8)
    }
    for (name, text) in change { files[name] = text }
    return try TemporaryYear(files.compactMapValues { $0 })
  }

  static func ranking(_ folder: String, asOfRound round: Int? = nil) throws -> String {
    let criteria = try Assessment.loadCriteria(at: departmentCriteria)
    var data = try YearLoader.load(folder: folder, criteria: criteria)
    if let round { data = try #require(data.asOfRound(round)) }
    return RankingCSV.render(try Assessment.rank(criteria: criteria, data: data))
  }

  /// The rows of `appraisal-1.csv` with those of `appraisal-2.csv` in their place: one round
  /// holding what the two decided, written from the files' text (not through the reader).
  static func mergedAppraisal() throws -> String {
    func rows(_ name: String) throws -> [String] {
      try String(contentsOfFile: departments + "/" + name, encoding: .utf8).split(separator: "\n").dropFirst()
        .map(String.init)
    }
    func key(_ row: String) -> String { row.split(separator: ",").prefix(2).joined(separator: ",") }
    let second = try rows("appraisal-2.csv")
    let replaced = Set(second.map(key))
    let first = try rows("appraisal-1.csv").filter { !replaced.contains(key($0)) }
    return (["unit_id,code,value,points,reason,appraiser,date"] + first + second).joined(separator: "\n") + "\n"
  }

  // MARK: The latest round wins

  @Test func twoRoundsRankAsOneRoundOfWhatTheyDecided() throws {
    let oneRound = try Self.departmentsWith([
      "appraisal-1.csv": nil, "appraisal-2.csv": nil, "appraisal.csv": try Self.mergedAppraisal(),
    ])
    #expect(try Self.ranking(Self.departments) == Self.ranking(oneRound.path))
    // And both are the golden ranking, checked by hand and by the Python reference.
    let golden = try String(contentsOfFile: Repository.golden + "/departments-ranking.csv", encoding: .utf8)
    #expect(try Self.ranking(Self.departments) == golden)
  }

  @Test func asOfRoundZeroRanksTheSelfAssessmentAlone() throws {
    let noAppraisal = try Self.departmentsWith([
      "appraisal-1.csv": nil, "appraisal-2.csv": nil, "explanation.csv": nil,
    ])
    #expect(try Self.ranking(Self.departments, asOfRound: 0) == Self.ranking(noAppraisal.path))
    // S01 before any appraisal: 1.5 self-assessed at 1.50 (manual), total 91.04, rank 2 of khối sở.
    let csv = try Self.ranking(Self.departments, asOfRound: 0)
    #expect(csv.contains("sở,2,S01,Sở Tài chính,9.50,10.00,11.75,9.00,15.50,5.50,16.00,13.29,91.04,100.00,91.04,"))
  }

  @Test func asOfRoundOneRanksTheFirstRoundAlone() throws {
    let firstOnly = try Self.departmentsWith(["appraisal-2.csv": nil])
    #expect(try Self.ranking(Self.departments, asOfRound: 1) == Self.ranking(firstOnly.path))
    // S01 after round 1: 1.5 at 0.50 instead of 1.50 → 91.04 − 1 = 90.04.
    #expect(try Self.ranking(Self.departments, asOfRound: 1).contains(",S01,Sở Tài chính,8.50,"))
  }

  @Test func aRoundBeyondTheYearIsNotThere() throws {
    let criteria = try Assessment.loadCriteria(at: Self.departmentCriteria)
    let data = try YearLoader.load(folder: Self.departments, criteria: criteria)
    #expect(data.appraisalRounds.count == 2)
    #expect(data.asOfRound(3) == nil && data.asOfRound(-1) == nil)
    let cli = Capture.run(["rank", Self.departmentCriteria, Self.departments, "--as-of-round", "3", "--lang", "en"])
    #expect(cli.code == .usage)
    #expect(cli.err.contains("the year holds 2 appraisal rounds: choose 0 (self-assessment) to 2"))
  }

  // MARK: Files in rounds

  @Test func oneRoundAndRoundsAtOnceIsAnError() throws {
    let year = try Self.departmentsWith(["appraisal.csv": try Self.mergedAppraisal()])
    let codes = Self.errorCodes(year.path)
    #expect(codes == ["E-APPRAISAL-FORMS"])
  }

  @Test func aGapInTheRoundsIsAnError() throws {
    let year = try Self.departmentsWith([
      "appraisal-3.csv": try String(contentsOfFile: Self.departments + "/appraisal-2.csv", encoding: .utf8),
      "appraisal-2.csv": nil,
    ])
    let problems = Self.errors(year.path)
    #expect(problems.map(\.code) == ["E-ROUND-MISSING"])
    #expect(
      problems.first?.rendered(.english).hasSuffix(
        "appraisal-2.csv: appraisal round 2 (appraisal-2) is missing: rounds run 1, 2, 3… without a gap") == true)
  }

  @Test func aFileNamedLikeARoundThatIsNoTableIsNoRound() throws {
    // The scanned minutes beside the rounds: round 2 is the .csv, the .pdf is not read.
    let minutes = try Self.departmentsWith(["appraisal-2.pdf": "%PDF-1.4"])
    #expect(try Self.ranking(minutes.path) == Self.ranking(Self.departments))
    // Only the minutes for round 2: round 1 still counts (found by review: every round was dropped).
    let onlyMinutes = try Self.departmentsWith(["appraisal-2.csv": nil, "appraisal-2.pdf": "%PDF-1.4"])
    let criteria = try Assessment.loadCriteria(at: Self.departmentCriteria)
    #expect(try YearLoader.load(folder: onlyMinutes.path, criteria: criteria).appraisalRounds.count == 1)
  }

  @Test func summariesOfFewerRoundsThanTheYearHoldsDoNotTrap() throws {
    let criteria = try Assessment.loadCriteria(at: Self.departmentCriteria)
    let results = try Assessment.run(criteria: criteria, folder: Self.departments)
    let s01 = try #require(results.unit("S01")).score
    #expect(s01.roundSummaries(rounds: 1, criteria: criteria) == s01.roundSummaries(rounds: 2, criteria: criteria))
  }

  @Test func aReportAsOfARoundComparesWithLastYearAsPublished() throws {
    // Last year (the communes' example) has one round, this year two: --as-of-round 2 is about this year.
    let output = NSTemporaryDirectory() + "parindex-rounds-report-\(UUID().uuidString).html"
    defer { try? FileManager.default.removeItem(atPath: output) }
    let run = Capture.run([
      "report", Self.departmentCriteria, Self.departments, "-o", output, "--as-of-round", "2",
      "--previous-criteria", Repository.path("criteria/commune-2025.json"), "--previous-data",
      Repository.path("Examples/2025/communes"),
    ])
    #expect(run.code == .success, "\(run.err)")
    let plus = Capture.run(["rank", Self.departmentCriteria, Self.departments, "--as-of-round", "+1"])
    #expect(plus.code == .usage)
  }

  @Test func roundZeroIsNotARound() throws {
    let year = try Self.departmentsWith([
      "appraisal-0.csv": try String(contentsOfFile: Self.departments + "/appraisal-2.csv", encoding: .utf8)
    ])
    #expect(Self.errorCodes(year.path) == ["E-ROUND-NUMBER"])
  }

  @Test func eachRoundIsAFolderOrAFile() throws {
    // Round 2 as a folder of one file per unit: the same year.
    let year = try Self.departmentsWith([:])
    let second = try String(contentsOfFile: Self.departments + "/appraisal-2.csv", encoding: .utf8)
    try FileManager.default.removeItem(atPath: year.path + "/appraisal-2.csv")
    try FileManager.default.createDirectory(atPath: year.path + "/appraisal-2", withIntermediateDirectories: false)
    let lines = second.split(separator: "\n").map(String.init)
    for unit in ["S01", "S03", "B01"] {
      try year.write(
        "appraisal-2/\(unit).csv", ([lines[0]] + lines.filter { $0.hasPrefix(unit + ",") }).joined(separator: "\n"))
    }
    #expect(try Self.ranking(year.path) == Self.ranking(Self.departments))
  }

  // MARK: The reason rule, round by round

  static let miniRound1 = "unit_id,code,value,points,reason\nA,1.3,khong,,chưa có báo cáo\n"

  @Test func aRoundThatChangesThePreviousRoundNeedsAReason() throws {
    // Self 1.3 mot_phan = 0.5; round 1 khong = 0 (reason given); round 2 hoan_thanh = 1 without a reason.
    let lines = try Mini.problems([
      "assessment.csv": "unit_id,code,value,points,evidence,note\nA,1.3,mot_phan,,,\n",
      "appraisal-1.csv": Self.miniRound1,
      "appraisal-2.csv": "unit_id,code,value,points,reason\nA,1.3,hoan_thanh,,\n",
    ])
    #expect(lines.count == 1)
    #expect(
      lines.first?.hasSuffix(
        "appraisal-2.csv:2: reason: the appraisal round 2 changes A 1.3 from 0 points to 1 points: a reason is required"
      )
        == true)
  }

  @Test func aRoundThatKeepsThePreviousRoundNeedsNoReason() throws {
    // Round 2 keeps round 1's 0, which differs from the self-assessment's 0.5: no change, no reason needed.
    let results = try Mini.run([
      "assessment.csv": "unit_id,code,value,points,evidence,note\nA,1.3,mot_phan,,,\n",
      "appraisal-1.csv": Self.miniRound1,
      "appraisal-2.csv": "unit_id,code,value,points,reason\nA,1.3,,0,\n",
    ])
    let leaf = try #require(results.unit("A")?.leaves.first { $0.code == "1.3" })
    #expect(leaf.points == .zero && leaf.source == .appraisal && leaf.selfPoints == decimal("0.5"))
    #expect(leaf.history.map(\.kind) == [.selfAssessment, .appraisal(round: 1), .appraisal(round: 2)])
    #expect(leaf.history.map(\.points) == [decimal("0.5"), .zero, .zero])
  }

  @Test func anInvalidValueInAnEarlierRoundIsStillAnError() throws {
    let lines = try Mini.problems([
      "assessment.csv": "unit_id,code,value,points,evidence,note\nA,1.3,mot_phan,,,\n",
      "appraisal-1.csv": "unit_id,code,value,points,reason\nA,1.3,sai_lam,,gõ nhầm\n",
      "appraisal-2.csv": "unit_id,code,value,points,reason\nA,1.3,khong,,chưa có báo cáo\n",
    ])
    #expect(lines.count == 1 && lines[0].contains("appraisal-1.csv:2: value 'sai_lam'"))
  }

  @Test func appraiserAndDateAreRead() throws {
    let results = try Mini.run([
      "assessment.csv": "unit_id,code,value,points,evidence,note\nA,1.3,mot_phan,,,\n",
      "appraisal.csv": "unit_id,code,value,points,reason,appraiser,date\nA,1.3,khong,,chưa có,Tổ 2,15/01/2026\n",
    ])
    let entry = try #require(results.unit("A")?.leaves.first { $0.code == "1.3" }?.decidingEntry)
    #expect(entry.appraiser == "Tổ 2" && entry.date == CalendarDate(year: 2026, month: 1, day: 15))
    let bad = try Mini.problems([
      "assessment.csv": "unit_id,code,value,points,evidence,note\nA,1.3,mot_phan,,,\n",
      "appraisal.csv": "unit_id,code,value,points,reason,date\nA,1.3,khong,,chưa có,31/02/2026\n",
    ])
    #expect(bad.count == 1 && bad[0].contains("appraisal.csv:2: date '31/02/2026'"))
  }

  // MARK: Explanations

  @Test func anExplanationChangesNoPoints() throws {
    let without = try Self.departmentsWith(["explanation.csv": nil])
    #expect(try Self.ranking(without.path) == Self.ranking(Self.departments))
  }

  @Test func theHistoryOfALeafIsSelfRoundExplanationRound() throws {
    let results = try Assessment.run(
      criteria: Assessment.loadCriteria(at: Self.departmentCriteria), folder: Self.departments)
    // S03 5.5.1: self `có` without evidence → 0 (no evidence); round 1 `không` → 0; the unit
    // explains with S03-BB01; round 2 `có` → 1.
    let leaf = try #require(results.unit("S03")?.leaves.first { $0.code == "5.5.1" })
    #expect(
      leaf.history.map(\.kind) == [.selfAssessment, .appraisal(round: 1), .explanation(round: 1), .appraisal(round: 2)])
    #expect(leaf.history.map(\.points) == [.zero, .zero, nil, decimal("1")])
    #expect(leaf.history.map(\.status) == [.noEvidence, .scored, nil, .scored])
    #expect(leaf.history[2].explanation?.evidenceIDs == ["S03-BB01"])
    #expect(leaf.points == decimal("1"))
    // A leaf no round touched has no history.
    #expect(results.unit("S03")?.leaves.first { $0.code == "1.1.1" }?.history.isEmpty == true)
  }

  @Test func whatEachRoundDid() throws {
    let criteria = try Assessment.loadCriteria(at: Self.departmentCriteria)
    let results = try Assessment.run(criteria: criteria, folder: Self.departments)
    // S01: 91.04 self-assessed; round 1 takes 1.5 from 1.50 to 0.50 (−1.00) → 90.04; round 2
    // gives 1.00 (+0.50) → 90.54, the published total.
    let s01 = try #require(results.unit("S01")).score.roundSummaries(rounds: 2, criteria: criteria)
    #expect(s01.map(\.totalBefore) == [decimal("91.04"), decimal("90.04")])
    #expect(s01.map(\.totalAfter) == [decimal("90.04"), decimal("90.54")])
    #expect(s01.map(\.changed) == [1, 1] && s01.map(\.up) == [0, 1] && s01.map(\.down) == [1, 0])
    // B01: round 2 repeats round 1's 1.00 for 1.1.2: one row, nothing changed.
    let b01 = try #require(results.unit("B01")).score.roundSummaries(rounds: 2, criteria: criteria)
    #expect(b01[1].rows == 1 && b01[1].changed == 0 && b01[1].totalBefore == b01[1].totalAfter)
    // The total after the last round is the published total, for every unit.
    for unit in results.rankedUnits {
      #expect(unit.score.roundSummaries(rounds: 2, criteria: criteria).last?.totalAfter == unit.total)
    }
  }

  @Test func anExplanationOfARoundThatIsNotThereIsAnError() throws {
    let year = try Self.departmentsWith([
      "explanation.csv": "unit_id,code,text,round\nS01,1.5,đề nghị xem xét,3\n"
    ])
    #expect(Self.errorCodes(year.path) == ["E-EXPLANATION-ROUND"])
    let none = try Mini.problems([
      "assessment.csv": "unit_id,code,value,points,evidence,note\nA,1.3,mot_phan,,,\n",
      "explanation.csv": "unit_id,code,text\nA,1.3,đề nghị xem xét\n",
    ])
    #expect(none.count == 1 && none[0].contains("there is no appraisal round (appraisal or appraisal-1) to explain"))
  }

  @Test func anExplanationCitingAnUnknownDocumentIsAWarning() throws {
    let year = try Self.departmentsWith([
      "explanation.csv": "unit_id,code,text,evidence\nS01,1.5,đề nghị xem xét,S01-KHONG-CO\n"
    ])
    let criteria = try Assessment.loadCriteria(at: Self.departmentCriteria)
    let data = try YearLoader.load(folder: year.path, criteria: criteria)
    #expect(data.warnings.map(\.code) == ["W-EXPLANATION-EVIDENCE"])
    #expect(data.warnings.first?.value == "S01-KHONG-CO")
    // Without a `round` column, an explanation answers the last round but one: round 1 of 2.
    #expect(data.explanations["S01"]?.first?.round == 1)
  }

  @Test func aDuplicateExplanationIsAnError() throws {
    let year = try Self.departmentsWith([
      "explanation.csv": "unit_id,code,text\nS01,1.5,một\nS01,1.5,hai\n"
    ])
    #expect(Self.errorCodes(year.path) == ["E-DUPLICATE-ROW"])
  }

  static func errors(_ folder: String) -> [Diagnostic] {
    do throws(Diagnostics) {
      _ = try YearLoader.load(folder: folder, criteria: Assessment.loadCriteria(at: departmentCriteria))
      return []
    } catch {
      return error.errors
    }
  }

  static func errorCodes(_ folder: String) -> [String] { errors(folder).map(\.code) }
}
