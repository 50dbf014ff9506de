// Shared by every fuzz target: compiled into each target binary together with the library
// sources (see Fuzz/run.sh), so the library's internal API is visible here.
//
// Nothing here is part of the library. When an invariant fails we call `fatalError` with a
// message: libFuzzer sees the trap, prints the message and saves the input.

import Foundation

/// Stops the run on a broken invariant; libFuzzer records the input.
func fuzzFail(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
  fatalError("FUZZ INVARIANT: " + message(), file: file, line: line)
}

func fuzzCheck(
  _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) {
  if !condition { fuzzFail(message(), file: file, line: line) }
}

/// Bugs already recorded in Fuzz/regressions/README.md are skipped by the harness so that they
/// do not hide others. `FUZZ_STRICT=1` turns every check back on (to reproduce a regression).
let fuzzStrict: Bool = ProcessInfo.processInfo.environment["FUZZ_STRICT"] != nil

/// `FUZZ_VERBOSE=1`: say what happened to each input (to check that seeds reach the scorer).
let fuzzVerbose: Bool = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

func fuzzLog(_ message: @autoclosure () -> String) {
  if fuzzVerbose { FileHandle.standardError.write(Data(("[fuzz] " + message() + "\n").utf8)) }
}

/// The input as bytes.
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
  Array(UnsafeBufferPointer(start: data, count: size))
}

/// Splits `bytes` on every occurrence of `separator` (at most `limit` pieces; the last keeps
/// the rest).
func fuzzSplit(_ bytes: [UInt8], on separator: UInt8, limit: Int) -> [[UInt8]] {
  var pieces: [[UInt8]] = []
  var current: [UInt8] = []
  for byte in bytes {
    if byte == separator && pieces.count < limit - 1 {
      pieces.append(current)
      current = []
    } else {
      current.append(byte)
    }
  }
  pieces.append(current)
  return pieces
}

/// Decodes a criteria set embedded in a target; it must be valid.
func fuzzFixedCriteria(_ json: String) -> CriteriaSet {
  do {
    return try CriteriaSetDecoder.decode(Array(json.utf8), file: "embedded.json")
  } catch {
    fatalError("the embedded criteria set does not decode: \(error)")
  }
}

/// The number of fraction digits a value needs (0…6).
func fuzzDigits(_ value: FixedDecimal) -> Int {
  var places = 0
  while places < FixedDecimal.fractionDigits && !value.hasAtMost(places: places) { places += 1 }
  return places
}

// MARK: Results

/// Every invariant a scored year must satisfy (docs/SCORING.md §3), then every renderer, which must
/// not crash; the ranking CSV and the results JSON are read back with the library's own readers.
/// - Parameter leafBounds: check that each leaf's points are in [0, max] and rounded (off only for
///   criteria sets that hit a known, recorded issue).
func fuzzCheckResults(_ results: YearResults, unitCount: Int? = nil, leafBounds: Bool = true) {
  let criteria = results.criteria
  let allNodes = criteria.allNodes
  var seenGroups = Set<String>()
  var seenUnits = Set<String>()
  for group in results.groups {
    fuzzCheck(seenGroups.insert(group.name).inserted, "group \(group.name) listed twice")
    fuzzCheck(!group.units.isEmpty, "group \(group.name) is empty")
    for (position, unit) in group.units.enumerated() {
      let id = unit.unit.id
      fuzzCheck(seenUnits.insert(id).inserted, "unit \(id) ranked twice")
      fuzzCheck(unit.unit.group == group.name, "unit \(id) of group \(unit.unit.group) listed in \(group.name)")
      fuzzCheckUnit(unit, criteria, allNodes, leafBounds: leafBounds)
      // Ranks: sorted by exact index descending, ties by id; rank = 1 + units strictly above.
      if position > 0 {
        let previous = group.units[position - 1]
        fuzzCheck(
          previous.exactIndex > unit.exactIndex || (previous.exactIndex == unit.exactIndex && previous.unit.id < id),
          "group \(group.name): \(previous.unit.id) (\(previous.exactIndex)) listed before \(id) (\(unit.exactIndex))")
      }
      let above = group.units.filter { $0.exactIndex > unit.exactIndex }.count
      fuzzCheck(
        unit.rank == above + 1,
        "unit \(id) has rank \(unit.rank), but \(above) units of its group have a higher exact index")
    }
  }
  if let unitCount { fuzzCheck(seenUnits.count == unitCount, "\(seenUnits.count) units ranked, \(unitCount) expected") }

  // The ranking CSV, both dialects, read back (regressions/year-csvwriter-combining-*.txt:
  // a separator or quote followed by a combining mark; fixed in 8016498 and 66ff047).
  let total = results.rankedUnits.count
  do {
    let columns = 4 + criteria.items.count + 4
    for dialect in [CSVWriter.Dialect.plain, .excel] {
      let text = RankingCSV.render(results, dialect: dialect)
      let records: [(line: Int, fields: [String])]
      let reader: CSVReader
      do {
        reader = try CSVReader(file: "ranking.csv", bytes: Array(text.utf8))
        records = try reader.records()
      } catch {
        fuzzFail("the ranking CSV (\(dialect.separator)) cannot be read back: \(error)")
      }
      fuzzCheck(
        reader.separator == UInt8(ascii: dialect.separator == ";" ? ";" : ","),
        "ranking CSV separator detected as \(reader.separator)")
      fuzzCheck(
        records.count == total + 1, "ranking CSV (\(dialect.separator)) has \(records.count) records for \(total) units"
      )
      for (record, unit) in zip(records.dropFirst(), results.rankedUnits) {
        fuzzCheck(
          record.fields.count == columns,
          "ranking CSV row of \(unit.unit.id) has \(record.fields.count) fields, expected \(columns)")
        fuzzCheck(
          record.fields[2] == unit.unit.id && record.fields[3] == unit.unit.name
            && record.fields[1] == String(unit.rank),
          "ranking CSV row \(record.fields) does not round-trip unit \(unit.unit.id) / \(unit.unit.name)")
      }
    }
  }
  for group in results.groups { _ = RankingCSV.render(results, group: group.name) }

  let json = ResultsJSON.render(results)
  do { _ = try JSONParser.parse(Array(json.utf8)) } catch { fuzzFail("ResultsJSON output is not valid JSON: \(error)") }

  _ = RankingText.render(results)
  _ = MarkdownReport.ranking(results)
  _ = ScorecardText.render(results, units: results.rankedUnits)
  _ = MarkdownReport.scorecards(results, units: results.rankedUnits)
  _ = ScorecardHTML.page(results, units: results.rankedUnits)
  if let first = results.rankedUnits.first {
    _ = ExplainText.render(results, unit: first)
    for leaf in criteria.leaves.prefix(3) { _ = ExplainText.render(results, unit: first, code: leaf.code) }
  }
  if total <= 40 { _ = CouncilReport.render(results) }
}

func fuzzCheckUnit(
  _ unit: Ranked<UnitScore>, _ criteria: CriteriaSet, _ allNodes: [(node: CriteriaNode, depth: Int)], leafBounds: Bool
) {
  let id = unit.unit.id
  fuzzCheck(
    unit.leaves.count == criteria.leaves.count,
    "unit \(id): \(unit.leaves.count) leaf scores for \(criteria.leaves.count) leaves")
  let nodeScores = unit.score.allNodes(in: criteria)
  fuzzCheck(
    nodeScores.count == allNodes.count, "unit \(id): \(nodeScores.count) node scores for \(allNodes.count) nodes")
  fuzzCheck(
    unit.nodes.count == allNodes.count - criteria.leaves.count,
    "unit \(id): \(unit.nodes.count) field and criterion scores for \(allNodes.count - criteria.leaves.count)")
  var leafSum = FixedDecimal.zero
  var maxSum = FixedDecimal.zero
  for (leaf, node) in zip(unit.leaves, criteria.leaves) {
    fuzzCheck(leaf.code == node.code, "unit \(id): leaf score \(leaf.code) where \(node.code) was expected")
    fuzzCheck(
      leaf.maxPoints == node.maxPoints, "unit \(id) leaf \(leaf.code): maxPoints \(leaf.maxPoints) ≠ \(node.maxPoints)")
    if leafBounds {
      fuzzCheck(
        leaf.points >= .zero && leaf.points <= leaf.maxPoints,
        "unit \(id) leaf \(leaf.code): points \(leaf.points) outside [0, \(leaf.maxPoints)] (status \(leaf.status), reasoning \(leaf.reasoning))"
      )
      fuzzCheck(
        leaf.points.hasAtMost(places: criteria.pointsPlaces),
        "unit \(id) leaf \(leaf.code): points \(leaf.points) not rounded to \(criteria.pointsPlaces) places (reasoning \(leaf.reasoning))"
      )
    }
    if !leaf.isApplicable {
      fuzzCheck(
        leaf.points == .zero && leaf.status == .notApplicable,
        "unit \(id) leaf \(leaf.code): excluded but \(leaf.points) points, status \(leaf.status)")
    }
    if leaf.status == .missing || leaf.status == .noEvidence {
      fuzzCheck(leaf.points == .zero, "unit \(id) leaf \(leaf.code): status \(leaf.status) with \(leaf.points) points")
    }
    leafSum += leaf.points
    maxSum += leaf.applicableMax
  }
  // Rollup: each node's points and maximum are the sums over its leaves.
  for ((node, _), score) in zip(allNodes, nodeScores) {
    fuzzCheck(node.code == score.code, "unit \(id): node score \(score.code) where \(node.code) was expected")
    let codes = Set(node.leaves.map(\.code))
    let leaves = unit.leaves.filter { codes.contains($0.code) }
    let points = leaves.reduce(FixedDecimal.zero) { $0 + $1.points }
    let maximum = leaves.reduce(FixedDecimal.zero) { $0 + $1.applicableMax }
    fuzzCheck(
      score.points == points && score.applicableMax == maximum,
      "unit \(id) node \(node.code): \(score.points)/\(score.applicableMax), but its leaves give \(points)/\(maximum)")
  }
  let fieldSum = unit.fieldPoints.reduce(FixedDecimal.zero, +)
  fuzzCheck(unit.fieldPoints.count == criteria.items.count, "unit \(id): \(unit.fieldPoints.count) field columns")
  fuzzCheck(fieldSum == unit.leafTotal, "unit \(id): Σ field points \(fieldSum) ≠ leafTotal \(unit.leafTotal)")
  fuzzCheck(leafSum == unit.leafTotal, "unit \(id): Σ leaf points \(leafSum) ≠ leafTotal \(unit.leafTotal)")
  fuzzCheck(maxSum == unit.maxPoints, "unit \(id): Σ applicable maxima \(maxSum) ≠ maxPoints \(unit.maxPoints)")
  fuzzCheck(
    unit.maxPoints > .zero && unit.maxPoints <= criteria.scale,
    "unit \(id): maxPoints \(unit.maxPoints) outside (0, \(criteria.scale)]")
  let caps = criteria.adjustmentCaps
  fuzzCheck(unit.bonusClaimed >= .zero && unit.penaltyClaimed >= .zero, "unit \(id): negative adjustments")
  fuzzCheck(
    unit.bonus == min(unit.bonusClaimed, caps?.bonusCap ?? .zero),
    "unit \(id): bonus \(unit.bonus) of \(unit.bonusClaimed) claimed")
  fuzzCheck(
    unit.penalty == min(unit.penaltyClaimed, caps?.penaltyCap ?? .zero),
    "unit \(id): penalty \(unit.penalty) of \(unit.penaltyClaimed) claimed")
  let raw = unit.leafTotal + unit.bonus - unit.penalty
  let expected = min(max(raw, .zero), unit.maxPoints)
  fuzzCheck(unit.total == expected, "unit \(id): total \(unit.total), expected clamp(\(raw)) = \(expected)")
  fuzzCheck(
    unit.total >= .zero && unit.total <= unit.maxPoints,
    "unit \(id): total \(unit.total) outside [0, \(unit.maxPoints)]")
  let exact = Fraction(Int128(unit.total.micros) * 100, Int128(unit.maxPoints.micros))
  fuzzCheck(unit.exactIndex == exact, "unit \(id): exact index \(unit.exactIndex) ≠ \(exact)")
  fuzzCheck(
    unit.exactIndex >= .zero && unit.exactIndex <= .hundred,
    "unit \(id): exact index \(unit.exactIndex) outside [0, 100]")
  fuzzCheck(
    unit.index == unit.exactIndex.rounded(places: criteria.indexPlaces),
    "unit \(id): index \(unit.index) is not the exact index rounded")
  fuzzCheck(unit.index >= .zero && unit.index <= FixedDecimal(100), "unit \(id): index \(unit.index) outside [0, 100]")
  fuzzCheck(
    unit.classLabel == criteria.classify(roundedIndex: unit.index).label,
    "unit \(id): class \(unit.classLabel) for index \(unit.index)")
}
