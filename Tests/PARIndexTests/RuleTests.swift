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

  /// Dates read from their bytes agree with a plain reading of the trimmed text, on 20,000
  /// strings of digits, separators, ASCII and no-break spaces and other letters, as `String`
  /// and as `Substring`.
  @Test func datesReadFromBytesAgreeWithAPlainReading() {
    func reference(_ text: String) -> CalendarDate? {
      let trimmed = String(text.trimmingSpaces)
      for separator in ["/", "-"] as [Character] {
        let parts = trimmed.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3,
          parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { continue }
        let numbers = parts.map { Int($0)! }
        if separator == "/" && parts[2].count == 4 {
          return CalendarDate(year: numbers[2], month: numbers[1], day: numbers[0])
        }
        if separator == "-" && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2 {
          return CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2])
        }
      }
      return nil
    }
    var generator = SplitMix64(seed: 2025)
    let alphabet: [String] = ["0", "1", "2", "9", "3", "/", "/", "-", " ", "\u{A0}", "\t", "á", "x", "+", "0"]
    var texts = ["05/12/2025", " 5/1/2025 ", "2025-01-31", "\u{A0}31/12/2025", "29/02/2025", "1/1/1", ""]
    for _ in 0..<20_000 {
      let length = Int(generator.next() % 12)
      texts.append((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined())
    }
    // And date-shaped texts: days and months near their ranges, padded or not, years of 1 to
    // 5 digits, either form, spaces (or a letter) at the edges.
    let edges = ["", " ", "\u{A0}", "\t", "á"]
    for _ in 0..<5_000 {
      func number(_ bound: UInt64) -> String {
        let value = String(generator.next() % bound)
        return generator.next() % 2 == 0 && value.count == 1 ? "0" + value : value
      }
      let (day, month) = (number(33), number(14))
      let year = ["2025", "2024", "1", "0999", "10000"][Int(generator.next() % 5)]
      let edge = { edges[Int(generator.next() % UInt64(edges.count))] }
      let date =
        generator.next() % 2 == 0
        ? [day, month, year].joined(separator: "/") : [year, month, day].joined(separator: "-")
      texts.append(edge() + date + edge())
    }
    #expect(texts.filter { reference($0) != nil }.count > 500)
    var disagreements: [String] = []
    for text in texts {
      let expected = reference(text)
      if CalendarDate(parsing: text) != expected || CalendarDate(parsing: ("x" + text).dropFirst()) != expected {
        disagreements.append(String(reflecting: text))
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
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
