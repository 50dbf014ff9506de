/// Points of one node of the tree (field, criterion or leaf) for one unit.
public struct NodeScore: Sendable, Hashable {
  /// The node's code.
  public internal(set) var code: String
  /// Sum of the rounded points of the node's leaves (exact).
  public internal(set) var points: FixedDecimal
  /// Sum of the maxima of the node's applicable leaves.
  public internal(set) var applicableMax: FixedDecimal

  /// points / applicable maximum × 100 rounded to `places`, or `nil` when nothing applies.
  public func index(places: Int) -> FixedDecimal? {
    applicableMax > .zero ? Fraction.percent(points, of: applicableMax).rounded(places: places) : nil
  }
}

extension NodeScore {
  /// A leaf's points as a node of the tree.
  init(leaf: LeafScore) { self.init(code: leaf.code, points: leaf.points, applicableMax: leaf.applicableMax) }
}

/// What every scored unit has, whether or not its leaves were kept: a ranking needs this and
/// nothing more.
public protocol ScoredUnit: Sendable {
  /// The unit's rollups, adjustments, total, index and class.
  var totals: UnitTotals { get }
}

/// One unit's totals (tổng điểm): the points of its fields and criteria, adjustments, total,
/// index and class, without the per-leaf detail. What ``Scorer/totals(_:)`` gives for a
/// country's ranking: a few values per field and criterion, nothing per leaf.
public struct UnitTotals: ScoredUnit, Hashable {
  /// The unit scored.
  public let unit: AssessedUnit
  /// One per field and criterion (each node with children), depth first (``CriteriaSet/allNodes``
  /// order without the leaves). A leaf's points are its ``LeafScore``'s: a ranking of many units
  /// keeps a few values per unit, not one per leaf.
  public let nodes: [NodeScore]
  /// The top-level items' points before adjustments, in the set's order.
  public let fieldPoints: [FixedDecimal]
  /// Σ leaf points, before adjustments.
  public let leafTotal: FixedDecimal
  /// How much the appraisal (thẩm định) changed the leaf points, against what the unit's own
  /// rows score (a leaf it did not self-assess counts as 0); survey leaves are not included.
  public let appraisalChange: FixedDecimal
  /// Bonus rows summed, before the cap.
  public let bonusClaimed: FixedDecimal
  /// Penalty rows summed, before the cap.
  public let penaltyClaimed: FixedDecimal
  /// Bonus (điểm thưởng) after the cap.
  public let bonus: FixedDecimal
  /// Penalty (điểm trừ) after the cap.
  public let penalty: FixedDecimal
  /// leafTotal + bonus − penalty, clamped to [0, maxPoints].
  public let total: FixedDecimal
  /// Σ maxima of applicable leaves.
  public let maxPoints: FixedDecimal
  /// total / maxPoints × 100, exact. Ranking compares this.
  public let exactIndex: Fraction
  /// The index % rounded to `rounding.index` decimals, for display and classification.
  public let index: FixedDecimal
  /// The classification (xếp loại) label.
  public let classLabel: String

  public var totals: UnitTotals { self }

  /// The score of the field or criterion with `code` (leaves: ``UnitScore/node(_:)``).
  public func node(_ code: String) -> NodeScore? { nodes.first { $0.code == code } }
}

/// One unit's whole score: its totals and every leaf with what explains it.
@dynamicMemberLookup
public struct UnitScore: ScoredUnit, Hashable {
  public let totals: UnitTotals
  /// One per leaf of the criteria set, in its order.
  public let leaves: [LeafScore]

  init(totals: UnitTotals, leaves: [LeafScore]) { (self.totals, self.leaves) = (totals, leaves) }

  /// The totals' members (`score.total`, `score.unit`).
  public subscript<Value>(dynamicMember member: KeyPath<UnitTotals, Value>) -> Value { totals[keyPath: member] }

  /// The score of the node with `code`: a field, a criterion or a leaf.
  public func node(_ code: String) -> NodeScore? {
    if let node = totals.node(code) { return node }
    return leaves.first { $0.code == code }.map(NodeScore.init(leaf:))
  }

  /// Every node's score in ``CriteriaSet/allNodes`` order (fields and criteria from the totals,
  /// leaves from ``leaves``). For another set than the unit was scored with, the nodes whose
  /// codes this score has, looked up by code.
  public func allNodes(in criteria: CriteriaSet) -> [NodeScore] {
    var (parent, leaf) = (totals.nodes.makeIterator(), leaves.makeIterator())
    let merged = criteria.allNodes.compactMap { entry in
      entry.node.isLeaf ? leaf.next().map(NodeScore.init(leaf:)) : parent.next()
    }
    let matches =
      merged.count == criteria.allNodes.count && zip(merged, criteria.allNodes).allSatisfy { $0.code == $1.node.code }
    return matches ? merged : criteria.allNodes.compactMap { node($0.node.code) }
  }
}
