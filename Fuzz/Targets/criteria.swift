// Fuzz target `criteria`: the criteria-set decoder (Inputs/CriteriaSetDecoder.swift, Inputs/JSON/)
// on arbitrary bytes, then — when a set decodes — its invariants and a scored year built from it.
//
// On success:
// - every parent's maxPoints is the sum of its children's, parents have children, leaves have a
//   rule; the fields add up to the scale; codes are unique and leafIndex(of:) finds each leaf;
// - bands strictly descending by minIndex, the last at 0, none above 100;
// - every leaf, probed with values of its rule's kind (yes/no, each option key, each tier's bound,
//   the due date, counts, percentages, N/A): points in [0, max]; an option key selects its
//   option; a due date is on time; points a value produces are accepted when given alone;
// - a year with three units whose rows are those probes is scored: every invariant of
//   Fuzz/Support/FuzzSupport.swift, then every renderer (ranking CSV, JSON, scorecards…);
// - AssessmentTemplate.render does not crash and reads back with the CSV reader.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = fuzzBytes(data, size)
  let criteria: CriteriaSet
  do {
    criteria = try CriteriaSetDecoder.decode(bytes, file: "fuzz.json")
  } catch {
    fuzzLog("\(error.errors.count) error(s), first: \(error.errors.first.map(\.description) ?? "-")")
    fuzzCheck(!error.errors.isEmpty, "decode threw an empty error list")
    for problem in error.errors.prefix(50) { _ = problem.description }
    readAsTable(bytes)
    return 0
  }
  fuzzLog("decoded \(criteria.id): \(criteria.leaves.count) leaves")
  checkStructure(criteria)
  checkTables(criteria)
  // (regressions/criteria-rounding-*: amounts with more decimals than rounding.points gave
  // points above the maximum, unrounded, or rejected when given alone. Fixed in 8016498: the
  // decoder rejects such amounts, which the structure check below now asserts.)
  let checkRounding = true
  probeLeaves(criteria, strict: checkRounding)
  probeSurvey(criteria)
  scoreProbes(criteria, checkRounding: checkRounding)
  checkTemplate(criteria)
  return 0
}

/// Every amount of points a leaf's rule may give.
private func amounts(_ leaf: CriteriaNode) -> [FixedDecimal] {
  var result = [leaf.maxPoints]
  switch leaf.rule {
  case .choice(let options)?: result += options.map(\.points)
  case .tiers(let tiers)?: result += tiers.map(\.points)
  case .deadline(_, let late, _)?: result.append(late)
  case .deduction(let perItem, let floor)?: result += [perItem, floor]
  case .manual(let step)?: result.append(step)
  default: break
  }
  return result
}

private func checkStructure(_ criteria: CriteriaSet) {
  fuzzCheck(!criteria.items.isEmpty, "a set without items")
  for leaf in criteria.leaves {
    for amount in amounts(leaf) {
      fuzzCheck(
        fuzzDigits(amount) <= criteria.pointsPlaces,
        "leaf \(leaf.code): amount \(amount) has more decimals than rounding.points \(criteria.pointsPlaces)")
    }
  }
  fuzzCheck(!criteria.leaves.isEmpty, "a set without leaves")
  let fieldSum = criteria.items.reduce(FixedDecimal.zero) { $0 + $1.maxPoints }
  fuzzCheck(fieldSum == criteria.scale, "fields add up to \(fieldSum), scale \(criteria.scale)")
  fuzzCheck(
    (0...4).contains(criteria.pointsPlaces) && (0...4).contains(criteria.indexPlaces),
    "rounding places \(criteria.pointsPlaces)/\(criteria.indexPlaces)")
  var codes = Set<String>()
  func walk(_ node: CriteriaNode, depth: Int) {
    fuzzCheck(codes.insert(node.code).inserted, "code \(node.code) used twice")
    fuzzCheck(!node.code.isEmpty && !node.title.isEmpty, "node with empty code or title")
    fuzzCheck(node.maxPoints > .zero, "node \(node.code) with maxPoints \(node.maxPoints)")
    fuzzCheck(depth <= 8, "node \(node.code) at depth \(depth)")
    if node.isLeaf {
      fuzzCheck(node.children.isEmpty, "leaf \(node.code) with children")
      fuzzCheck(
        criteria.leafIndex(of: node.code).map { criteria.leaves[$0].code } == node.code,
        "leafIndex(of: \(node.code)) is wrong")
    } else {
      fuzzCheck(!node.children.isEmpty, "parent \(node.code) without children")
      fuzzCheck(criteria.leafIndex(of: node.code) == nil, "parent \(node.code) found as a leaf")
      let sum = node.children.reduce(FixedDecimal.zero) { $0 + $1.maxPoints }
      fuzzCheck(sum == node.maxPoints, "parent \(node.code): children add up to \(sum), maxPoints \(node.maxPoints)")
      for child in node.children { walk(child, depth: depth + 1) }
    }
  }
  for item in criteria.items { walk(item, depth: 0) }
  fuzzCheck(criteria.leaves.count == criteria.allNodes.filter { $0.node.isLeaf }.count, "leaves and allNodes disagree")

  let bands = criteria.classification
  fuzzCheck(!bands.isEmpty && bands.last!.minIndex == .zero, "bands \(bands) do not end at 0")
  for (a, b) in zip(bands, bands.dropFirst()) {
    fuzzCheck(a.minIndex > b.minIndex, "bands not descending: \(a.minIndex), \(b.minIndex)")
  }
  fuzzCheck(bands[0].minIndex <= FixedDecimal(100), "band above 100")
  fuzzCheck(Set(bands.map(\.label)).count == bands.count, "band labels repeat")

  if let survey = criteria.survey {
    // Answer codes are what survey.csv rows are matched on: two entries for one code (e.g. the
    // JSON keys " 1" and "1", both trimmed to "1") make its percentage ambiguous.
    // (regressions/criteria-survey-duplicate-answer.json, fixed in d0ebf36.)
    let answers = survey.scale.map(\.answer)
    fuzzCheck(
      Set(answers.map { Array($0.utf8) }).count == answers.count,
      "survey scale answer codes repeat after trimming: \(answers)")
    for entry in survey.scale {
      fuzzCheck(entry.percent <= FixedDecimal(100), "survey answer \(entry.answer) is \(entry.percent) %")
    }
    for group in survey.groups {
      fuzzCheck(
        !group.questions.isEmpty && Set(group.questions).count == group.questions.count,
        "group \(group.key): questions \(group.questions)")
    }
  }
  for leaf in criteria.leaves {
    switch leaf.rule {
    case .choice(let options)?:
      fuzzCheck(
        !options.isEmpty && Set(options.map(\.key)).count == options.count,
        "leaf \(leaf.code): options \(options.map(\.key))")
      for option in options {
        fuzzCheck(option.points <= leaf.maxPoints, "leaf \(leaf.code): option \(option.key) above max")
      }
    case .tiers(let tiers)?:
      fuzzCheck(!tiers.isEmpty, "leaf \(leaf.code): no tiers")
      for tier in tiers { fuzzCheck(tier.points <= leaf.maxPoints, "leaf \(leaf.code): tier above max") }
    case .proportional(let target, let zeroBelow)?:
      fuzzCheck(target > .zero && target <= FixedDecimal(100), "leaf \(leaf.code): target \(target)")
      if let zeroBelow { fuzzCheck(zeroBelow <= target, "leaf \(leaf.code): zeroBelow \(zeroBelow) > target") }
    case .deadline(let due, let late, let until)?:
      fuzzCheck(late <= leaf.maxPoints, "leaf \(leaf.code): latePoints above max")
      if let until { fuzzCheck(until >= due, "leaf \(leaf.code): lateUntil before due") }
    case .deduction(let perItem, let floor)?:
      fuzzCheck(perItem > .zero && floor <= leaf.maxPoints, "leaf \(leaf.code): deduction \(perItem) floor \(floor)")
    case .survey(let group)?:
      fuzzCheck(criteria.survey?.group(group) != nil, "leaf \(leaf.code): survey group \(group) undefined")
    case .manual(let step)?:
      fuzzCheck(step > .zero && step <= leaf.maxPoints, "leaf \(leaf.code): step \(step)")
    case .check?: break
    case nil: fuzzFail("leaf \(leaf.code) without a rule")
    }
  }
}

/// Values of the kind each rule reads, for probing.
private func probes(_ leaf: CriteriaNode) -> [String] {
  var values = ["có", "không", "0", "1", "2", "100", "99,99", "50%", "0/0", "1/3", "N/A", "KPS"]
  switch leaf.rule {
  case .choice(let options)?: values += options.map(\.key)
  case .tiers(let tiers)?:
    for tier in tiers {
      values.append(tier.threshold.description)
      values.append((tier.threshold + FixedDecimal(micros: 1)).description)
      if tier.threshold > .zero { values.append((tier.threshold - FixedDecimal(micros: 1)).description) }
    }
  case .proportional(let target, let zeroBelow)?:
    values += [target.description, (target - FixedDecimal(micros: 1)).description]
    if let zeroBelow { values.append(zeroBelow.description) }
  case .deadline(let due, _, let until)?:
    values += [due.description, due.isoText, "01/01/2000", "31/12/2100"]
    if let until { values.append(until.description) }
  case .manual(let step)?: values += [step.description, leaf.maxPoints.description]
  default: break
  }
  return values
}

private func probeLeaves(_ criteria: CriteriaSet, strict: Bool) {
  let evaluator = RuleEvaluator(pointsPlaces: criteria.pointsPlaces)
  for leaf in criteria.leaves {
    for value in probes(leaf) where !ValueVocabulary.isNotApplicable(value) {
      guard case .scored(let points, let reasoning)? = try? evaluator.evaluate(value, leaf: leaf) else { continue }
      if strict {
        fuzzCheck(
          points >= .zero && points <= leaf.maxPoints,
          "leaf \(leaf.code): '\(value)' scores \(points), outside [0, \(leaf.maxPoints)]")
        fuzzCheck(
          points.hasAtMost(places: criteria.pointsPlaces),
          "leaf \(leaf.code): '\(value)' scores \(points), not rounded to \(criteria.pointsPlaces) places")
        do {
          _ = try evaluator.accept(points: points, leaf: leaf)
        } catch {
          fuzzFail(
            "leaf \(leaf.code): '\(value)' scores \(points) (\(reasoning)) but \(points) alone is rejected: \(error.message)"
          )
        }
      }
      if case .choice(let options)? = leaf.rule, let option = options.first(where: { $0.key == value }) {
        fuzzCheck(reasoning == .choice(option), "leaf \(leaf.code): key '\(value)' selects \(reasoning)")
      }
      if case .deadline(let due, _, _)? = leaf.rule, value == due.description || value == due.isoText {
        fuzzCheck(points == leaf.maxPoints || !strict, "leaf \(leaf.code): the due date '\(value)' scores \(points)")
      }
    }
    if case .choice(let options)? = leaf.rule {
      for option in options {
        let outcome = try? evaluator.evaluate(option.key, leaf: leaf)
        fuzzCheck(outcome != nil, "leaf \(leaf.code): option key '\(option.key)' is not accepted as a value")
      }
    }
  }
}

/// Scores a year of three units against the set: the best probe, the worst, and N/A where allowed.
private func scoreProbes(_ criteria: CriteriaSet, checkRounding: Bool) {
  let evaluator = RuleEvaluator(pointsPlaces: criteria.pointsPlaces)
  let units = [
    AssessedUnit(trusted: "A", name: "Đơn vị A", group: "g1"),
    AssessedUnit(trusted: "B", name: "Đơn vị B", group: "g1"),
    AssessedUnit(trusted: "C", name: "Đơn vị C, \"khác\"", group: "g2"),
  ]
  var data = YearData(units: units, selfAssessment: [:])
  for unit in units {
    var rows: [String: LeafEntry] = [:]
    var appraisal: [String: LeafEntry] = [:]
    for (position, leaf) in criteria.leaves.enumerated() {
      let candidates = probes(leaf).filter { value in
        if ValueVocabulary.isNotApplicable(value) { return unit.id == "C" && leaf.notApplicable != .forbidden }
        return (try? evaluator.evaluate(value, leaf: leaf)) != nil
      }
      guard !candidates.isEmpty else { continue }
      let value =
        unit.id == "A" ? candidates.last! : unit.id == "B" ? candidates[0] : candidates[position % candidates.count]
      let origin = RowOrigin(file: "assessment.csv", line: position + 2)
      if case .survey? = leaf.rule {
        appraisal[leaf.code] = LeafEntry(
          unitID: unit.id, code: leaf.code, claim: .value(value), pointsText: nil, evidenceIDs: [], remark: nil,
          origin: origin)
      } else {
        rows[leaf.code] = LeafEntry(
          unitID: unit.id, code: leaf.code, claim: .value(value), pointsText: nil, evidenceIDs: ["E1"], remark: nil,
          origin: origin)
      }
    }
    data.selfAssessment[unit.id] = rows
    data.appraisal[unit.id] = appraisal
    data.evidence[unit.id] = [
      "E1": EvidenceDocument(
        trusted: "E1", unitID: unit.id, title: "Kế hoạch", documentNumber: nil, date: nil, issuer: nil, location: nil)
    ]
  }
  if criteria.adjustmentCaps != nil {
    data.adjustments["B"] = [
      Adjustment(
        trusted: "B", kind: .bonus, points: FixedDecimal(1), reason: nil,
        origin: RowOrigin(file: "adjustments.csv", line: 2))
    ]
  }
  let results: YearResults
  do {
    results = try Assessment.run(criteria: criteria, data: data)
  } catch {
    fuzzLog("probe year: \(error.errors.count) error(s), first: \(error.errors.first.map(\.description) ?? "-")")
    // Only a unit whose every leaf is excluded may fail here (its maximum is 0).
    for problem in error.errors {
      fuzzCheck(problem.code == "E-MAX-ZERO" || !checkRounding, "scoring probe values failed: \(problem)")
    }
    return
  }
  fuzzLog("probe year scored: \(results.rankedUnits.map { "\($0.unit.id) \($0.total)/\($0.maxPoints)" })")
  fuzzCheckResults(results, unitCount: 3, leafBounds: checkRounding)
}

private func checkTemplate(_ criteria: CriteriaSet) {
  for dialect in [CSVWriter.Dialect.plain, .excel] {
    let text = AssessmentTemplate.render(criteria, unitID: "X01", dialect: dialect)
    do {
      let records = try CSVReader(file: "template.csv", bytes: Array(text.utf8)).records()
      let rows = criteria.leaves.filter { if case .survey? = $0.rule { false } else { true } }.count
      fuzzCheck(records.count == rows + 1, "template has \(records.count) records for \(rows) leaves")
      for record in records { fuzzCheck(record.fields.count == 10, "template row with \(record.fields.count) fields") }
    } catch {
      fuzzFail("the assessment template does not read back: \(error)")
    }
  }
}

/// One respondent per answer code, all answering the first question of each group: each group's
/// tally must be the sum of the codes' own percentages (SurveyAggregator, Survey/).
private func probeSurvey(_ criteria: CriteriaSet) {
  guard let survey = criteria.survey, !survey.groups.isEmpty, !survey.scale.isEmpty else { return }
  let answers = survey.scale.map(\.answer)
  guard Set(answers.map { Array($0.utf8) }).count == answers.count else { return }  // reported by checkStructure
  func field(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    guard bytes.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else {
      return bytes
    }
    return [0x22] + bytes.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
  }
  var csv = Array("unit_id,respondent_id,question,answer,weight\n".utf8)
  var expected: [String: (sum: Int128, weights: Int128, count: Int)] = [:]
  var respondent = 0
  var questionsUsed = Set<String>()
  for group in survey.groups {
    let question = group.questions[0]
    guard questionsUsed.insert(question).inserted else { continue }
    for entry in survey.scale {
      respondent += 1
      csv += Array("U,R\(respondent),".utf8) + field(question) + [0x2C] + field(entry.answer) + Array(",2\n".utf8)
      for other in survey.groups where other.questions.contains(question) {
        var tally = expected[other.key] ?? (0, 0, 0)
        tally.sum += 2_000_000 * Int128(entry.percent.micros)
        tally.weights += 2_000_000
        tally.count += 1
        expected[other.key] = tally
      }
    }
  }
  let results: SurveyResults
  do {
    results = try SurveyAggregator.aggregate(file: "survey.csv", bytes: csv, criteria: criteria, unitIDs: ["U"])
  } catch {
    fuzzFail(
      "a survey answering every scale code once is rejected: \(error.errors.prefix(3).map(\.description)) — \(String(decoding: csv, as: UTF8.self).debugDescription)"
    )
  }
  fuzzCheck(
    results.respondents["U"] == respondent,
    "\(results.respondents["U"] ?? 0) respondents counted, \(respondent) answered")
  for (key, tally) in expected {
    let actual = results.tallies["U"]?[key]
    fuzzCheck(
      actual?.weightedSum == tally.sum && actual?.weightSum == tally.weights && actual?.answers == tally.count,
      "group \(key): tally \(String(describing: actual)), expected \(tally)")
  }
}

/// The bytes as a criteria table's tree (with a fixed header table): problems, or a set that
/// survives its tables.
private func readAsTable(_ bytes: [UInt8]) {
  let info = "key,value,name\nid,fuzz\ntitle,Fuzz\nlevel,xã\nyear,2025\nstatus,mô phỏng\nsource,fuzz\nband,0,Tất cả\n"
  do throws(Diagnostics) {
    let (set, _) = try CriteriaTable.read(
      nodes: InputData(name: "t.csv", bytes: bytes), info: InputData(name: "t-set.csv", text: info))
    fuzzLog("table read: \(set.leaves.count) leaves")
    checkStructure(set)
    checkTables(set)
  } catch {
    fuzzCheck(!error.all.isEmpty, "CriteriaTable.read threw an empty error list")
    for problem in error.all.prefix(50) { _ = problem.description }
  }
}

/// A set written as its JSON decodes to the same JSON; written as its tables (both dialects),
/// it reads back as the same set — exactly, when its texts are already trimmed NFC (a table's
/// cells are read trimmed).
private func checkTables(_ criteria: CriteriaSet) {
  let json = CriteriaSetJSON.render(criteria)
  do throws(Diagnostics) {
    let decoded = try CriteriaSetDecoder.decode(Array(json.utf8), file: "again.json")
    fuzzCheck(CriteriaSetJSON.render(decoded) == json, "the JSON written decodes to another set")
  } catch {
    fuzzFail("the JSON written does not decode: \(error.all.first.map(\.description) ?? "-")")
  }
  for dialect in [CSVWriter.Dialect.plain, .excel] {
    let (nodes, info) = CriteriaTableWriter.render(criteria, dialect: dialect)
    do throws(Diagnostics) {
      let read = try CriteriaTable.read(
        nodes: InputData(name: "t.csv", text: nodes), info: InputData(name: "t-set.csv", text: info)
      ).set
      let again = CriteriaSetJSON.render(read)
      if again != json {
        // Only surrounding spaces (or NFC) may differ: the reader trims cells.
        fuzzCheck(
          hasUntrimmedText(criteria),
          "the tables read back as another set:\n\(json.prefix(2000))\n---\n\(again.prefix(2000))")
      }
    } catch {
      fuzzCheck(
        hasUntrimmedText(criteria),
        "the tables of a valid set do not read back: \(error.all.first.map(\.description) ?? "-")")
    }
  }
}

/// Whether some text of the set has surrounding spaces or is not NFC (a table reads it trimmed).
private func hasUntrimmedText(_ criteria: CriteriaSet) -> Bool {
  func untrimmed(_ text: String) -> Bool { String(text.trimmingSpaces).nfc != text || text.trimmedNFC != text }
  var texts = [criteria.id, criteria.title, criteria.source] + criteria.classification.map(\.label)
  for (node, _) in criteria.allNodes {
    texts += [node.code, node.title, node.source ?? ""]
    if case .choice(let options)? = node.rule { texts += options.flatMap { [$0.key, $0.label] } }
    if case .survey(let group)? = node.rule { texts.append(group) }
  }
  if let survey = criteria.survey {
    texts += survey.scale.map(\.answer) + survey.groups.flatMap { [$0.key, $0.title] + $0.questions }
  }
  return texts.contains(where: untrimmed)
}
