/// Scores every unit of a year against a criteria set (docs/SCORING.md §3): leaf points from rules,
/// rollup to criteria and fields, adjustments, total, index and class. Ranks are added by
/// ``Ranking``; ``Assessment/run(criteria:data:threads:)`` does both.
public struct Scorer: Sendable {
  /// The set every unit is scored against.
  public let criteria: CriteriaSet
  let evaluator: RuleEvaluator
  let outline: CriteriaOutline
  /// ``CriteriaSet/fingerprint``, made once: rows read against the same set are found by leaf position.
  let fingerprint: String

  /// The number of threads to score units on; `nil` chooses from the machine's cores.
  public let threads: Int?

  /// A scorer for years read against `criteria`.
  ///
  /// - Parameter criteria: the set to score against.
  /// - Parameter threads: how many threads score units (`nil`: the machine's cores). The
  ///   results are the same for any number.
  public init(criteria: CriteriaSet, threads: Int? = nil) {
    self.criteria = criteria
    self.threads = Parallel.clamped(threads)
    evaluator = RuleEvaluator(pointsPlaces: criteria.pointsPlaces)
    outline = CriteriaOutline(criteria)
    fingerprint = criteria.fingerprint
  }

  /// Scores all units, in the order of the units file, keeping every leaf's score.
  /// - Throws: ``Diagnostics`` with every value that breaks its rule, for every unit.
  public func score(_ data: YearData) throws(Diagnostics) -> [UnitScore] { try scoreWithWarnings(data).units }

  /// Scores all units, keeping each unit's totals only: every leaf is still scored and checked,
  /// but a country's million leaf scores are not held.
  public func totals(_ data: YearData) throws(Diagnostics) -> [UnitTotals] { try totalsWithWarnings(data).units }

  /// ``score(_:)`` with the warnings about values that were accepted but look wrong
  /// (``Plausibility``), in file order.
  public func scoreWithWarnings(_ data: YearData) throws(Diagnostics) -> (units: [UnitScore], warnings: [Diagnostic]) {
    let (units, warnings) = try scoreAll(data, keepingLeaves: true)
    return (units.map { UnitScore(totals: $0.totals, leaves: $0.leaves) }, warnings)
  }

  /// ``totals(_:)`` with the warnings.
  public func totalsWithWarnings(_ data: YearData) throws(Diagnostics) -> (units: [UnitTotals], warnings: [Diagnostic])
  {
    let (units, warnings) = try scoreAll(data, keepingLeaves: false)
    return (units.map(\.totals), warnings)
  }

  private func scoreAll(
    _ data: YearData, keepingLeaves: Bool
  ) throws(Diagnostics)
    -> (units: [(totals: UnitTotals, leaves: [LeafScore])], warnings: [Diagnostic])
  {
    // A year built in code has not been checked against this set while reading.
    let mismatched = data.problems(against: criteria)
    if !mismatched.isEmpty { throw Diagnostics(mismatched) }
    // Rows read against this set are found by leaf position; others by code.
    let sameSet = data.checkedAgainst == fingerprint
    // Units are independent: score slices of them on all cores, then join in order.
    let slices = min(threads ?? (data.units.count < 64 ? 1 : Parallel.width), max(1, data.units.count))
    let parts = Parallel.map(slices) { slice -> ([(totals: UnitTotals, leaves: [LeafScore])], DiagnosticLog) in
      var log = DiagnosticLog()
      var results: [(totals: UnitTotals, leaves: [LeafScore])] = []
      let range = (data.units.count * slice / slices)..<(data.units.count * (slice + 1) / slices)
      results.reserveCapacity(range.count)
      for unit in data.units[range] {
        if let result = score(unit, in: data, sameSet: sameSet, keepingLeaves: keepingLeaves, log: &log) {
          results.append(result)
        }
      }
      return (results, log)
    }
    var log = DiagnosticLog()
    for part in parts { log.add(part.1) }
    // Problems are found leaf by leaf; a secretary fixes a file top to bottom.
    log.sortByFile()
    // The same warnings with errors as without: a file's settled dates are settled either way.
    let warnings = Self.droppingSettledDates(log.warnings, data)
    if !log.errors.isEmpty { throw Diagnostics(log.errors + warnings) }
    return (parts.flatMap(\.0), warnings)
  }

  /// A date that reads both as dd/mm and mm/dd is only ambiguous in a file that never shows
  /// its order: one that also holds a date only dd/mm/yyyy can be (a day above 12 first, as
  /// `28/02/2025`) writes every date that way, and its two-way dates are not warned about.
  static func droppingSettledDates(_ warnings: [Diagnostic], _ data: YearData) -> [Diagnostic] {
    let ambiguous = warnings.filter { if case .dateAmbiguous = $0.message { true } else { false } }
    guard !ambiguous.isEmpty else { return warnings }
    let suspects = Set(ambiguous.map(\.file))
    var settled = Set<String>()
    // Rows of one table come together and share its origin: whether a table's file is still
    // unsettled is looked up once per run of rows, not (a hash of its path) once per row.
    var lastTable: TableOrigin?
    var lastIsOpen = false
    for rows in [data.selfRows] + data.roundRows {
      rows.visitEntries { entry in
        let table = entry.origin.table
        if table !== lastTable {
          (lastTable, lastIsOpen) = (table, suspects.contains(table.file) && !settled.contains(table.file))
        }
        guard lastIsOpen, let value = entry.value, Self.isDayFirstOnly(value) else { return }
        settled.insert(table.file)
        lastIsOpen = false
      }
    }
    return warnings.filter { warning in
      if case .dateAmbiguous = warning.message { return !settled.contains(warning.file) }
      return true
    }
  }

  /// `28/02/2025`: a date whose first number can only be a day.
  static func isDayFirstOnly(_ value: String) -> Bool {
    let parts = value.trimmingSpaces.split(separator: "/")
    guard parts.count == 3, let first = Int(parts[0]), let second = Int(parts[1]) else { return false }
    return first > 12 && first <= 31 && second <= 12 && parts[2].count == 4
  }

  /// One unit's totals and leaves; `sameSet` says the year was read against this set, so its
  /// rows are found by leaf position. `nil` when a leaf failed (the problem is in `log`).
  func score(
    _ unit: AssessedUnit, in data: YearData, sameSet: Bool, keepingLeaves: Bool, log: inout DiagnosticLog
  )
    -> (totals: UnitTotals, leaves: [LeafScore])?
  {
    var failed = false
    var explanations: [String: [UnitExplanation]] = [:]
    for explanation in data.explanations[unit.id] ?? [] {
      explanations[explanation.code, default: []].append(explanation)
    }
    let leafCount = criteria.leaves.count
    let rounds = data.roundRows.map { $0.unitRows(ofUnit: unit.id, leafCount: leafCount, sameSet: sameSet) }
    // The appraised leaves by position: a few per unit, found once here, not once per leaf.
    var appraised = [Bool](repeating: false, count: rounds.allSatisfy(\.isEmpty) ? 0 : leafCount)
    for round in rounds { round.mark(&appraised, in: criteria) }
    let context = UnitContext(
      unit: unit, selfRows: data.selfRows.unitRows(ofUnit: unit.id, leafCount: leafCount, sameSet: sameSet),
      appraisedLeaves: appraised, rounds: rounds,
      explanations: explanations, documents: data.evidenceRows.documents(ofUnit: unit.id), survey: data.survey)
    var leaves: [LeafScore] = []
    leaves.reserveCapacity(criteria.leaves.count)
    for index in criteria.leaves.indices {
      if let score = scoreLeaf(criteria.leaves[index], at: index, of: context, log: &log) {
        leaves.append(score)
      } else {
        failed = true
      }
    }
    // The log may be full and drop the message, so failure is tracked here, not from its size.
    guard !failed else { return nil }

    let nodes = outline.rollup(leaves)
    let fields = outline.fields.map { nodes[$0] }
    // Only nodes with children are kept: a leaf's points are its LeafScore's, and a country of
    // units × 10,000 leaves must not hold a NodeScore per leaf.
    let parentNodes = outline.parentPositions.map { nodes[$0] }
    let leafTotal = fields.reduce(FixedDecimal.zero) { $0 + $1.points }
    let maxPoints = fields.reduce(FixedDecimal.zero) { $0 + $1.applicableMax }
    guard maxPoints > .zero else {
      log.add(
        .maximumZero, at: data.unitRows[unit.id]?.location(of: .unitID) ?? InputLocation(file: "units"),
        field: data.unitRows[unit.id]?.table.name(of: .unitID) ?? "unit_id", value: unit.id)
      return nil
    }

    var appraisalChange = FixedDecimal.zero
    // By index: iterating the scores would copy each one (a dozen references retained).
    for index in leaves.indices where leaves[index].source == .appraisal {
      if case .survey? = criteria.leaves[index].rule { continue }
      appraisalChange += leaves[index].points - (leaves[index].selfPoints ?? .zero)
    }
    let adjustments = data.adjustments[unit.id] ?? []
    let bonusClaimed = Self.sum(adjustments.filter { $0.kind == .bonus })
    let penaltyClaimed = Self.sum(adjustments.filter { $0.kind == .penalty })
    let caps = criteria.adjustmentCaps
    let bonus = min(bonusClaimed, caps?.bonusCap ?? .zero)
    let penalty = min(penaltyClaimed, caps?.penaltyCap ?? .zero)
    let total = Self.total(leafTotal: leafTotal, bonus: bonus, penalty: penalty, maximum: maxPoints)
    let exactIndex = Fraction.percent(total, of: maxPoints)
    let index = exactIndex.rounded(places: criteria.indexPlaces)
    let totals = UnitTotals(
      unit: unit, nodes: parentNodes, fieldPoints: fields.map(\.points), leafTotal: leafTotal,
      appraisalChange: appraisalChange,
      bonusClaimed: bonusClaimed, penaltyClaimed: penaltyClaimed, bonus: bonus, penalty: penalty, total: total,
      maxPoints: maxPoints, exactIndex: exactIndex, index: index,
      classLabel: criteria.classify(roundedIndex: index).label)
    return (totals, keepingLeaves ? leaves : [])
  }

  /// The unit's total (docs/SCORING.md §3): leaf points + capped bonus − capped penalty, clamped to
  /// [0, applicable maximum].
  public static func total(
    leafTotal: FixedDecimal, bonus: FixedDecimal, penalty: FixedDecimal, maximum: FixedDecimal
  ) -> FixedDecimal {
    min(max(leafTotal + bonus - penalty, .zero), maximum)
  }

  /// Σ points, saturating far above any cap (caps are below 10⁹), so that a hostile file with
  /// many huge rows cannot overflow.
  static func sum(_ adjustments: [Adjustment]) -> FixedDecimal {
    var total: Int64 = 0
    for adjustment in adjustments {
      total = min(total + adjustment.points.micros, FixedDecimal.parsingLimit * FixedDecimal.unitsPerOne)
    }
    return FixedDecimal(micros: total)
  }
}

/// What a unit's leaves are scored from, gathered once per unit.
struct UnitContext {
  let unit: AssessedUnit
  let selfRows: UnitRows
  /// Whether a round appraised the leaf at each position (empty when none did).
  let appraisedLeaves: [Bool]
  /// Each round's rows, in order (empty for a round without rows for the unit).
  let rounds: [UnitRows]
  /// The unit's explanations by leaf code, in file order.
  let explanations: [String: [UnitExplanation]]
  let documents: UnitDocuments
  let survey: SurveyResults
}

/// The criteria tree flattened once, depth first (``CriteriaSet/allNodes`` order): a unit's
/// rollup adds arrays from the last node to the first, with no recursion over the tree.
struct CriteriaOutline: Sendable {
  let codes: [String]
  /// The parent's position, or -1 for a field.
  let parents: [Int]
  /// The leaf's position in ``CriteriaSet/leaves``, or -1 for a node with children.
  let leafPositions: [Int]
  /// The fields' positions.
  let fields: [Int]
  /// The positions of the nodes with children (fields and criteria), in order.
  let parentPositions: [Int]

  init(_ criteria: CriteriaSet) {
    var codes: [String] = []
    var parents: [Int] = []
    var leafPositions: [Int] = []
    var leafCount = 0
    func visit(_ node: CriteriaNode, parent: Int) {
      let position = codes.count
      codes.append(node.code)
      parents.append(parent)
      leafPositions.append(node.isLeaf ? leafCount : -1)
      // A node with a rule is a leaf, whatever else it holds (as `CriteriaSet.leaves` says).
      if node.isLeaf {
        leafCount += 1
        return
      }
      for child in node.children { visit(child, parent: position) }
    }
    var fields: [Int] = []
    for item in criteria.items {
      fields.append(codes.count)
      visit(item, parent: -1)
    }
    (self.codes, self.parents, self.leafPositions, self.fields) = (codes, parents, leafPositions, fields)
    parentPositions = leafPositions.indices.filter { leafPositions[$0] < 0 }
  }

  /// Every node's points and applicable maximum: a leaf's own, a parent's the exact sum of its
  /// children's (children follow their parent, so the last node is complete first).
  func rollup(_ leaves: [LeafScore]) -> [NodeScore] {
    var points = [FixedDecimal](repeating: .zero, count: codes.count)
    var maxima = points
    for node in codes.indices where leafPositions[node] >= 0 {
      points[node] = leaves[leafPositions[node]].points
      maxima[node] = leaves[leafPositions[node]].applicableMax
    }
    for node in codes.indices.reversed() where parents[node] >= 0 {
      points[parents[node]] += points[node]
      maxima[parents[node]] += maxima[node]
    }
    return codes.indices.map { NodeScore(code: codes[$0], points: points[$0], applicableMax: maxima[$0]) }
  }
}
