/// Scores every unit of a year against a criteria set (DESIGN §3–4): leaf points from rules,
/// rollup to criteria and fields, adjustments, total, index and class. Ranks are added by
/// ``Ranking``; ``Assessment/run(criteria:data:)`` does both.
public struct Scorer: Sendable {
  public let criteria: CriteriaSet
  let evaluator: RuleEvaluator

  /// The number of threads to score units on; `nil` chooses from the machine's cores.
  public let threads: Int?

  /// - Parameter threads: how many threads score units (`nil`: the machine's cores). The
  ///   results are the same for any number.
  public init(criteria: CriteriaSet, threads: Int? = nil) {
    self.criteria = criteria
    self.threads = threads.map { max(1, $0) }
    evaluator = RuleEvaluator(pointsPlaces: criteria.pointsPlaces)
  }

  /// Scores all units, in the order of `units.csv`.
  /// - Throws: ``InputErrors`` with every value that breaks its rule, for every unit.
  public func score(_ data: YearData) throws(InputErrors) -> [UnitScore] {
    // Units are independent: score slices of them on all cores, then join in order.
    let slices = threads ?? (data.units.count < 64 ? 1 : Parallel.width)
    let parts = Parallel.map(slices) { slice -> ([UnitScore], ErrorLog) in
      var log = ErrorLog()
      var results: [UnitScore] = []
      let range = (data.units.count * slice / slices)..<(data.units.count * (slice + 1) / slices)
      results.reserveCapacity(range.count)
      for unit in data.units[range] {
        if let result = score(unit, in: data, log: &log) { results.append(result) }
      }
      return (results, log)
    }
    var log = ErrorLog()
    for part in parts { log.add(contentsOf: part.1.errors) }
    // Problems are found leaf by leaf; a secretary fixes a file top to bottom.
    if !log.isEmpty { throw InputErrors(log.errors.sorted(by: InputError.fileOrder)) }
    return parts.flatMap(\.0)
  }

  func score(_ unit: AssessedUnit, in data: YearData, log: inout ErrorLog) -> UnitScore? {
    var failed = false
    let selfRows = data.selfAssessment[unit.id] ?? [:]
    let appraisalRows = data.appraisal[unit.id] ?? [:]
    let documents = data.evidence[unit.id] ?? [:]
    var leaves: [LeafScore] = []
    leaves.reserveCapacity(criteria.leaves.count)
    for leaf in criteria.leaves {
      let context = LeafContext(
        unit: unit, leaf: leaf, selfEntry: selfRows[leaf.code], appraisalEntry: appraisalRows[leaf.code],
        documents: documents, survey: data.survey)
      if let score = scoreLeaf(context, log: &log) { leaves.append(score) } else { failed = true }
    }
    // The log may be full and drop the message, so failure is tracked here, not from its size.
    guard !failed else { return nil }

    var nodes: [NodeScore] = []
    var position = 0
    func rollup(_ node: CriteriaNode) -> NodeScore {
      if node.isLeaf {
        let leaf = leaves[position]
        position += 1
        let score = NodeScore(code: node.code, points: leaf.points, applicableMax: leaf.applicableMax)
        nodes.append(score)
        return score
      }
      let slot = nodes.count
      nodes.append(NodeScore(code: node.code, points: .zero, applicableMax: .zero))
      var points = FixedDecimal.zero
      var maximum = FixedDecimal.zero
      for child in node.children {
        let childScore = rollup(child)
        points += childScore.points
        maximum += childScore.applicableMax
      }
      nodes[slot] = NodeScore(code: node.code, points: points, applicableMax: maximum)
      return nodes[slot]
    }
    let fields = criteria.items.map(rollup)
    let leafTotal = fields.reduce(FixedDecimal.zero) { $0 + $1.points }
    let maxPoints = fields.reduce(FixedDecimal.zero) { $0 + $1.applicableMax }
    guard maxPoints > .zero else {
      log.add(InputError(
        file: data.unitsFile, location: data.unitLines[unit.id].map { .line($0) } ?? .file, field: "unit_id", value: unit.id,
        message: "every leaf of this unit is not applicable, so its maximum is 0 and its index is undefined"))
      return nil
    }

    var appraisalChange = FixedDecimal.zero
    for (leaf, node) in zip(leaves, criteria.leaves) where leaf.source == .appraisal {
      if case .survey? = node.rule { continue }
      appraisalChange += leaf.points - (leaf.selfPoints ?? .zero)
    }
    let adjustments = data.adjustments[unit.id] ?? []
    let bonusClaimed = Self.sum(adjustments.filter { $0.kind == .bonus })
    let penaltyClaimed = Self.sum(adjustments.filter { $0.kind == .penalty })
    let caps = criteria.adjustmentCaps
    let bonus = min(bonusClaimed, caps?.bonusCap ?? .zero)
    let penalty = min(penaltyClaimed, caps?.penaltyCap ?? .zero)
    let total = Self.total(leafTotal: leafTotal, bonus: bonus, penalty: penalty, maximum: maxPoints)
    let exactIndex = Fraction.percentage(total, of: maxPoints)
    let index = exactIndex.rounded(places: criteria.indexPlaces)
    return UnitScore(
      unit: unit, leaves: leaves, nodes: nodes, fieldPoints: fields.map(\.points), leafTotal: leafTotal,
      appraisalChange: appraisalChange,
      bonusClaimed: bonusClaimed, penaltyClaimed: penaltyClaimed, bonus: bonus, penalty: penalty, total: total,
      maxPoints: maxPoints, exactIndex: exactIndex, index: index,
      classLabel: criteria.classify(roundedIndex: index).label, rank: 0)
  }

  /// The unit's total (DESIGN §4): leaf points + capped bonus − capped penalty, clamped to
  /// [0, applicable maximum].
  public static func total(leafTotal: FixedDecimal, bonus: FixedDecimal, penalty: FixedDecimal, maximum: FixedDecimal) -> FixedDecimal {
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

/// Everything one leaf's score depends on.
struct LeafContext {
  var unit: AssessedUnit
  var leaf: CriteriaNode
  var selfEntry: LeafEntry?
  var appraisalEntry: LeafEntry?
  var documents: [String: EvidenceDocument]
  var survey: SurveyResults
}
