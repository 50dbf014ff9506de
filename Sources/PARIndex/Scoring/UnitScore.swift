/// Points of one node of the tree (field, criterion or leaf) for one unit.
public struct NodeScore: Sendable, Hashable {
  public var code: String
  /// Sum of the rounded points of the node's leaves (exact).
  public var points: FixedDecimal
  /// Sum of the maxima of the node's applicable leaves.
  public var applicableMax: FixedDecimal

  /// points / applicable maximum × 100 rounded to `places`, or `nil` when nothing applies.
  public func index(places: Int) -> FixedDecimal? {
    applicableMax > .zero ? Fraction.percentage(points, of: applicableMax).rounded(places: places) : nil
  }
}

/// The whole result of one unit: leaves, rollups, adjustments, total, index, class, rank.
public struct UnitScore: Sendable, Hashable {
  public var unit: AssessedUnit
  /// One per leaf of the criteria set, in its order.
  public var leaves: [LeafScore]
  /// One per node of the criteria set, depth first (``CriteriaSet/allNodes`` order).
  public var nodes: [NodeScore]
  /// The top-level items' points before adjustments, in the set's order.
  public var fieldPoints: [FixedDecimal]
  /// Σ leaf points, before adjustments.
  public var leafTotal: FixedDecimal
  /// How much the appraisal (thẩm định) changed the leaf points, against what the unit's own
  /// rows score (a leaf it did not self-assess counts as 0); survey leaves are not included.
  public var appraisalChange: FixedDecimal
  /// Bonus rows summed, before the cap.
  public var bonusClaimed: FixedDecimal
  /// Penalty rows summed, before the cap.
  public var penaltyClaimed: FixedDecimal
  /// Bonus after the cap.
  public var bonus: FixedDecimal
  /// Penalty after the cap.
  public var penalty: FixedDecimal
  /// leafTotal + bonus − penalty, clamped to [0, maxPoints].
  public var total: FixedDecimal
  /// Σ maxima of applicable leaves.
  public var maxPoints: FixedDecimal
  /// total / maxPoints × 100, exact. Ranking compares this.
  public var exactIndex: Fraction
  /// The index % rounded to `rounding.index` decimals, for display and classification.
  public var index: FixedDecimal
  /// The classification (xếp loại) label.
  public var classLabel: String
  /// The rank (xếp hạng) in the unit's group; set by ``Ranking``.
  public var rank: Int

  /// The score of the node with `code`.
  public func node(_ code: String) -> NodeScore? { nodes.first { $0.code == code } }
}
