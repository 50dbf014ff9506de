/// A node of a criteria set: a field (lĩnh vực), a criterion (tiêu chí) or a leaf
/// (tiêu chí thành phần) that carries a scoring rule.
public struct CriteriaNode: Sendable, Hashable {
  /// Whether a leaf needs evidence documents (tài liệu kiểm chứng).
  public enum EvidenceRequirement: String, Sendable, Hashable {
    case required, none
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

  /// Dotted and unique in the set: `1`, `1.2`, `1.2.3`.
  public var code: String
  public var title: String
  public var maxPoints: FixedDecimal
  /// Empty for a leaf.
  public var children: [CriteriaNode]
  /// Set exactly for leaves.
  public var rule: Rule?
  public var evidence: EvidenceRequirement
  public var notApplicable: NotApplicablePolicy
  /// Where the item and its numbers come from.
  public var source: String?

  public init(
    code: String, title: String, maxPoints: FixedDecimal, children: [CriteriaNode] = [], rule: Rule? = nil,
    evidence: EvidenceRequirement = .none, notApplicable: NotApplicablePolicy = .forbidden, source: String? = nil
  ) {
    (self.code, self.title, self.maxPoints, self.children, self.rule) = (code, title, maxPoints, children, rule)
    (self.evidence, self.notApplicable, self.source) = (evidence, notApplicable, source)
  }

  public var isLeaf: Bool { rule != nil }

  /// This node's leaves in document order (itself when it is a leaf).
  public var leaves: [CriteriaNode] { isLeaf ? [self] : children.flatMap(\.leaves) }
}
