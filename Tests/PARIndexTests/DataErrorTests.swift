import Testing

@testable import PARIndex

/// Data that breaks a rule of docs/FORMATS.md or docs/SCORING.md is an error with file, line, field, value and what
/// was expected, never a silent default.
struct DataErrorTests {
  func problems(_ assessment: String, _ extra: [String: String] = [:]) throws -> [String] {
    var files = extra
    files["assessment.csv"] = "unit_id,code,value,points,evidence,note\n" + assessment
    return try Mini.problems(files).map { String($0.drop { $0 != "/" }.drop { $0 != ":" }) }
  }

  @Test(
    arguments: [
      ("Z,1.3,mot_phan,,,", ":2: unit_id 'Z': unknown unit: expected a unit_id listed in units.csv"),
      ("A,9.9,có,,,", ":2: code '9.9': unknown code: expected a leaf code of criteria set mini-2025"),
      ("A,1,có,,,", ":2: code '1': this item has sub-criteria: score each of its leaves instead"),
      ("A,1.3,,,,", ":2: value: the row has neither a value nor points: fill one in, or delete the row"),
      (
        "A,3.1,80%,,,",
        ":2: code '3.1': this leaf is scored from the survey (group sipas), not self-assessed: remove the row (only an appraisal row may set it)"
      ),
      (
        "A,2.1,KPS,,,",
        ":2: value 'KPS': this leaf cannot be 'not applicable': expected a real value (unit A, leaf 2.1, rule tiers)"
      ),
      ("A,1.3,mot_phan,1.5,,", ":2: points '1.5': points above the leaf's maximum 1 (unit A, leaf 1.3, rule choice)"),
      (
        "A,1.4,,0.6,,",
        ":2: points '0.6': expected points the rule can give: 1 minus a whole number of 0.25, not below 0.25 (unit A, leaf 1.4, rule deduction)"
      ),
      (
        "A,1.2,31/02/2025,,E1,",
        ":2: value '31/02/2025': expected the date it was done, dd/mm/yyyy or yyyy-mm-dd (or 'không' if it was not done) (unit A, leaf 1.2, rule deadline)"
      ),
      (
        "A,2.1,12abc,,,",
        ":2: value '12abc': expected a number, a percentage such as 85% or 85,5, or a ratio such as 17/20 (unit A, leaf 2.1, rule tiers)"
      ),
      (
        "A,2.2,21/20,,,",
        ":2: value '21/20': expected a ratio of at most 1 (the part cannot exceed the whole) (unit A, leaf 2.2, rule proportional)"
      ),
      ("A,1.3,mot_phan,1e3,,", ":2: points '1e3': expected a number such as 12, 0.5 or 0,5"),
      ("A,1.3,mot_phan,-0,,", ":2: points '-0': expected a number without a sign (values are never negative)"),
    ] as [(String, String)])
  func reportsOneClearLinePerProblem(row: String, expected: String) throws {
    #expect(try problems(row + "\n") == [expected])
  }

  @Test func reportsDuplicateRowsWithTheFirstLine() throws {
    #expect(
      try problems("A,1.3,mot_phan,,,\nA,1.3,khong,,,\n") == [
        ":3: code '1.3': duplicate row for unit A: already at line 2"
      ])
  }

  @Test func reportsEveryProblemAcrossFiles() throws {
    let lines = try problems("Z,1.3,x,,,\nA,1.1,có,,,\n", ["adjustments.csv": "unit_id,kind,points\nA,khác,1\n"])
    #expect(lines.count == 2)
  }

  @Test func appraisalChangingPointsNeedsAReason() throws {
    let lines = try problems(
      "A,1.3,mot_phan,,,\n", ["appraisal.csv": "unit_id,code,value,points,reason\nA,1.3,khong,,\n"])
    #expect(lines == [":2: reason: the appraisal changes A 1.3 from 0.5 points to 0 points: a reason is required"])
    // Confirming the self-assessed points needs none.
    #expect(
      try problems("A,1.3,mot_phan,,,\n", ["appraisal.csv": "unit_id,code,value,points,reason\nA,1.3,,0.5,\n"]).isEmpty)
  }

  @Test func aReasonIsJudgedAgainstWhatTheSelfRowScoresNotWhatItClaims() throws {
    // 1.2 on 05/02/2025 is late → 0.5, though the unit claims 1 (a mismatch that never counts).
    let row = "A,1.2,05/02/2025,1,E1,\n"
    let evidence = ["evidence.csv": "evidence_id,unit_id,title\nE1,A,Kế hoạch\n"]
    // The council confirms 0.5: no change to the score, no reason needed.
    #expect(
      try problems(row, evidence.merging(["appraisal.csv": "unit_id,code,points,reason\nA,1.2,0.5,\n"]) { $1 }).isEmpty)
    // The council gives the claimed 1: a change from 0.5, so a reason is required.
    #expect(
      try problems(row, evidence.merging(["appraisal.csv": "unit_id,code,points,reason\nA,1.2,1,\n"]) { $1 })
        == [":2: reason: the appraisal changes A 1.2 from 0.5 points to 1 points: a reason is required"])
    // Turning a scored leaf into "not applicable" is a change too.
    #expect(
      try problems("A,2.2,45,,,\n", ["appraisal.csv": "unit_id,code,value,reason\nA,2.2,KPS,\n"])
        == [":2: reason: the appraisal changes A 2.2 from 1.13 points to not applicable: a reason is required"])
  }

  @Test func aUnitWithNothingApplicableIsAnError() throws {
    // A set whose only leaf may be excluded: a unit that excludes it has maximum 0.
    let criteria = try CriteriaSetDecoder.decode(
      Array(
        """
        {"format": "parindex-criteria/1", "id": "one", "title": "t", "level": "commune", "year": 2025, "status": "modelled",
         "source": "test", "scale": 1, "classification": [{"label": "Yếu", "minIndex": 0}],
         "items": [{"code": "1", "title": "f", "maxPoints": 1, "rule": {"type": "check"}, "notApplicable": "exclude", "source": "t"}]}
        """.utf8), file: "one.json")
    let year = try TemporaryYear([
      "units.csv": "unit_id,name,group\nA,Xã A,xã\nB,Xã B,xã\n",
      "assessment.csv": "unit_id,code,value\nA,1,KPS\nB,1,có\n",
    ])
    #expect {
      _ = try Assessment.run(criteria: criteria, folder: year.path)
    } throws: { error in
      (error as! Diagnostics).all.map { $0.rendered(.english) }
        == [
          "\(year.path)/units.csv:2: unit_id 'A': every leaf of this unit is not applicable, so its maximum is 0 and its index is undefined"
        ]
    }
  }

  @Test func surveyErrorsNameTheRow() throws {
    let lines = try problems(
      "", ["survey.csv": "unit_id,respondent_id,question,answer\nA,r1,S1,6\nA,r1,S9,5\nA,r1,S1,5\nA,r1,S1,4\n"])
    #expect(
      lines == [
        ":2: answer '6': expected one of the survey scale's answers: 1, 2, 3, 4, 5",
        ":3: question 'S9': expected a question listed in the criteria set's survey groups",
        ":5: respondent_id 'r1': this respondent already answered question S1 for unit A",
      ])
  }

  @Test func fewRespondentsAreFlaggedNotDropped() throws {
    let results = try Mini.run([
      "assessment.csv": "unit_id,code,value\nA,1.3,mot_phan\n",
      "survey.csv": "unit_id,respondent_id,question,answer,weight\nA,r1,S1,5,2\nA,r2,S1,1,\n",
    ])
    // Weighted: (2 × 100 + 1 × 0) / 3 = 66.666… % → 2 × 0.6666… = 1.333… → 1.33; 2 respondents < 3.
    let leaf = results.unit("A")!.leaves.first { $0.code == "3.1" }!
    #expect(leaf.points == decimal("1.33"))
    #expect(leaf.flags == [.fewResponses(respondents: 2, minimum: 3)])
  }

  @Test func missingFilesAreNotFound() throws {
    let year = try TemporaryYear(["units.csv": Mini.units])
    #expect {
      _ = try Assessment.run(criteria: Mini.criteria, folder: year.path)
    } throws: { error in
      (error as! Diagnostics).hasMissingInput
    }
  }
}
