import Testing

@testable import PARIndex

/// Each rule on hand-computed cases, boundaries included. Leaves are from the mini fixture.
struct RuleTests {
  let set = try! Mini.criteria
  let evaluator = RuleEvaluator(pointsPlaces: 2)

  func leaf(_ code: String) -> CriteriaNode { set.leaves[set.leafIndex(of: code)!] }

  func points(_ code: String, _ value: String) throws -> FixedDecimal {
    guard case .scored(let points, _) = try evaluator.evaluate(value, leaf: leaf(code)) else {
      Issue.record("\(value) was not scored")
      return .zero
    }
    return points
  }

  @Test(arguments: [
    ("có", "1.00"), ("CÓ", "1.00"), ("Co\u{301}", "1.00"), ("x", "1.00"), ("Đạt", "1.00"), ("không", "0.00"),
    ("Không đạt", "0.00"), ("0", "0.00"),
  ])
  func checkMapsYesAndNoWords(value: String, expected: String) throws {
    #expect(try points("1.1", value) == decimal(expected))
  }

  @Test func checkRejectsOtherWords() {
    #expect(throws: RuleEvaluator.Problem.self) { try points("1.1", "có lẽ") }
  }

  // Tiers ≥ 98 → 1; > 90 → 0.5; else 0.
  @Test(
    arguments: [
      ("98", "1.00"), ("97,99", "0.50"), ("100%", "1.00"), ("90.000001", "0.50"), ("90", "0.00"), ("90 %", "0.00"),
      ("17/20", "0.00"),  // 17/20 = 85 %, below both tiers
      ("49/50", "1.00"),  // 98 % exactly meets "≥ 98"
      ("182/200", "0.50"),  // 91 % is above 90
      ("9/10", "0.00"),  // exactly 90 % is not above 90
    ] as [(String, String)])
  func tiersCompareExactlyAtBoundaries(value: String, expected: String) throws {
    #expect(try points("2.1", value) == decimal(expected))
  }

  @Test func tiersReportTheTierMetAndTheNextOneUp() throws {
    let outcome = try evaluator.evaluate("91%", leaf: leaf("2.1"))
    guard case .scored(_, .tiers(_, let met, let next)) = outcome else {
      Issue.record("not tiers")
      return
    }
    #expect(met?.boundText == "> 90")
    #expect(next?.boundText == "≥ 98")
  }

  // Proportional, max 1.5, target 60, zeroBelow 20:
  // 60 → 1.5; 75 → 1.5; 45 → 1.5 × 45/60 = 1.125 → 1.13; 20 → 1.5 × 20/60 = 0.5; 19.99 → 0;
  // 1/3 (33.33… %) → 1.5 × (100/3)/60 = 0.8333… → 0.83.
  @Test(
    arguments: [("60", "1.50"), ("75", "1.50"), ("45", "1.13"), ("20", "0.50"), ("19,99", "0.00"), ("1/3", "0.83")]
      as [(String, String)])
  func proportionalScalesBelowTarget(value: String, expected: String) throws {
    #expect(try points("2.2", value) == decimal(expected))
  }

  @Test func proportionalRejectsSharesAboveHundredAndRatiosAboveOne() {
    #expect(throws: RuleEvaluator.Problem.self) { try points("2.2", "100.5") }
    #expect(throws: RuleEvaluator.Problem.self) { try points("2.2", "21/20") }
  }

  @Test func zeroDenominatorIsNotApplicableOnlyWhereAllowed() throws {
    #expect(try evaluator.evaluate("0/0", leaf: leaf("2.2")) == .notApplicable)  // notApplicable: exclude
    #expect(throws: RuleEvaluator.Problem.self) { try evaluator.evaluate("0/0", leaf: leaf("2.1")) }  // forbidden
  }

  // Deadline due 31/01/2025, late 0.5 until 31/03/2025.
  @Test(
    arguments: [
      ("31/01/2025", "1.00"), ("2025-01-31", "1.00"), ("15/1/2025", "1.00"), ("01/02/2025", "0.50"),
      ("31/03/2025", "0.50"),
      ("01/04/2025", "0.00"), ("không", "0.00"),
    ] as [(String, String)])
  func deadlineOnItsDueDateIsOnTime(value: String, expected: String) throws {
    #expect(try points("1.2", value) == decimal(expected))
  }

  @Test(arguments: ["31/02/2025", "2025-13-01", "29/02/2025", "1/2025", "2025/01/31"])
  func deadlineRejectsDatesThatDoNotExist(value: String) {
    #expect(throws: RuleEvaluator.Problem.self) { try points("1.2", value) }
  }

  @Test func deadlineAcceptsLeapDay() throws {
    #expect(CalendarDate(parsing: "29/02/2024") != nil)
  }

  // Deduction, max 1, 0.25 per item, floor 0.25: 0 → 1; 1 → 0.75; 3 → 0.25; 4 → 0 → floor 0.25; a huge count → floor.
  @Test(
    arguments: [("0", "1.00"), ("1", "0.75"), ("3", "0.25"), ("4", "0.25"), ("999999999", "0.25")] as [(String, String)]
  )
  func deductionStopsAtTheFloor(value: String, expected: String) throws {
    #expect(try points("1.4", value) == decimal(expected))
  }

  @Test func deductionNeedsAWholeCount() {
    #expect(throws: RuleEvaluator.Problem.self) { try points("1.4", "1,5") }
    #expect(throws: RuleEvaluator.Problem.self) { try points("1.4", "-1") }
  }

  @Test func choiceMatchesOptionKeysExactly() throws {
    #expect(try points("1.3", "mot_phan") == decimal("0.5"))
    #expect(throws: RuleEvaluator.Problem.self) { try points("1.3", "Mot_phan") }
  }

  @Test func manualTakesPointsOnItsStep() throws {
    #expect(try points("2.3", "1,25") == decimal("1.25"))
    #expect(throws: RuleEvaluator.Problem.self) { try points("2.3", "1.3") }
    #expect(throws: RuleEvaluator.Problem.self) { try points("2.3", "1.75") }
  }

  // Survey value from an appraisal row: max 2 × 86.5 % = 1.73.
  @Test func surveyPercentageGivenDirectly() throws {
    #expect(try points("3.1", "86,5%") == decimal("1.73"))
  }

  @Test(
    arguments: [
      ("1.1", "1", true), ("1.1", "0.5", false), ("1.2", "0.5", true), ("1.2", "0.75", false), ("1.3", "0.5", true),
      ("1.4", "0.5", true), ("1.4", "0.25", true), ("1.4", "0.6", false), ("2.1", "0.5", true), ("2.1", "0.7", false),
      ("2.2", "0.83", true), ("2.3", "1.5", true), ("2.3", "0.3", false), ("1.1", "1.5", false),
      ("1.1", "0.999", true),  // rounds to 1.00 first, then must be producible
    ] as [(String, String, Bool)])
  func pointsWithoutValueMustBeProducible(code: String, points: String, accepted: Bool) {
    let result = Result { () throws(RuleEvaluator.Problem) in
      try evaluator.accept(points: decimal(points), leaf: leaf(code))
    }
    #expect(((try? result.get()) != nil) == accepted)
  }
}
