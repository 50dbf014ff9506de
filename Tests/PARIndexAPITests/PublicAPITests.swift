import Foundation
import PARIndex
import Testing

// This target imports PARIndex without @testable: only what an embedding program can reach.
// Every value here is built through the public API, and every one must either throw a
// `Diagnostics` with a stable code or give a correct result — never trap.

/// The stable codes of what was thrown (or `[]` when nothing was).
func codes<T>(_ body: () throws(Diagnostics) -> T) -> [String] {
  do {
    _ = try body()
    return []
  } catch {
    return error.all.map(\.code)
  }
}

func decimal(_ text: String) -> FixedDecimal {
  guard case .success(let value) = FixedDecimal.parse(text) else { fatalError("test literal \(text)") }
  return value
}

func whole(_ value: Int) -> FixedDecimal { FixedDecimal(exactly: value)! }

/// A small valid set built in code: one field of two leaves, one criterion of two.
func smallSet(
  leafCode: String = "1.1", maxPoints: FixedDecimal = whole(60), rule: Rule = .check
) throws(Diagnostics) -> CriteriaSet {
  let first = try CriteriaNode(code: leafCode, title: "Kế hoạch", maxPoints: maxPoints, rule: rule)
  let second = try CriteriaNode(
    code: "1.2", title: "Báo cáo", maxPoints: whole(100).subtracting(maxPoints)!, rule: .check)
  let field = try CriteriaNode(code: "1", title: "Chỉ đạo", maxPoints: whole(100), children: [first, second])
  return try CriteriaSet(
    id: "api-test", title: "Bộ thử", level: .commune, year: 2025, status: .modelled, source: "test",
    classification: [
      ClassificationBand(label: "Tốt", minIndex: whole(80)), ClassificationBand(label: "Khác", minIndex: .zero),
    ],
    items: [field])
}

struct NumbersThroughThePublicAPI {
  @Test func wholeNumbersOutsideTheRangeAreRefused() {
    #expect(FixedDecimal(exactly: Int.max) == nil)
    #expect(FixedDecimal(exactly: -Int.max) == nil)
    #expect(FixedDecimal(exactly: 1_000_000_000_000)?.description == "1000000000000")
    #expect(FixedDecimal(exactlyMicros: .min) == nil)
    #expect(FixedDecimal(exactlyMicros: 250_000)?.description == "0.25")
  }

  @Test func fractionsWithAZeroDenominatorAreNil() {
    #expect(Fraction(numerator: 1, denominator: 0) == nil)
    #expect(Fraction(numerator: .min, denominator: 1) == nil)
    #expect(Fraction(numerator: 1, denominator: .min) == nil)
    #expect(Fraction(numerator: 2, denominator: -4) == Fraction(numerator: -1, denominator: 2))
  }

  /// Cross-multiplication of 127-bit parts does not fit 128 bits; the comparison is still exact.
  @Test func comparisonsOfHugeFractionsAreExact() {
    let big = Int128.max
    let a = Fraction(numerator: big, denominator: big - 1)!  // just above 1
    let b = Fraction(numerator: big - 1, denominator: big - 2)!  // a little further above 1
    #expect(a > Fraction(numerator: 1, denominator: 1)!)
    #expect(a < b)
    #expect(Fraction(numerator: big, denominator: big)! == Fraction(numerator: 1, denominator: 1)!)
    #expect(Fraction(numerator: -big, denominator: 3)! < Fraction(numerator: big, denominator: 3)!)
    #expect(Fraction.percentage(whole(1), of: .zero) == nil)
    #expect(a.multiplied(by: b) == nil)
  }

  @Test func roundingOutOfRangePlacesIsClamped() {
    #expect(decimal("0.125").rounded(places: 2).description == "0.13")
    #expect(decimal("0.125").rounded(places: -3).description == "0")
    #expect(decimal("0.125").rounded(places: 99).description == "0.125")
    #expect(FixedDecimal.step(places: 9).description == "0.000001")
  }
}

struct CriteriaBuiltInCode {
  @Test func aValidSetScoresLikeAFile() throws {
    let set = try smallSet()
    #expect(set.leaves.map(\.code) == ["1.1", "1.2"])
    #expect(set.classify(roundedIndex: whole(85)).label == "Tốt")
    #expect(set.classify(roundedIndex: whole(10)).label == "Khác")
  }

  @Test(arguments: [
    ("1.1.", "E-CRITERIA-CODE"), ("1..1", "E-CRITERIA-CODE"), ("", "E-CRITERIA-CODE"), (" 1.1", "E-CRITERIA-CODE"),
    ("1,1", "E-CRITERIA-CODE"), ("1.1\u{200D}", "E-INVISIBLE-CHARACTER"),
  ])
  func codesMustBeDottedParts(code: String, expected: String) {
    let thrown = codes { () throws(Diagnostics) in
      try CriteriaNode(code: code, title: "x", maxPoints: whole(1), rule: .check)
    }
    #expect(thrown == [expected])
  }

  @Test func leavesWithImpossibleRulesAreRefused() {
    func leaf(_ rule: Rule, max: FixedDecimal = whole(2)) -> [String] {
      codes { () throws(Diagnostics) in try CriteriaNode(code: "1.1", title: "x", maxPoints: max, rule: rule) }
    }
    #expect(leaf(.check, max: .zero) == ["E-CRITERIA-MAX-ZERO"])
    #expect(leaf(.check, max: whole(-3)) == ["E-CRITERIA-MAX-ZERO"])
    #expect(leaf(.check, max: whole(20_000)) == ["E-CRITERIA-MAX-LARGE"])
    #expect(leaf(.deduction(perItem: .zero, floor: .zero)) == ["E-CRITERIA-PER-ITEM"])
    #expect(leaf(.choice([])) == ["E-CRITERIA-EMPTY-LIST"])
    #expect(leaf(.manual(step: .zero)) == ["E-CRITERIA-STEP"])
    #expect(leaf(.proportional(target: .zero, zeroBelow: nil)) == ["E-CRITERIA-TARGET"])
    #expect(leaf(.proportional(target: whole(200), zeroBelow: nil)) == ["E-CRITERIA-TARGET"])
    let options = [
      ChoiceOption(key: "a", label: "A", points: whole(3)), ChoiceOption(key: "a", label: "A", points: whole(1)),
    ]
    #expect(leaf(.choice(options)) == ["E-CRITERIA-POINTS-ABOVE-MAX", "E-CRITERIA-OPTION-KEY"])
    let ascending = [
      Tier(threshold: whole(50), isStrict: false, points: whole(1)),
      Tier(threshold: whole(90), isStrict: false, points: whole(2)),
    ]
    #expect(leaf(.tiers(ascending)) == ["E-CRITERIA-TIERS-ORDER"])
    let due = CalendarDate(year: 2025, month: 3, day: 31)!
    let before = CalendarDate(year: 2025, month: 1, day: 1)!
    #expect(
      leaf(.deadline(due: due, latePoints: whole(5), lateUntil: before)) == [
        "E-CRITERIA-POINTS-ABOVE-MAX", "E-CRITERIA-LATE-UNTIL",
      ])
  }

  @Test func parentsMustAddUp() throws {
    let child = try CriteriaNode(code: "1.1", title: "x", maxPoints: whole(2), rule: .check)
    #expect(
      codes { () throws(Diagnostics) in try CriteriaNode(code: "1", title: "x", maxPoints: whole(3), children: [child])
      } == ["E-CRITERIA-CHILDREN-SUM"])
    #expect(
      codes { () throws(Diagnostics) in try CriteriaNode(code: "1", title: "x", maxPoints: whole(3), children: []) }
        == ["E-CRITERIA-EMPTY-LIST"])
  }

  @Test func setsCheckWhatDependsOnTheWhole() throws {
    let leaf = try CriteriaNode(code: "1", title: "x", maxPoints: whole(100), rule: .check)
    let twin = try CriteriaNode(code: "1", title: "y", maxPoints: whole(100), rule: .check)
    let survey = try CriteriaNode(code: "2", title: "z", maxPoints: whole(100), rule: .survey(group: "sipas"))
    let precise = try CriteriaNode(code: "3", title: "w", maxPoints: decimal("100.125"), rule: .check)
    let bands = [ClassificationBand(label: "Tốt", minIndex: .zero)]
    func set(
      _ items: [CriteriaNode], bands: [ClassificationBand] = bands, year: Int = 2025, places: Int = 2
    ) -> [String] {
      codes { () throws(Diagnostics) in
        try CriteriaSet(
          id: "s", title: "t", level: .department, year: year, status: .modelled, source: "x", pointsPlaces: places,
          classification: bands, items: items)
      }
    }
    #expect(set([leaf]) == [])
    #expect(set([leaf], bands: []) == ["E-CRITERIA-NO-BANDS"])
    #expect(set([leaf], bands: [ClassificationBand(label: "Tốt", minIndex: whole(50))]) == ["E-CRITERIA-LAST-BAND"])
    #expect(set([leaf], year: 1800) == ["E-CRITERIA-YEAR"])
    #expect(set([leaf], places: 9) == ["E-CRITERIA-PLACES"])
    #expect(set([leaf, twin]) == ["E-CRITERIA-DUPLICATE-CODE", "E-CRITERIA-FIELDS-SUM"])
    #expect(set([survey]) == ["E-CRITERIA-NO-SURVEY"])
    #expect(set([precise]).contains("E-CRITERIA-DECIMALS"))
    #expect(set([]) == ["E-CRITERIA-EMPTY-LIST"])
  }
}

struct YearsBuiltInCode {
  static let origin = RowOrigin(file: "portal-upload", line: 3)

  @Test func rowsAreCheckedWhenBuilt() {
    #expect(
      codes { () throws(Diagnostics) in try AssessedUnit(id: "U1\u{200D}", name: "x", group: "g") } == [
        "E-INVISIBLE-CHARACTER"
      ])
    #expect(codes { () throws(Diagnostics) in try AssessedUnit(id: "U1 ", name: "x", group: "g") } == ["E-ID-SPACES"])
    #expect(codes { () throws(Diagnostics) in try AssessedUnit(id: "U1", name: " ", group: "") }.count == 2)
    #expect(
      codes { () throws(Diagnostics) in try LeafEntry(unitID: "U1", code: "1.1", claim: .value("  ")) } == [
        "E-EMPTY-FIELD"
      ])
    #expect(
      codes { () throws(Diagnostics) in try LeafEntry(unitID: "U1", code: "1.1", claim: .points(whole(-1))) } == [
        "E-NUMBER-SIGNED"
      ])
    #expect(
      codes { () throws(Diagnostics) in try Adjustment(unitID: "U1", kind: .bonus, points: whole(-1)) } == [
        "E-NUMBER-SIGNED"
      ])
    #expect(
      codes { () throws(Diagnostics) in try EvidenceDocument(id: "", unitID: "U1", title: "x") } == ["E-EMPTY-FIELD"])
  }

  @Test func aYearChecksItsRowsAgainstItsUnits() throws {
    let unit = try AssessedUnit(id: "U1", name: "Xã Một", group: "xã")
    let row = try LeafEntry(unitID: "U1", code: "1.1", claim: .value("có"), origin: Self.origin)
    let stranger = try LeafEntry(unitID: "U9", code: "1.1", claim: .value("có"), origin: Self.origin)
    #expect(codes { () throws(Diagnostics) in try YearData(units: [unit, unit]) } == ["E-DUPLICATE-UNIT"])
    #expect(
      codes { () throws(Diagnostics) in try YearData(units: [unit], assessment: [row, row]) } == ["E-DUPLICATE-ROW"])
    #expect(
      codes { () throws(Diagnostics) in try YearData(units: [unit], assessment: [stranger]) } == ["E-UNKNOWN-UNIT"])
    #expect(codes { () throws(Diagnostics) in try YearData(units: []) } == ["E-NO-UNITS"])
  }

  @Test func scoringAYearBuiltInCodeChecksItAgainstTheSet() throws {
    let set = try smallSet()
    let unit = try AssessedUnit(id: "U1", name: "Xã Một", group: "xã")
    let unknown = try LeafEntry(unitID: "U1", code: "9.9", claim: .value("có"), origin: Self.origin)
    let parent = try LeafEntry(unitID: "U1", code: "1", claim: .points(whole(5)), origin: Self.origin)
    let year = try YearData(units: [unit], assessment: [unknown, parent])
    let thrown = codes { () throws(Diagnostics) in try Assessment.run(criteria: set, data: year) }
    #expect(thrown == ["E-UNKNOWN-CODE", "E-UNKNOWN-CODE"])
    let bonus = try Adjustment(unitID: "U1", kind: .bonus, points: whole(1), origin: Self.origin)
    #expect(
      codes { () throws(Diagnostics) in
        try Assessment.run(criteria: set, data: try YearData(units: [unit], adjustments: [bonus]))
      } == ["E-NO-ADJUSTMENT-CAPS"])
  }

  @Test func aYearBuiltInCodeScoresExactly() throws {
    let set = try smallSet()
    let unit = try AssessedUnit(id: "U1", name: "Xã Một", group: "xã")
    let other = try AssessedUnit(id: "U2", name: "Xã Hai", group: "xã")
    // U1: 1.1 yes (60) and 1.2 no (0) → 60 / 100. U2: 1.2 given 40 points → 40; 1.1 missing.
    let rows = [
      try LeafEntry(unitID: "U1", code: "1.1", claim: .value("có"), origin: Self.origin),
      try LeafEntry(unitID: "U1", code: "1.2", claim: .value("không"), origin: Self.origin),
      try LeafEntry(unitID: "U2", code: "1.2", claim: .points(whole(40)), origin: Self.origin),
    ]
    let results = try Assessment.run(criteria: set, data: try YearData(units: [unit, other], assessment: rows))
    #expect(
      results.rankedUnits.map { "\($0.unit.id) \($0.rank) \($0.total) \($0.classLabel)" } == [
        "U1 1 60 Khác", "U2 2 40 Khác",
      ])
    let missing = try #require(results.unit("U2")?.leaves.first)
    #expect(
      missing.status == .missing && missing.status.label() == "THIẾU số liệu"
        && missing.status.label(.english) == "missing")
    #expect(missing.lostPoints == whole(60))
    // Points the rule cannot give, and a value it cannot read, are errors, not numbers.
    let wrong = try LeafEntry(unitID: "U1", code: "1.1", claim: .points(whole(7)), origin: Self.origin)
    let unreadable = try LeafEntry(
      unitID: "U2", code: "1.1", claim: .valueAndPoints("maybe", whole(60)), origin: Self.origin)
    let thrown = codes { () throws(Diagnostics) in
      try Assessment.run(criteria: set, data: try YearData(units: [unit, other], assessment: [wrong, unreadable]))
    }
    #expect(thrown == ["E-POINTS-NOT-ALLOWED", "E-VALUE-YES-NO"])
  }

  @Test func roundsBuiltInCodeScoreAsTheFilesDo() throws {
    let set = try smallSet()
    let unit = try AssessedUnit(id: "U1", name: "Xã Một", group: "xã")
    // Self 1.1 yes (60); round 1 no (0, a reason); the unit explains; round 2 yes (60, a reason).
    let own = try LeafEntry(unitID: "U1", code: "1.1", claim: .value("có"), origin: Self.origin)
    let first = try LeafEntry(unitID: "U1", code: "1.1", claim: .value("không"), remark: "thiếu tài liệu")
    let second = try LeafEntry(
      unitID: "U1", code: "1.1", claim: .value("có"), remark: "đã bổ sung", appraiser: "Hội đồng",
      date: CalendarDate(year: 2026, month: 2, day: 10))
    let answer = try UnitExplanation(unitID: "U1", code: "1.1", text: "Bổ sung kế hoạch", round: 1)
    let year = try YearData(
      units: [unit], assessment: [own], appraisalRounds: [[first], [second]], explanations: [answer])
    let results = try Assessment.run(criteria: set, data: year)
    let leaf = try #require(results.unit("U1")?.leaves.first)
    #expect(leaf.points == whole(60) && results.appraisalRounds == 2)
    #expect(
      leaf.history.map(\.kind) == [.selfAssessment, .appraisal(round: 1), .explanation(round: 1), .appraisal(round: 2)])
    #expect(leaf.history.map(\.points) == [whole(60), .zero, nil, whole(60)])
    let rounds = try #require(results.unit("U1")).score.roundSummaries(rounds: 2, criteria: set)
    #expect(rounds.map(\.totalAfter) == [.zero, whole(60)] && rounds.map(\.down) == [1, 0])
    // As it stood after round 1, and before any round.
    #expect(try Assessment.run(criteria: set, data: try #require(year.asOfRound(1))).rankedUnits[0].total == .zero)
    #expect(try Assessment.run(criteria: set, data: try #require(year.asOfRound(0))).rankedUnits[0].total == whole(60))
    // Round 2 without its reason: it changes round 1's 0 to 60.
    let silent = try LeafEntry(unitID: "U1", code: "1.1", claim: .value("có"))
    #expect(
      codes { () throws(Diagnostics) in
        try Assessment.run(
          criteria: set, data: try YearData(units: [unit], assessment: [own], appraisalRounds: [[first], [silent]]))
      } == ["E-REASON-REQUIRED"])
    // One round and rounds at once; an explanation of a round the year does not hold.
    #expect(
      codes { () throws(Diagnostics) in
        try YearData(units: [unit], appraisal: [first], appraisalRounds: [[second]])
      } == ["E-APPRAISAL-FORMS"])
    let late = try UnitExplanation(unitID: "U1", code: "1.1", text: "x", round: 3)
    #expect(
      codes { () throws(Diagnostics) in
        try Assessment.run(
          criteria: set, data: try YearData(units: [unit], appraisalRounds: [[first]], explanations: [late]))
      } == ["E-EXPLANATION-ROUND"])
    #expect(
      codes { () throws(Diagnostics) in try UnitExplanation(unitID: "U1", code: "1.1", text: " ", round: 0) } == [
        "E-EMPTY-FIELD", "E-ROUND-NUMBER",
      ])
  }
}

struct AnalysesThroughThePublicAPI {
  @Test func sensitivitySettingsAreChecked() {
    #expect(codes { () throws(Diagnostics) in try Sensitivity.Settings(runs: 0) } == ["E-SETTING-RANGE"])
    #expect(
      codes { () throws(Diagnostics) in try Sensitivity.Settings(runs: -5, spread: whole(101)) } == [
        "E-SETTING-RANGE", "E-SETTING-RANGE",
      ])
    #expect(Sensitivity.Settings.standard.runs == 1000)
  }

  @Test func whatIfNamesWhatItDoesNotKnow() throws {
    let set = try smallSet()
    let unit = try AssessedUnit(id: "U1", name: "Xã Một", group: "xã")
    let data = try YearData(
      units: [unit], assessment: [try LeafEntry(unitID: "U1", code: "1.1", claim: .value("không"))])
    let unknownUnit = codes { () throws(Diagnostics) in try WhatIf.apply([], unit: "NOPE", criteria: set, data: data) }
    #expect(unknownUnit == ["E-NO-SUCH-UNIT"])
    let results = try Assessment.run(criteria: set, data: data)
    let ranked = try #require(results.unit("U1"))
    #expect(
      codes { () throws(Diagnostics) in try WhatIf.goal("Vàng", unit: ranked, criteria: set) } == ["E-NO-SUCH-CLASS"])
    // 0 of 100 now; raising 1.1 (60) and 1.2 (40) to their maxima reaches Tốt (80).
    let plan = try WhatIf.goal("Tốt", unit: ranked, criteria: set)
    #expect(plan?.map(\.code) == ["1.1", "1.2"])
  }
}

/// A portal that receives uploads holds the files in memory: loading them from named buffers
/// must give what loading the same files from a folder gives, and problems must name the
/// buffer's name.
struct DataFromMemory {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  func buffers(_ folder: String) throws -> [InputData] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted()
    return try names.map { name in
      InputData(name: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
    }
  }

  @Test func aYearFromBuffersRanksLikeTheFolder() throws {
    let folder = Self.repository + "/Examples/2025/communes"
    let criteria = try Assessment.loadCriteria(at: Self.repository + "/criteria/commune-2025.json")
    let fromFolder = try Assessment.run(criteria: criteria, folder: folder)
    let files = try buffers(folder)
    let fromMemory = try Assessment.run(criteria: criteria, files: files)
    let ranked = try Assessment.rank(criteria: criteria, files: files)
    func summary<S>(_ year: RankedYear<S>) -> [String] {
      year.rankedUnits.map {
        "\($0.score.totals.unit.id) \($0.rank) \($0.score.totals.total) \($0.score.totals.classLabel)"
      }
    }
    #expect(!fromFolder.rankedUnits.isEmpty)
    #expect(summary(fromMemory) == summary(fromFolder))
    #expect(summary(ranked) == summary(fromFolder))
  }

  /// A year read against one set and scored with another that differs only in what the
  /// reader checked (here: no caps on adjustments) is checked again, not scored with the
  /// adjustment rows silently capped at 0.
  @Test func aYearScoredWithAnEditedSetIsCheckedAgain() throws {
    let criteria = try Assessment.loadCriteria(at: Self.repository + "/criteria/commune-2025.json")
    let data = try YearLoader.load(folder: Self.repository + "/Examples/2025/communes", criteria: criteria)
    #expect(!data.adjustments.isEmpty)
    let uncapped = try CriteriaSet(
      id: criteria.id, title: criteria.title, level: criteria.level, year: criteria.year, status: criteria.status,
      source: criteria.source, scale: criteria.scale, pointsPlaces: criteria.pointsPlaces,
      indexPlaces: criteria.indexPlaces, evidencePolicy: criteria.evidencePolicy,
      classification: criteria.classification, adjustmentCaps: nil, survey: criteria.survey, items: criteria.items)
    #expect(
      codes { () throws(Diagnostics) in try Assessment.run(criteria: uncapped, data: data) }.contains(
        "E-NO-ADJUSTMENT-CAPS"))
    #expect(codes { () throws(Diagnostics) in try Assessment.run(criteria: criteria, data: data) } == [])
  }

  /// A year read from files holds its rows packed; its tables by unit id and code, one unit's
  /// rows and the counts say the same rows, and a set listing the same leaves in another order
  /// (rows then found by code, not by position) scores every leaf the same.
  @Test func aYearReadFromFilesGivesItsRowsEveryWay() throws {
    let criteria = try Assessment.loadCriteria(at: Self.repository + "/criteria/commune-2025.json")
    let data = try YearLoader.load(folder: Self.repository + "/Examples/2025/communes", criteria: criteria)
    let table = data.selfAssessment
    #expect(data.selfAssessmentRowCount == table.values.reduce(0) { $0 + $1.count } && !table.isEmpty)
    #expect(data.appraisalRoundCount == data.appraisalRounds.count && data.appraisalRoundCount > 0)
    for unit in data.units { #expect(data.selfAssessment(of: unit.id) == (table[unit.id] ?? [:])) }
    #expect(data.selfAssessment(of: "no such unit").isEmpty)
    for (unitID, rows) in table {
      for (code, entry) in rows { #expect(entry.unitID == unitID && entry.code == code) }
    }
    let reordered = try CriteriaSet(
      id: criteria.id, title: criteria.title, level: criteria.level, year: criteria.year, status: criteria.status,
      source: criteria.source, scale: criteria.scale, pointsPlaces: criteria.pointsPlaces,
      indexPlaces: criteria.indexPlaces, evidencePolicy: criteria.evidencePolicy,
      classification: criteria.classification, adjustmentCaps: criteria.adjustmentCaps, survey: criteria.survey,
      items: criteria.items.reversed())
    let asRead = try Assessment.run(criteria: criteria, data: data)
    let byCode = try Assessment.run(criteria: reordered, data: data)
    for unit in data.units {
      let (first, second) = (try #require(asRead.unit(unit.id)), try #require(byCode.unit(unit.id)))
      #expect(
        first.score.totals.total == second.score.totals.total && first.score.totals.index == second.score.totals.index)
      let points = Dictionary(uniqueKeysWithValues: first.score.leaves.map { ($0.code, $0.points) })
      #expect(Dictionary(uniqueKeysWithValues: second.score.leaves.map { ($0.code, $0.points) }) == points)
      #expect(first.score.leaves.map(\.decidingEntry).allSatisfy { $0 == nil || $0!.unitID == unit.id })
    }
  }

  @Test func problemsInABufferNameIt() throws {
    let criteriaText = try String(contentsOfFile: Self.repository + "/criteria/commune-2025.json", encoding: .utf8)
    let criteria = try Assessment.loadCriteria(InputData(name: "upload-criteria.json", text: criteriaText))
    var files = try buffers(Self.repository + "/Examples/2025/communes")
    let index = try #require(files.firstIndex { $0.name == "units.csv" })
    files[index] = InputData(name: "units.csv", text: "unit_id,name,group\nX01,Xã Một,xã\nX01,Xã Một lần nữa,xã\n")
    do {
      _ = try Assessment.run(criteria: criteria, files: files)
      Issue.record("a duplicate unit was accepted")
    } catch {
      #expect(error.all.contains { $0.location.file.hasSuffix("units.csv") && $0.location.line == 3 })
    }
    let broken = InputData(name: "upload-criteria.json", text: "{\"id\": 1}")
    #expect(codes { () throws(Diagnostics) in try Assessment.loadCriteria(broken) }.isEmpty == false)
  }
}

/// Extreme values an embedding program may pass, each once found to trap or to be wrong.
struct ExtremesThroughThePublicAPI {
  @Test func roundingIsExactForAnyParts() {
    let nearlyOne = Fraction(numerator: .max - 1, denominator: .max)!
    #expect(nearlyOne.rounded(places: 0) == whole(1))
    #expect(nearlyOne.rounded(places: 6) == whole(1))
    let tenth = Fraction(numerator: (Int128(1) << 126) / 10, denominator: Int128(1) << 126)!
    #expect(tenth.rounded(places: 2) == decimal("0.1"))
    #expect(tenth.rounded(places: 6) == decimal("0.1"))
    // Far beyond the range: clamped, not trapped.
    let huge = Fraction(numerator: .max, denominator: 2)!
    #expect(huge.rounded(places: 6) > whole(1_000_000_000))
    #expect(Fraction(numerator: -.max, denominator: 3)!.rounded(places: 3) < .zero)
  }

  @Test func productsStayInThePublicRange() {
    #expect(whole(1_000_000).multiplied(by: 1_000_000) == whole(1_000_000_000_000))
    #expect(whole(1_000_000).multiplied(by: 1_000_001) == nil)
    #expect(decimal("0.25").multiplied(by: 3) == decimal("0.75"))
  }

  @Test func formattingPadsBeyondSixDigitsOnTheRight() {
    #expect(decimal("0.5").formatted(places: 8) == "0.50000000")
    #expect(decimal("0.000001").formatted(places: 8) == "0.00000100")
    #expect(decimal("2.25").formatted(places: -3) == "2")
  }

  @Test func plausibilityAcceptsAnyYear() throws {
    let leaf = try CriteriaNode(
      code: "1.1", title: "Hạn", maxPoints: whole(1),
      rule: .deadline(due: CalendarDate(year: 2025, month: 1, day: 31)!, latePoints: .zero, lateUntil: nil))
    let date = CalendarDate(year: 2025, month: 1, day: 15)!
    let reasoning = Reasoning.deadline(date: date, due: date, lateUntil: nil, outcome: .onTime)
    for year in [Int.min, -1, 0, 1, 2025, Int.max] {
      _ = Plausibility.warnings(for: "15/01/2025", leaf: leaf, reasoning: reasoning, year: year)
    }
    #expect(Plausibility.warnings(for: "15/01/2025", leaf: leaf, reasoning: reasoning, year: 2027).isEmpty == false)
  }

  @Test func anyNumberOfThreadsGivesTheSameResults() throws {
    let set = try smallSet()
    let units = try (1...5).map { try AssessedUnit(id: "U\($0)", name: "Xã \($0)", group: "xã") }
    let rows = try units.enumerated().map { index, unit in
      try LeafEntry(unitID: unit.id, code: "1.1", claim: .value(index % 2 == 0 ? "có" : "không"))
    }
    let data = try YearData(units: units, assessment: rows)
    let one = try Assessment.run(criteria: set, data: data, threads: 1)
    for threads in [Int.min, 0, 3, Int.max] {
      let other = try Assessment.run(criteria: set, data: data, threads: threads)
      #expect(other.rankedUnits.map(\.rank) == one.rankedUnits.map(\.rank))
      let files = [
        InputData(name: "units.csv", text: "unit_id,name,group\nU1,Xã 1,xã\n"),
        InputData(name: "assessment.csv", text: "unit_id,code,value\nU1,1.1,có\n"),
      ]
      #expect(
        try Assessment.rank(criteria: set, files: files, options: LoadOptions(threads: threads)).rankedUnits.count == 1)
    }
  }

  /// A set on a scale of 10,000 with a survey leaf, perturbed by ±100 %: the study's exact
  /// arithmetic must hold (it once overflowed 128 bits there).
  @Test func sensitivityOnTheLargestScale() throws {
    let survey = SurveyDefinition(
      scale: [(answer: "hài lòng", percent: whole(100))],
      groups: [.init(key: "hl", title: "Hài lòng", questions: ["q1"])],
      minResponses: nil)
    let check = try CriteriaNode(code: "1.1", title: "Kế hoạch", maxPoints: whole(3_333), rule: .check)
    let tiers = try CriteriaNode(
      code: "1.2", title: "Tỷ lệ", maxPoints: whole(3_333),
      rule: .tiers([Tier(threshold: whole(90), isStrict: false, points: whole(3_333))]))
    let asked = try CriteriaNode(code: "2.1", title: "Hài lòng", maxPoints: whole(3_334), rule: .survey(group: "hl"))
    let set = try CriteriaSet(
      id: "scale-10000", title: "Thang 10.000", level: .commune, year: 2025, status: .modelled, source: "test",
      scale: whole(10_000), evidencePolicy: .none,
      classification: [
        ClassificationBand(label: "Tốt", minIndex: whole(50)), ClassificationBand(label: "Khác", minIndex: .zero),
      ],
      survey: survey,
      items: [
        try CriteriaNode(code: "1", title: "Một", maxPoints: whole(6_666), children: [check, tiers]),
        try CriteriaNode(code: "2", title: "Hai", maxPoints: whole(3_334), children: [asked]),
      ])
    let units = try (1...4).map { try AssessedUnit(id: "U\($0)", name: "Xã \($0)", group: "xã") }
    var assessment: [LeafEntry] = []
    var appraisal: [LeafEntry] = []
    for (index, unit) in units.enumerated() {
      assessment.append(try LeafEntry(unitID: unit.id, code: "1.1", claim: .value(index % 2 == 0 ? "có" : "không")))
      assessment.append(try LeafEntry(unitID: unit.id, code: "1.2", claim: .value("9\(index),7")))
      appraisal.append(try LeafEntry(unitID: unit.id, code: "2.1", claim: .value("8\(index),33")))
    }
    let results = try Assessment.run(
      criteria: set, data: try YearData(units: units, assessment: assessment, appraisal: appraisal))
    let study = Sensitivity.run(results, settings: try Sensitivity.Settings(runs: 50, seed: 7, spread: whole(100)))
    let ranked = try #require(study.groups.first?.units)
    #expect(ranked.count == 4)
    #expect(
      ranked.allSatisfy {
        $0.p05Rank >= 1 && $0.p95Rank <= 4 && $0.p05Rank <= $0.medianRank && $0.medianRank <= $0.p95Rank
      })
  }
}

/// A tree built in code can be no deeper than a set allows: 9 levels build, a tenth is refused
/// as it is built, so that ten thousand nested nodes never exist to overflow the stack.
struct DepthThroughThePublicAPI {
  @Test func nodesDeeperThanASetAllowsAreRefused() throws {
    var node = try CriteriaNode(code: "x", title: "Lá", maxPoints: whole(1), rule: .check)
    for level in 2...9 {
      node = try CriteriaNode(code: "n\(level)", title: "Mục", maxPoints: whole(1), children: [node])
    }
    let set = try CriteriaSet(
      id: "deep", title: "Sâu", level: .commune, year: 2025, status: .modelled, source: "test", scale: whole(1),
      classification: [ClassificationBand(label: "Một", minIndex: .zero)], items: [node])
    #expect(set.leaves.count == 1)
    #expect(
      codes { () throws(Diagnostics) in
        try CriteriaNode(code: "n10", title: "Mục", maxPoints: whole(1), children: [node])
      } == ["E-CRITERIA-DEPTH"])
  }
}
