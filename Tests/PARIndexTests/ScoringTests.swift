import Testing

@testable import PARIndex

/// A hand-computed year on the mini fixture (scale 10). The arithmetic is written beside
/// each expectation; nothing here was copied from the program's output.
struct ScoringTests {
  static let year: [String: String] = [
    "assessment.csv": """
    unit_id,code,value,points,evidence,note
    A,1.1,có,1,E1,
    A,1.2,05/02/2025,1,E2,trễ 5 ngày nhưng tự chấm đủ
    A,1.3,mot_phan,,,
    A,1.4,2,,,
    A,2.1,182/200,,,
    A,2.2,45,,,
    A,2.3,"1,25",,,
    B,1.1,có,1,,
    B,1.2,2025-01-31,,E9,
    B,1.3,hoan_thanh,,,
    B,1.4,,0.75,,
    B,2.1,98%,,,
    B,2.2,KPS,,,
    P,1.1,có,,E1,
    P,1.2,31/01/2025,,E2|E9,
    P,1.3,hoan_thanh,,,
    P,1.4,0,,,
    P,2.1,100%,,,
    P,2.2,60,,,
    P,2.3,không phát sinh,,,

    """,
    "appraisal.csv": """
    unit_id,code,value,points,reason
    B,1.1,có,,Đã bổ sung tài liệu sau giải trình
    B,2.1,95,,Số liệu trên hệ thống một cửa là 95 %
    P,3.1,90%,,Kết quả do Viện khảo sát công bố

    """,
    "evidence.csv": """
    evidence_id,unit_id,title,doc_number,date,issuer,location
    E1,A,Kế hoạch kiểm tra CCHC năm 2025,05/KH-UBND,10/01/2025,UBND xã,
    E2,A,Kế hoạch CCHC năm 2025,12/KH-UBND,05/02/2025,UBND xã,
    E1,P,Kế hoạch kiểm tra CCHC năm 2025,03/KH-UBND,08/01/2025,UBND phường,
    E2,P,Kế hoạch CCHC năm 2025,09/KH-UBND,31/01/2025,UBND phường,
    E9,P,Báo cáo quý I,21/BC-UBND,30/03/2025,UBND phường,

    """,
    "survey.csv": """
    unit_id,respondent_id,question,answer,weight
    A,r1,S1,5,
    A,r1,S2,4,
    A,r2,S1,4,1
    A,r2,S2,4,1
    A,r3,S1,3,
    A,r3,S2,5,

    """,
    "adjustments.csv": """
    unit_id,kind,points,reason
    A,bonus,0.3,Sáng kiến cấp huyện
    A,bonus,0.4,Mô hình một cửa điện tử
    B,penalty,0.5,Chậm báo cáo
    P,bonus,0.5,Sáng kiến cấp tỉnh

    """,
  ]

  let results = try! Mini.run(ScoringTests.year)

  func unit(_ id: String) -> Ranked<UnitScore> { results.unit(id)! }
  func leaf(_ id: String, _ code: String) -> LeafScore { unit(id).leaves.first { $0.code == code }! }

  // Unit A
  // 1.1 có → 1; 1.2 05/02 after 31/01, before 31/03 → 0.5 (claimed 1: mismatch); 1.3 mot_phan → 0.5;
  // 1.4 two late reports → 1 − 2 × 0.25 = 0.5. Field 1 = 2.5.
  // 2.1 182/200 = 91 % > 90 → 0.5; 2.2 45 % of target 60 → 1.5 × 45/60 = 1.125 → 1.13; 2.3 1.25. Field 2 = 2.88.
  // 3.1 answers 5,4,4,4,3,5 → 100,75,75,75,50,100: mean 475/6 = 79.1666… % → 2 × 0.791666… = 1.5833… → 1.58.
  // Leaves 2.5 + 2.88 + 1.58 = 6.96; bonus 0.3 + 0.4 = 0.7 capped at 0.5 → total 7.46 / 10 → 74.60 % → Khá (≥ 65.5).
  @Test func unitAFromHandArithmetic() {
    let a = unit("A")
    #expect(a.fieldPoints == [decimal("2.5"), decimal("2.88"), decimal("1.58")])
    #expect(leaf("A", "1.2").points == decimal("0.5"))
    #expect(leaf("A", "1.2").flags == [.mismatch(claimed: FixedDecimal(1))])
    #expect(leaf("A", "2.2").points == decimal("1.13"))
    #expect(leaf("A", "3.1").source == .survey)
    #expect(leaf("A", "3.1").flags.isEmpty)  // 3 respondents = minResponses 3
    #expect(a.leafTotal == decimal("6.96"))
    #expect(a.bonusClaimed == decimal("0.7") && a.bonus == decimal("0.5"))
    #expect(a.total == decimal("7.46") && a.maxPoints == FixedDecimal(10))
    #expect(a.index == decimal("74.6") && a.classLabel == "Khá")
    #expect(a.score.node("1")?.applicableMax == FixedDecimal(4))
  }

  // Unit B
  // 1.1 appraisal có → 1 (the appraisal is the council's decision: no evidence check);
  // 1.2 on time but cites E9, which B does not have → no_evidence, 0; 1.3 → 1; 1.4 points 0.75 (1 − 1 × 0.25).
  // Field 1 = 2.75. 2.1 appraisal 95 % → 0.5 (self 98 % would give 1); 2.2 KPS, exclude → 0 of 0;
  // 2.3 no row → missing, 0 of 1.5. Field 2 = 0.5. 3.1 no answers → missing. Max 10 − 1.5 = 8.5.
  // Leaves 3.25; penalty 0.5 → 2.75; 2.75 / 8.5 × 100 = 32.3529… % → 32.35 % → Yếu.
  @Test func unitBFromHandArithmetic() {
    let b = unit("B")
    #expect(leaf("B", "1.1").source == .appraisal && leaf("B", "1.1").points == FixedDecimal(1))
    #expect(leaf("B", "1.1").appraisalReason == "Đã bổ sung tài liệu sau giải trình")
    #expect(leaf("B", "1.2").status == .noEvidence && leaf("B", "1.2").reasoning == .noEvidence(unknownIDs: ["E9"]))
    #expect(leaf("B", "2.2").status == .notApplicable && !leaf("B", "2.2").isApplicable)
    #expect(leaf("B", "2.3").status == .missing && leaf("B", "2.3").isApplicable)
    #expect(leaf("B", "3.1").status == .missing)
    #expect(b.fieldPoints == [decimal("2.75"), decimal("0.5"), .zero])
    #expect(b.maxPoints == decimal("8.5"))
    #expect(b.total == decimal("2.75"))
    #expect(b.exactIndex == Fraction(27500, 850) && b.index == decimal("32.35") && b.classLabel == "Yếu")
  }

  // B's appraisal: 1.1 → 1, where B's own row scores 0 (no evidence): +1;
  // 2.1 → 0.5 at 95 %, where B's own 98 % scores 1: −0.5. The change is +0.5.
  @Test func appraisalChangeIsMeasuredAgainstTheUnitsOwnRows() {
    #expect(leaf("B", "1.1").selfPoints == .zero && leaf("B", "2.1").selfPoints == FixedDecimal(1))
    #expect(unit("B").appraisalChange == decimal("0.5"))
    #expect(unit("A").appraisalChange == .zero)
    #expect(unit("P").appraisalChange == .zero)  // a published survey result is not a change
  }

  // Unit P
  // Field 1: 1 + 1 (31/01 is the due date: on time) + 1 + 1 (0 late reports) = 4.
  // Field 2: 1 (100 %) + 1.5 (60 % = target) + 1.5 (không phát sinh, policy full) = 4.
  // 3.1 appraisal gives the published 90 % → 2 × 0.9 = 1.8. Leaves 9.8 + bonus 0.5 = 10.3 → clamped to 10.
  @Test func unitPIsClampedToItsMaximum() {
    let p = unit("P")
    #expect(leaf("P", "2.3").points == decimal("1.5") && leaf("P", "2.3").status == .notApplicable)
    #expect(leaf("P", "3.1").points == decimal("1.8") && leaf("P", "3.1").source == .appraisal)
    #expect(p.leafTotal == decimal("9.8") && p.total == FixedDecimal(10) && p.index == FixedDecimal(100))
    #expect(p.classLabel == "Tốt" && p.rank == 1)
  }

  @Test func groupsKeepTheOrderOfUnitsCSVAndRankInside() {
    #expect(results.groups.map(\.name) == ["xã", "phường"])
    #expect(results.groups[0].units.map(\.unit.id) == ["A", "B"])
    #expect(results.groups[0].units.map(\.rank) == [1, 2])
  }

  @Test func rankingCSVFollowsFormatsToTheByte() {
    #expect(
      RankingCSV.render(results) == """
        group,rank,unit_id,name,1,2,3,total,max,index,class
        xã,1,A,Xã An Bình,2.50,2.88,1.58,7.46,10.00,74.60,Khá
        xã,2,B,Xã Bình Minh,2.75,0.50,0.00,2.75,8.50,32.35,Yếu
        phường,1,P,Phường Tân Phú,4.00,4.00,1.80,10.00,10.00,100.00,Tốt

        """)
    #expect(
      RankingCSV.render(results, dialect: .excel).hasPrefix(
        "\u{FEFF}group;rank;unit_id;name;1;2;3;total;max;index;class\nxã;1;A;Xã An Bình;2,50;2,88;1,58;7,46;10,00;74,60;Khá\n"
      ))
  }

  @Test func resultsDoNotDependOnRowOrderOrDialect() throws {
    var shuffled = Self.year
    for name in ["assessment.csv", "survey.csv", "evidence.csv"] {
      let lines = shuffled[name]!.split(separator: "\n")
      shuffled[name] = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
    }
    // Excel dialect for the assessment: BOM, ';', CRLF, decimal commas as they stand.
    shuffled["assessment.csv"] =
      "\u{FEFF}"
      + shuffled["assessment.csv"]!
      .replacingOccurrences(of: "\"1,25\"", with: "1;25")
      .replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "1;25", with: "1,25")
      .replacingOccurrences(of: "\n", with: "\r\n")
    #expect(RankingCSV.render(try Mini.run(shuffled)) == RankingCSV.render(results))
  }

  @Test func totalsOnlyScoringKeepsEverythingButTheLeaves() throws {
    var files = ScoringTests.year
    files["units.csv"] = Mini.units
    let year = try TemporaryYear(files)
    let totals = try Assessment.rank(criteria: Mini.criteria, folder: year.path)
    let leafCount = try Mini.criteria.leaves.count
    #expect(leafCount > 0 && results.rankedUnits.allSatisfy { $0.leaves.count == leafCount })
    // The same totals and ranks, unit for unit, as the full scoring's.
    #expect(totals.rankedUnits.map { $0.score } == results.rankedUnits.map { $0.score.totals })
    #expect(totals.rankedUnits.map { $0.rank } == results.rankedUnits.map { $0.rank })
    #expect(RankingCSV.render(totals) == RankingCSV.render(results))
  }

  @Test func aRepeatedUnitInTheListGivenToTheFileReadersKeepsRowsWithTheirUnit() throws {
    // Through the per-file API a caller may pass a list that repeats an id: rows still go to
    // the unit they name.
    let units = try ["A", "B", "A", "C"].map { try AssessedUnit(id: $0, name: $0, group: "xã") }
    let year = try TemporaryYear(["assessment.csv": "unit_id,code,value\nC,1.1,có\nA,1.1,không\n"])
    let rows = try YearLoader.readEntries(
      at: year.path + "/assessment.csv", criteria: Mini.criteria, units: units, appraisal: false)
    #expect(rows["C"]?["1.1"]?.value == "có" && rows["A"]?["1.1"]?.value == "không" && rows.count == 2)
  }

  @Test func nfdTextMatchesAndPrintsAsNFC() throws {
    var year = Self.year
    let nfdUnits = Mini.units.replacingOccurrences(of: "Xã An Bình", with: "Xa\u{303} An Bi\u{300}nh")
    year["units.csv"] = nfdUnits
    year["assessment.csv"] = year["assessment.csv"]!.replacingOccurrences(
      of: "B,1.2,2025-01-31", with: "B,1.2,2025-01-31"
    )
    .replacingOccurrences(of: "A,1.1,có", with: "A,1.1,co\u{301}")
    #expect(RankingCSV.render(try Mini.run(year)) == RankingCSV.render(results))
  }
}
