/// A node of a criteria set: a field (lĩnh vực), a criterion (tiêu chí) or a leaf
/// (tiêu chí thành phần) that carries a scoring rule.
public struct CriteriaNode: Sendable, Hashable {
  /// Whether a leaf needs evidence documents (tài liệu kiểm chứng).
  public enum EvidenceRequirement: String, Sendable, Hashable {
    /// The leaf needs evidence: under the set's `required` policy, it scores 0 without any.
    case required
    /// The default: no evidence is needed.
    case none
  }

  /// What a "not applicable" value (`N/A`, `KPS`, `không phát sinh`) does for a leaf.
  public enum NotApplicablePolicy: String, Sendable, Hashable {
    /// The leaf's maximum leaves the unit's maximum.
    case exclude
    /// The leaf earns its maximum.
    case full
    /// Not applicable is an input error.
    case forbidden
  }

  private struct Fields: Sendable, Hashable {
    var code: String
    var title: String
    var maxPoints: FixedDecimal
    var children: [CriteriaNode]
    var rule: Rule?
    var evidence: EvidenceRequirement
    var notApplicable: NotApplicablePolicy
    var source: String?
    /// Levels from this node down to its deepest leaf (a leaf: 1).
    var height: Int
  }

  /// In one shared box: scoring hands a leaf to a function a million times a year, and a
  /// copy is then one reference count, not one per field.
  private var fields: SharedBox<Fields>

  /// Dotted and unique in the set: `1`, `1.2`, `1.2.3`.
  public var code: String { fields.value.code }
  /// The item's title, as the decision words it.
  public var title: String { fields.value.title }
  /// The most points the item gives; a parent's is the sum of its children's.
  public var maxPoints: FixedDecimal { fields.value.maxPoints }
  /// Empty for a leaf.
  public var children: [CriteriaNode] { fields.value.children }
  /// Set exactly for leaves.
  public var rule: Rule? { fields.value.rule }
  /// Whether the leaf needs evidence documents (`none` for parents).
  public var evidence: EvidenceRequirement { fields.value.evidence }
  /// What a not-applicable value does for the leaf (`forbidden` unless the set says otherwise).
  public var notApplicable: NotApplicablePolicy { fields.value.notApplicable }
  /// Where the item and its numbers come from.
  public var source: String? { fields.value.source }

  /// A leaf (tiêu chí thành phần): its points come from `rule`.
  ///
  /// Throws when the values break a rule a criteria file must follow (docs/FORMATS.md §1): a
  /// code that is not dotted parts, a maximum not in (0, 10000], a rule that cannot work with
  /// this maximum (options or tiers above it, an empty list, a zero `perItem` …). What depends
  /// on the whole set (unique codes, decimals, survey groups) is checked by ``CriteriaSet``.
  public init(
    code: String, title: String, maxPoints: FixedDecimal, rule: Rule, evidence: EvidenceRequirement = .none,
    notApplicable: NotApplicablePolicy = .forbidden, source: String? = nil
  ) throws(Diagnostics) {
    self.init(
      trusted: code, title: title, maxPoints: maxPoints, rule: rule, evidence: evidence, notApplicable: notApplicable,
      source: source)
    try Self.check(self)
  }

  /// A field (lĩnh vực) or criterion (tiêu chí): its maximum must be its children's sum.
  public init(
    code: String, title: String, maxPoints: FixedDecimal, children: [CriteriaNode], source: String? = nil
  )
    throws(Diagnostics)
  {
    self.init(trusted: code, title: title, maxPoints: maxPoints, children: children, source: source)
    try Self.check(self)
  }

  private static func check(_ node: CriteriaNode) throws(Diagnostics) {
    var problems = CriteriaChecks.node(node)
    // A tree deeper than a set allows is refused as it is built, so that none exists for
    // recursion (leaves, equality, release) to walk down into the stack's end.
    if node.height > CriteriaChecks.deepestLevel + 1 {
      problems.append(
        CriteriaProblem(
          path: "children", value: node.code, message: .nestedTooDeep(levels: CriteriaChecks.deepestLevel)))
    }
    if !problems.isEmpty { throw CriteriaChecks.diagnostics(problems, file: "CriteriaNode \(node.code)") }
  }

  /// A node whose values the caller has checked (the decoder, with the same checks).
  init(
    trusted code: String, title: String, maxPoints: FixedDecimal, children: [CriteriaNode] = [], rule: Rule? = nil,
    evidence: EvidenceRequirement = .none, notApplicable: NotApplicablePolicy = .forbidden, source: String? = nil
  ) {
    fields = SharedBox(
      Fields(
        code: code, title: title, maxPoints: maxPoints, children: children, rule: rule, evidence: evidence,
        notApplicable: notApplicable, source: source, height: 1 + (children.map(\.height).max() ?? 0)))
  }

  /// Levels from this node down to its deepest leaf (a leaf: 1); a set allows 9 (leaves below 8 levels).
  var height: Int { fields.value.height }

  /// Whether the node is a leaf: it has a rule, and no children.
  public var isLeaf: Bool { rule != nil }

  /// This node's leaves in document order (itself when it is a leaf).
  public var leaves: [CriteriaNode] { isLeaf ? [self] : children.flatMap(\.leaves) }
}
