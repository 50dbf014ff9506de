// Fuzz target `api`: the public constructors and entry points, driven as an embedding program
// would drive them, with the bytes choosing every value (docs/DESIGN.md, "A library others can
// build on"). Nothing read from a file: numbers from raw millionths at the edges of the range,
// codes and ids from an alphabet with dots, spaces and invisible characters, rules with zero,
// negative and oversized parameters, parents whose maxima do not add up.
//
// On every input:
// - exact numbers: `init(exactlyMicros:)`, `adding`, `subtracting`, `Fraction(numerator:denominator:)`,
//   `percentage(_:of:)`, `multiplied`, `divided`, `rounded` never trap; a sum that exists
//   subtracts back; comparisons of fractions agree with cross-multiplication in wider integers;
// - every throwing initialiser either throws a non-empty `Diagnostics` or gives a value;
// - when a set and a year build: `Assessment.run` and `Assessment.rank` either throw a
//   non-empty `Diagnostics` or give results that satisfy every invariant of
//   Fuzz/Support/FuzzSupport.swift, the same totals and ranks both ways; then `Sensitivity.run`
//   (a few runs), `WhatIf.goal` for every band (a plan no longer than the leaves) and
//   `WhatIf.apply` for a leaf (its results checked like the first) never trap.

import Foundation

/// The fuzz bytes as a stream of choices; past the end every choice is 0.
private struct Choices {
  let bytes: [UInt8]
  var position = 0

  mutating func byte() -> UInt8 {
    defer { position += 1 }
    return position < bytes.count ? bytes[position] : 0
  }

  mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(byte()) % bound }

  mutating func int64() -> Int64 {
    var value: UInt64 = 0
    for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
    return Int64(bitPattern: value)
  }

  /// Mostly small, sometimes anything at all.
  mutating func micros() -> Int64 {
    switch below(8) {
    case 0: int64()
    case 1: [Int64.min, .max, 0, -1, 1, 1_000_000_000_000_000_000, -1_000_000_000_000_000_000][below(7)]
    case 2: Int64(below(256)) - 128
    default: Int64(below(41)) * 250_000  // 0 … 10 in quarters
    }
  }

  mutating func decimal() -> FixedDecimal { FixedDecimal(exactlyMicros: micros()) ?? .zero }

  /// A short text from an alphabet that holds what breaks identifiers.
  mutating func text(maxLength: Int = 4) -> String {
    let alphabet: [String] = [
      "1", "2", "3", ".", "a", "X", " ", "\u{200D}", "\u{202E}", "\u{FEFF}", "đ", "\t", "-", "_", "e\u{301}", "",
    ]
    var result = ""
    for _ in 0..<below(maxLength + 1) { result += alphabet[below(alphabet.count)] }
    return result
  }

  mutating func date() -> CalendarDate {
    CalendarDate(year: 2024 + below(3), month: 1 + below(12), day: 1 + below(31)) ?? CalendarDate(
      year: 2025, month: 1, day: 1)!
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var choices = Choices(bytes: fuzzBytes(data, size))
  checkNumbers(&choices)
  guard let criteria = buildSet(&choices) else { return 0 }
  guard let year = buildYear(&choices, criteria) else { return 0 }
  scoreAndAnalyse(&choices, criteria, year)
  return 0
}

// MARK: Numbers

private func checkNumbers(_ choices: inout Choices) {
  for _ in 0..<4 {
    let (rawA, rawB) = (choices.micros(), choices.micros())
    guard let a = FixedDecimal(exactlyMicros: rawA), let b = FixedDecimal(exactlyMicros: rawB) else {
      fuzzCheck(
        rawA.magnitude > UInt64(FixedDecimal.publicLimit) * 1_000_000
          || rawB.magnitude > UInt64(FixedDecimal.publicLimit) * 1_000_000,
        "init(exactlyMicros:) refused a value within the public limit")
      continue
    }
    if let sum = a.adding(b) { fuzzCheck(sum.subtracting(b) == a, "\(a) + \(b) = \(sum) does not subtract back") }
    if let difference = a.subtracting(b) {
      fuzzCheck(difference.adding(b) == a, "\(a) − \(b) = \(difference) does not add back")
    }
    _ = a.rounded(places: choices.below(12) - 3)
    _ = a.hasAtMost(places: choices.below(12) - 3)
    _ = a.description
    _ = Fraction.percentage(a, of: b)

    let (n1, d1, n2, d2) = (
      Int128(choices.int64()), Int128(choices.int64()), Int128(choices.int64()), Int128(choices.int64())
    )
    guard let x = Fraction(numerator: n1, denominator: d1), let y = Fraction(numerator: n2, denominator: d2) else {
      fuzzCheck(d1 == 0 || d2 == 0, "a fraction with a non-zero 64-bit denominator was refused")
      continue
    }
    // Cross-multiplied in 256 bits by sign and magnitude: what `<` must agree with.
    func sign(_ v: Int128) -> Int { v > 0 ? 1 : v < 0 ? -1 : 0 }
    let left = (
      sign(x.numerator) * sign(y.denominator), x.numerator.magnitude.multipliedFullWidth(by: y.denominator.magnitude)
    )
    let right = (
      sign(y.numerator) * sign(x.denominator), y.numerator.magnitude.multipliedFullWidth(by: x.denominator.magnitude)
    )
    func less(_ l: (Int, (high: UInt128, low: UInt128)), _ r: (Int, (high: UInt128, low: UInt128))) -> Bool {
      let lZero = l.1.high == 0 && l.1.low == 0 || l.0 == 0
      let rZero = r.1.high == 0 && r.1.low == 0 || r.0 == 0
      let ls = lZero ? 0 : l.0, rs = rZero ? 0 : r.0
      if ls != rs { return ls < rs }
      if ls == 0 { return false }
      let magnitudeLess = l.1.high != r.1.high ? l.1.high < r.1.high : l.1.low < r.1.low
      let magnitudeGreater = l.1.high != r.1.high ? l.1.high > r.1.high : l.1.low > r.1.low
      return ls > 0 ? magnitudeLess : magnitudeGreater
    }
    fuzzCheck((x < y) == less(left, right), "\(x) < \(y) disagrees with cross-multiplication")
    _ = x.multiplied(by: y)
    _ = x.divided(by: y)
    _ = x.rounded(places: choices.below(8))
    _ = x.reduced()
  }
}

// MARK: A set built in code

private func buildRule(_ choices: inout Choices, max: FixedDecimal) -> Rule {
  switch choices.below(9) {
  case 0: return .check
  case 1:
    let options = (0..<choices.below(4)).map { i in
      ChoiceOption(key: choices.below(3) == 0 ? "k" : "k\(i)", label: choices.text(), points: choices.decimal())
    }
    return .choice(options)
  case 2:
    let tiers = (0..<choices.below(4)).map { _ in
      Tier(threshold: choices.decimal(), isStrict: choices.below(2) == 0, points: choices.decimal())
    }
    return .tiers(tiers)
  case 3: return .proportional(target: choices.decimal(), zeroBelow: choices.below(2) == 0 ? nil : choices.decimal())
  case 4:
    return .deadline(
      due: choices.date(), latePoints: choices.decimal(), lateUntil: choices.below(2) == 0 ? nil : choices.date())
  case 5: return .deduction(perItem: choices.decimal(), floor: choices.decimal())
  case 6: return .survey(group: ["hl", "tt", ""][choices.below(3)])
  case 7: return .manual(step: choices.decimal())
  default: return .tiers([Tier(threshold: FixedDecimal(exactly: 90)!, isStrict: false, points: max)])
  }
}

private func buildSet(_ choices: inout Choices) -> CriteriaSet? {
  let fieldCount = 1 + choices.below(3)
  var fields: [CriteriaNode] = []
  var share = FixedDecimal(exactly: 100)!
  for f in 1...fieldCount {
    let fieldMax = f == fieldCount ? share : FixedDecimal(exactly: 10 * (1 + choices.below(4)))!
    share = share.subtracting(fieldMax) ?? .zero
    let leafCount = 1 + choices.below(4)
    var leaves: [CriteriaNode] = []
    var left = fieldMax
    for l in 1...leafCount {
      // Usually the maxima add up; sometimes a fuzzed maximum or code breaks them.
      let honest = l == leafCount ? left : FixedDecimal(exactly: 1 + choices.below(3))!
      let leafMax = choices.below(8) == 0 ? choices.decimal() : honest
      left = left.subtracting(leafMax) ?? .zero
      let code = choices.below(10) == 0 ? choices.text() : "\(f).\(l)"
      let evidence: CriteriaNode.EvidenceRequirement = choices.below(3) == 0 ? .required : .none
      let notApplicable: CriteriaNode.NotApplicablePolicy = [.forbidden, .exclude, .full][choices.below(3)]
      do throws(Diagnostics) {
        leaves.append(
          try CriteriaNode(
            code: code, title: choices.below(6) == 0 ? choices.text() : "Tiêu chí \(f).\(l)", maxPoints: leafMax,
            rule: buildRule(&choices, max: leafMax), evidence: evidence, notApplicable: notApplicable))
      } catch {
        fuzzCheck(!error.all.isEmpty, "CriteriaNode threw an empty Diagnostics")
      }
    }
    do throws(Diagnostics) {
      fields.append(try CriteriaNode(code: "\(f)", title: "Lĩnh vực \(f)", maxPoints: fieldMax, children: leaves))
    } catch {
      fuzzCheck(!error.all.isEmpty, "a parent CriteriaNode threw an empty Diagnostics")
    }
  }
  let hundred = FixedDecimal(exactly: 100)!
  var bands = [
    ClassificationBand(label: "Tốt", minIndex: choices.below(4) == 0 ? choices.decimal() : FixedDecimal(exactly: 80)!)
  ]
  if choices.below(4) != 0 {
    bands.append(ClassificationBand(label: choices.below(5) == 0 ? "Tốt" : "Khá", minIndex: FixedDecimal(exactly: 50)!))
  }
  bands.append(ClassificationBand(label: "Yếu", minIndex: choices.below(6) == 0 ? hundred : .zero))
  if choices.below(10) == 0 { bands.removeAll() }
  let survey = SurveyDefinition(
    scale: [(answer: "hài lòng", percent: hundred), (answer: "không", percent: .zero)],
    groups: [SurveyDefinition.Group(key: "hl", title: "Hài lòng", questions: ["q1"])],
    minResponses: choices.below(3) == 0 ? nil : choices.below(5) - 1)
  do throws(Diagnostics) {
    return try CriteriaSet(
      id: choices.below(8) == 0 ? choices.text() : "api-fuzz", title: "Bộ thử", level: .commune,
      year: choices.below(8) == 0 ? Int(choices.int64() % 5000) : 2025, status: .modelled, source: "fuzz",
      pointsPlaces: choices.below(6) == 0 ? choices.below(12) - 3 : 2, indexPlaces: 2,
      evidencePolicy: choices.below(2) == 0 ? .required : .none, classification: bands,
      adjustmentCaps: choices.below(2) == 0
        ? nil : AdjustmentCaps(bonusCap: choices.decimal(), penaltyCap: choices.decimal()),
      survey: choices.below(3) == 0 ? nil : survey, items: fields)
  } catch {
    fuzzCheck(!error.all.isEmpty, "CriteriaSet threw an empty Diagnostics")
    return nil
  }
}

// MARK: A year built in code

private func buildYear(_ choices: inout Choices, _ criteria: CriteriaSet) -> YearData? {
  var units: [AssessedUnit] = []
  for i in 0..<(1 + choices.below(4)) {
    let id = choices.below(8) == 0 ? choices.text() : "U\(i)"
    do throws(Diagnostics) {
      units.append(try AssessedUnit(id: id, name: "Xã \(i)", group: choices.below(3) == 0 ? "phường" : "xã"))
    } catch {
      fuzzCheck(!error.all.isEmpty, "AssessedUnit threw an empty Diagnostics")
    }
  }
  let values = [
    "có", "không", "k", "k1", "95%", "0,962", "31/01/2025", "3", "KPS", "", " ", "-1", "1e3", "100000000000",
  ]
  func entries(_ count: Int) -> [LeafEntry] {
    var rows: [LeafEntry] = []
    for line in 0..<count {
      let unitID = units.isEmpty || choices.below(10) == 0 ? choices.text() : units[choices.below(units.count)].id
      let code = choices.below(10) == 0 ? choices.text() : criteria.leaves[choices.below(criteria.leaves.count)].code
      let claim: LeafEntry.Claim =
        switch choices.below(3) {
        case 0: .value(values[choices.below(values.count)])
        case 1: .points(choices.decimal())
        default: .valueAndPoints(values[choices.below(values.count)], choices.decimal())
        }
      let evidence = choices.below(3) == 0 ? ["E\(choices.below(3))"] : []
      do throws(Diagnostics) {
        rows.append(
          try LeafEntry(
            unitID: unitID, code: code, claim: claim, evidenceIDs: evidence,
            origin: RowOrigin(file: "fuzz", line: line + 2)))
      } catch {
        fuzzCheck(!error.all.isEmpty, "LeafEntry threw an empty Diagnostics")
      }
    }
    return rows
  }
  let assessment = entries(choices.below(12))
  let appraisal = entries(choices.below(4))
  var evidence: [EvidenceDocument] = []
  for i in 0..<choices.below(3) where !units.isEmpty {
    do throws(Diagnostics) {
      evidence.append(
        try EvidenceDocument(
          id: "E\(i)", unitID: units[choices.below(units.count)].id, title: choices.below(4) == 0 ? " " : "Quyết định",
          date: choices.date()))
    } catch {
      fuzzCheck(!error.all.isEmpty, "EvidenceDocument threw an empty Diagnostics")
    }
  }
  var adjustments: [Adjustment] = []
  for _ in 0..<choices.below(3) where !units.isEmpty {
    do throws(Diagnostics) {
      adjustments.append(
        try Adjustment(
          unitID: units[choices.below(units.count)].id, kind: choices.below(2) == 0 ? .bonus : .penalty,
          points: choices.decimal()))
    } catch {
      fuzzCheck(!error.all.isEmpty, "Adjustment threw an empty Diagnostics")
    }
  }
  do throws(Diagnostics) {
    return try YearData(
      units: units, assessment: assessment, appraisal: appraisal, evidence: evidence, adjustments: adjustments)
  } catch {
    fuzzCheck(!error.all.isEmpty, "YearData threw an empty Diagnostics")
    return nil
  }
}

// MARK: Scoring and the analyses

private func scoreAndAnalyse(_ choices: inout Choices, _ criteria: CriteriaSet, _ year: YearData) {
  let results: YearResults
  do throws(Diagnostics) {
    results = try Assessment.run(criteria: criteria, data: year, threads: 1 + choices.below(2))
  } catch {
    fuzzCheck(!error.all.isEmpty, "Assessment.run threw an empty Diagnostics")
    return
  }
  fuzzCheckResults(results, unitCount: year.units.count)
  do throws(Diagnostics) {
    let totals = try Assessment.rank(criteria: criteria, data: year)
    let full = results.rankedUnits.map { "\($0.unit.id) \($0.rank) \($0.total) \($0.classLabel)" }
    let short = totals.rankedUnits.map { "\($0.score.unit.id) \($0.rank) \($0.score.total) \($0.score.classLabel)" }
    fuzzCheck(full == short, "Assessment.rank disagrees with Assessment.run: \(short) against \(full)")
  } catch {
    fuzzFail("Assessment.rank threw where Assessment.run did not: \(error)")
  }
  if let settings = try? Sensitivity.Settings(
    runs: 1 + choices.below(4), seed: UInt64(choices.byte()), spread: choices.decimal())
  {
    let analysis = Sensitivity.run(results, settings: settings)
    _ = analysis
  }
  guard let unit = results.rankedUnits.first else { return }
  for band in criteria.classification {
    do throws(Diagnostics) {
      guard let plan = try WhatIf.goal(band.label, unit: unit, criteria: criteria) else { continue }
      fuzzCheck(
        plan.count <= criteria.leaves.count, "a plan of \(plan.count) steps for \(criteria.leaves.count) leaves")
    } catch {
      fuzzCheck(!error.all.isEmpty, "WhatIf.goal threw an empty Diagnostics")
    }
  }
  let leaf = criteria.leaves[choices.below(criteria.leaves.count)]
  let setting = WhatIf.Setting(
    code: leaf.code, value: ["có", "không", "97%", "k1", "31/01/2025", "2", "N/A"][choices.below(7)])
  do throws(Diagnostics) {
    let outcome = try WhatIf.apply([setting], unit: unit.unit.id, criteria: criteria, data: year)
    fuzzCheckResults(outcome.results, unitCount: year.units.count)
  } catch {
    fuzzCheck(!error.all.isEmpty, "WhatIf.apply threw an empty Diagnostics")
  }
}
