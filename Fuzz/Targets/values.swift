// Fuzz target `values`: the value parsers (Numbers/, Rules/ValueVocabulary.swift) and the rule
// evaluator (Rules/RuleEvaluator.swift) on the leaves of a small fixed criteria set.
//
// The input is split on line feeds into up to 8 strings (invalid UTF-8 is repaired: the CSV
// reader only ever passes valid text). For each string:
// - FixedDecimal.parse (every maxFractionDigits 0…6): on success 0 ≤ v < 10⁹, at most that many
//   digits, and formatted(places:) → parse round-trips for every places ≥ its digits (`.`, `,`);
// - PercentageValue.parse: percent ≥ 0, a ratio ≤ 100 %, a ratio's percent is num/den × 100;
// - CalendarDate(parsing:): a real day; description and isoText parse back to it;
// - ValueVocabulary: no word is both yes/no and not-applicable;
// - RuleEvaluator(pointsPlaces: 2).evaluate on every leaf: points in [0, max], with at most 2
//   decimals, and accepted back by accept(points:) unchanged (points a rule produces from a value
//   are points it can produce, DECISIONS §7); accept(points:) of a parsed number: in [0, max];
// - tiers: the tier met is met and every higher tier is not;
// - text: `nfc` gives exactly Foundation's NFC (scalar for scalar); trimmingSpaces leaves no
//   cell space at either end and cuts nothing else; HTML.escape leaves no raw < > " ' byte;
//   a CSVWriter field (both dialects) and a JSONOutput string read back to the same text;
// and for every pair of strings: rules are monotone (a higher percentage never scores less, a
// later date never scores more, more deductions never score more).

import Foundation

private let criteriaJSON = #"""
  {
    "format": "parindex-criteria/1", "id": "values-fuzz", "title": "Bộ tiêu chí cho fuzzing giá trị",
    "level": "commune", "year": 2025, "status": "modelled", "source": "Fuzz fixture: every rule type, edge options.",
    "scale": 21,
    "rounding": { "points": 2, "index": 2 },
    "evidencePolicy": "required",
    "classification": [ { "label": "Tốt", "minIndex": 80 }, { "label": "Khá", "minIndex": 65.5 }, { "label": "Yếu", "minIndex": 0 } ],
    "adjustments": { "bonusCap": 0.5, "penaltyCap": 1 },
    "survey": {
      "scale": { "1": 0, "2": 25, "3": 50, "4": 75, "5": 100 },
      "groups": { "sipas": { "title": "Mức độ hài lòng", "questions": ["S1", "S2"] } }
    },
    "items": [
      { "code": "1", "title": "Chỉ đạo, điều hành", "maxPoints": 8, "children": [
        { "code": "1.1", "title": "Kiểm tra", "maxPoints": 1, "rule": { "type": "check" }, "evidence": "required" },
        { "code": "1.2", "title": "Kế hoạch CCHC", "maxPoints": 1,
          "rule": { "type": "deadline", "due": "2025-01-31", "latePoints": 0.5, "lateUntil": "2025-03-31" } },
        { "code": "1.3", "title": "Hoàn thành kế hoạch", "maxPoints": 1,
          "rule": { "type": "choice", "options": [
            { "key": "hoan_thanh", "label": "Hoàn thành", "points": 1 },
            { "key": "Một phần", "label": "Một phần", "points": 0.5 },
            { "key": "khong", "label": "Không", "points": 0 } ] } },
        { "code": "1.4", "title": "Báo cáo trễ", "maxPoints": 1, "rule": { "type": "deduction", "perItem": 0.25, "floor": 0.25 } },
        { "code": "1.5", "title": "Văn bản trái luật", "maxPoints": 1, "rule": { "type": "deduction", "perItem": 0.3 } },
        { "code": "1.6", "title": "Báo cáo năm", "maxPoints": 2, "rule": { "type": "deadline", "due": "31/12/2025" }, "notApplicable": "exclude" },
        { "code": "1.7", "title": "Tuyên truyền", "maxPoints": 1, "rule": { "type": "check" }, "notApplicable": "full" }
      ] },
      { "code": "2", "title": "Cải cách TTHC", "maxPoints": 11, "children": [
        { "code": "2.1", "title": "Đúng hạn", "maxPoints": 1,
          "rule": { "type": "tiers", "tiers": [ { "atLeast": 98, "points": 1 }, { "above": 90, "points": 0.5 } ] } },
        { "code": "2.2", "title": "Thanh toán trực tuyến", "maxPoints": 1.5,
          "rule": { "type": "proportional", "target": 60, "zeroBelow": 20 }, "notApplicable": "exclude" },
        { "code": "2.3", "title": "Sáng kiến", "maxPoints": 1.5, "rule": { "type": "manual", "step": 0.25 }, "notApplicable": "full" },
        { "code": "2.4", "title": "Số mô hình", "maxPoints": 2,
          "rule": { "type": "tiers", "tiers": [ { "atLeast": 10, "points": 2 }, { "atLeast": 5, "points": 1.25 }, { "above": 0, "points": 0.5 } ] },
          "notApplicable": "exclude" },
        { "code": "2.5", "title": "Số hóa", "maxPoints": 3, "rule": { "type": "proportional", "target": 100 } },
        { "code": "2.6", "title": "Điểm hội đồng", "maxPoints": 1, "rule": { "type": "manual" } },
        { "code": "2.7", "title": "Dịch vụ công", "maxPoints": 1, "rule": { "type": "proportional", "target": 33.3333, "zeroBelow": 0.0001 } }
      ] },
      { "code": "3", "title": "Điều tra", "maxPoints": 2, "children": [
        { "code": "3.1", "title": "Hài lòng", "maxPoints": 2, "rule": { "type": "survey", "group": "sipas" }, "notApplicable": "exclude" }
      ] }
    ]
  }
  """#

private let criteria = fuzzFixedCriteria(criteriaJSON)
private let evaluator = RuleEvaluator(pointsPlaces: 2)
private let limit = FixedDecimal(micros: FixedDecimal.parsingLimit * FixedDecimal.unitsPerOne)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  if size > 4096 { return 0 }
  let pieces = fuzzSplit(fuzzBytes(data, size), on: 0x0A, limit: 8).map { String(decoding: $0, as: UTF8.self) }
  var outcomes: [[RuleEvaluator.Outcome?]] = []
  for text in pieces {
    checkNumber(text)
    checkPercentage(text)
    checkDate(text)
    let yesNo = ValueVocabulary.yesNo(text)
    let notApplicable = ValueVocabulary.isNotApplicable(text)
    fuzzCheck(!(yesNo != nil && notApplicable), "'\(text)' is both a yes/no word and a not-applicable word")
    outcomes.append(criteria.leaves.map { checkLeaf($0, text) })
    checkText(text)
  }
  checkMonotone(pieces, outcomes)
  return 0
}

private func checkNumber(_ text: String) {
  for digits in 0...FixedDecimal.fractionDigits {
    guard case .success(let value) = FixedDecimal.parse(text, maxFractionDigits: digits) else { continue }
    fuzzCheck(value >= .zero && value < limit, "'\(text)' parses to \(value), outside [0, 10^9)")
    fuzzCheck(value.hasAtMost(places: digits), "'\(text)' parses (max \(digits) digits) to \(value)")
    // The bytes entry point agrees.
    var bytes = Array(text.utf8)
    let viaBytes = bytes.withUnsafeMutableBufferPointer {
      FixedDecimal.parse(UnsafeBufferPointer($0), maxFractionDigits: digits)
    }
    fuzzCheck(viaBytes == .success(value), "'\(text)': parse on bytes gives \(viaBytes), on text \(value)")
    for places in fuzzDigits(value)...FixedDecimal.fractionDigits {
      for separator in [".", ","] {
        let shown = value.formatted(places: places, decimalSeparator: separator)
        let back = FixedDecimal.parse(shown)
        fuzzCheck(
          back == .success(value),
          "'\(text)' → \(value.micros) µ → formatted(\(places), '\(separator)') '\(shown)' → \(back)")
      }
    }
    fuzzCheck(
      FixedDecimal.parse(value.description) == .success(value),
      "description '\(value.description)' of '\(text)' does not parse back")
    for places in 0...FixedDecimal.fractionDigits {
      let rounded = value.rounded(places: places)
      let difference = rounded > value ? rounded - value : value - rounded
      fuzzCheck(rounded.hasAtMost(places: places), "\(value) rounded to \(places) places is \(rounded)")
      fuzzCheck(
        difference.micros * 2 <= FixedDecimal.step(places: places).micros,
        "\(value) rounded to \(places) places is \(rounded)")
    }
  }
}

private func checkPercentage(_ text: String) {
  guard case .success(let value) = PercentageValue.parse(text) else { return }
  fuzzCheck(value.percent >= .zero, "'\(text)' is a percentage below 0: \(value.percent)")
  if let ratio = value.ratio {
    fuzzCheck(ratio.denominator > .zero && ratio.numerator <= ratio.denominator, "'\(text)' ratio \(ratio)")
    fuzzCheck(value.percent <= .hundred, "'\(text)' ratio gives \(value.percent) %, above 100")
    fuzzCheck(
      value.percent == Fraction(Int128(ratio.numerator.micros) * 100, Int128(ratio.denominator.micros)),
      "'\(text)' ratio \(ratio) gives \(value.percent)")
  } else {
    fuzzCheck(
      value.percent < Fraction(Int128(FixedDecimal.parsingLimit), 1),
      "'\(text)' percentage \(value.percent) beyond the parsing limit")
  }
  _ = value.displayText
}

private func checkDate(_ text: String) {
  guard let date = CalendarDate(parsing: text) else { return }
  fuzzCheck((1...9999).contains(date.year) && (1...12).contains(date.month), "'\(text)' parses to \(date.isoText)")
  fuzzCheck(
    date.day >= 1 && date.day <= CalendarDate.daysIn(month: date.month, year: date.year),
    "'\(text)' parses to \(date.isoText), a day that does not exist")
  // (regressions/values-date-year-padding.txt: years below 1000 were written unpadded; fixed in 8016498.)
  fuzzCheck(CalendarDate(parsing: date.description) == date, "'\(text)' → \(date.description) does not parse back")
  fuzzCheck(CalendarDate(parsing: date.isoText) == date, "'\(text)' → \(date.isoText) does not parse back")
}

/// Evaluates `text` on `leaf` (as the scorer would: N/A words are the scorer's) and checks the outcome.
private func checkLeaf(_ leaf: CriteriaNode, _ text: String) -> RuleEvaluator.Outcome? {
  let max = leaf.maxPoints
  if case .success(let given) = FixedDecimal.parse(text) {
    if let accepted = try? evaluator.accept(points: given, leaf: leaf) {
      fuzzCheck(
        accepted >= .zero && accepted <= max, "leaf \(leaf.code): accept('\(text)') → \(accepted), outside [0, \(max)]")
      fuzzCheck(
        accepted == given.rounded(places: 2), "leaf \(leaf.code): accept('\(text)') → \(accepted), not \(given) rounded"
      )
    }
  }
  if ValueVocabulary.isNotApplicable(text) { return nil }
  let outcome: RuleEvaluator.Outcome
  do { outcome = try evaluator.evaluate(text, leaf: leaf) } catch {
    fuzzCheck(!error.message.text(.english).isEmpty, "empty problem message")
    return nil
  }
  switch outcome {
  case .notApplicable:
    fuzzCheck(
      leaf.notApplicable != .forbidden, "leaf \(leaf.code) (N/A forbidden): '\(text)' evaluates to not applicable")
  case .scored(let points, let reasoning):
    fuzzCheck(
      points >= .zero && points <= max,
      "leaf \(leaf.code): '\(text)' scores \(points), outside [0, \(max)] (\(reasoning))")
    fuzzCheck(points.hasAtMost(places: 2), "leaf \(leaf.code): '\(text)' scores \(points), not rounded to 2 places")
    do {
      let accepted = try evaluator.accept(points: points, leaf: leaf)
      fuzzCheck(accepted == points, "leaf \(leaf.code): '\(text)' scores \(points), accept gives \(accepted)")
    } catch {
      fuzzFail(
        "leaf \(leaf.code): '\(text)' scores \(points) (\(reasoning)), but points \(points) given alone are rejected: \(error.message)"
      )
    }
    if case .tiers(let value, let met, _) = reasoning, case .tiers(let tiers)? = leaf.rule {
      if let met {
        fuzzCheck(met.isMet(by: value.percent), "leaf \(leaf.code): '\(text)' meets \(met.boundText)?")
        for tier in tiers.prefix(while: { $0 != met }) {
          fuzzCheck(
            !tier.isMet(by: value.percent),
            "leaf \(leaf.code): '\(text)' meets the higher tier \(tier.boundText) but got \(met.boundText)")
        }
      } else {
        fuzzCheck(
          !tiers.contains { $0.isMet(by: value.percent) }, "leaf \(leaf.code): '\(text)' meets a tier but got none")
      }
    }
  }
  return outcome
}

/// A rule's points never go the wrong way between two values of the same kind.
private func checkMonotone(_ pieces: [String], _ outcomes: [[RuleEvaluator.Outcome?]]) {
  for (i, a) in pieces.enumerated() {
    for (j, b) in pieces.enumerated() where i < j {
      for (position, leaf) in criteria.leaves.enumerated() {
        guard case .scored(let pointsA, let reasonA)? = outcomes[i][position],
          case .scored(let pointsB, let reasonB)? = outcomes[j][position]
        else { continue }
        let order: Bool?  // true: a ≤ b on the rule's scale, so points should rise (or fall).
        var rising = true
        switch (reasonA, reasonB) {
        case (.tiers(let x, _, _), .tiers(let y, _, _)), (.surveyGiven(_, let x), .surveyGiven(_, let y)):
          order = x.percent <= y.percent
        case (.proportional(let x, _, _, _), .proportional(let y, _, _, _)):
          order = x.percent <= y.percent
        case (.deadline(let x?, _, _, _), .deadline(let y?, _, _, _)):
          order = x <= y
          rising = false
        case (.deduction(let x, _, _, _), .deduction(let y, _, _, _)):
          order = x <= y
          rising = false
        default:
          order = nil
        }
        guard let order else { continue }
        let (low, high) = order ? (pointsA, pointsB) : (pointsB, pointsA)
        let ok = rising ? low <= high : low >= high
        fuzzCheck(ok, "leaf \(leaf.code) is not monotone: '\(a)' → \(pointsA), '\(b)' → \(pointsB)")
      }
    }
  }
}

/// Text helpers every reader and writer relies on.
private func checkText(_ text: String) {
  // NFC: the fast path must agree with Foundation exactly (String == would hide a difference).
  let reference = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
  fuzzCheck(
    Array(text.nfc.unicodeScalars) == reference,
    "nfc of \(text.unicodeScalars.map { String($0.value, radix: 16) }) differs from Foundation's NFC")
  if text.isSurelyNFC {
    fuzzCheck(
      Array(text.unicodeScalars) == reference,
      "isSurelyNFC is true for \(text.unicodeScalars.map { String($0.value, radix: 16) }), which NFC changes")
  }
  // Trimming.
  let trimmed = text.trimmingSpaces
  let scalars = Array(text.unicodeScalars)
  let kept = Array(trimmed.unicodeScalars)
  if let first = scalars.firstIndex(where: { !$0.isCellSpace }) {
    let last = scalars.lastIndex(where: { !$0.isCellSpace })!
    fuzzCheck(
      kept == Array(scalars[first...last]),
      "trimmingSpaces of \(scalars.map { String($0.value, radix: 16) }) gives \(kept.map { String($0.value, radix: 16) })"
    )
  } else {
    fuzzCheck(kept.isEmpty, "trimmingSpaces of blank text gives \(kept.map { String($0.value, radix: 16) })")
  }
  // HTML escaping: no raw markup byte may survive, whatever follows it.
  do {  // (regressions/values-html-escape-combining.txt, fixed in 8016498)
    let escaped = HTML.escape(text)
    fuzzCheck(
      !escaped.utf8.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 },
      "HTML.escape leaves a raw markup character in \(escaped.debugDescription)")
  }
  // A CSV field written and read back.
  do {  // (regressions/year-csvwriter-combining-*.txt, values-csvwriter-quote-combining.txt: fixed in 8016498, 66ff047)
    for dialect in [CSVWriter.Dialect.plain, .excel] {
      var writer = CSVWriter(dialect: dialect)
      writer.row(["a", "b"])
      writer.row([text, "x"])
      do {
        let records = try CSVReader(file: "w.csv", bytes: Array(writer.output.utf8)).records()
        fuzzCheck(
          records.count == 2 && records[1].fields.count == 2,
          "CSVWriter row [\(text.debugDescription), x] reads back as \(records.map(\.fields))")
        fuzzCheck(
          Array(records[1].fields[0].unicodeScalars) == Array(text.nfc.unicodeScalars),
          "CSVWriter field \(text.debugDescription) reads back as \(records[1].fields[0].debugDescription)")
      } catch {
        fuzzFail("CSVWriter output for \(text.debugDescription) does not read back: \(error)")
      }
    }
  }
  // A JSON string written and read back.
  let json = JSONOutput.array([.string(text)]).rendered()
  do {
    let value = try JSONParser.parse(Array(json.utf8))
    guard case .array(let elements) = value, elements.count == 1, case .string(let back) = elements[0] else {
      fuzzFail("JSON \(json) reads back as \(value)")
    }
    fuzzCheck(
      Array(back.unicodeScalars) == Array(text.nfc.unicodeScalars),
      "JSON string \(text.debugDescription) reads back as \(back.debugDescription)")
  } catch {
    fuzzFail("JSONOutput for \(text.debugDescription) is not valid JSON: \(error)")
  }
}
