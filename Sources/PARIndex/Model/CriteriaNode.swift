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

  private struct Fields: Sendable, Hashable {
    var code: String
    var title: String
    var maxPoints: FixedDecimal
    var children: [CriteriaNode]
    var rule: Rule?
    var evidence: EvidenceRequirement
    var notApplicable: NotApplicablePolicy
    var source: String?
  }

  /// In one shared box: scoring hands a leaf to a function a million times a year, and a
  /// copy is then one reference count, not one per field.
  private var fields: SharedBox<Fields>

  /// Dotted and unique in the set: `1`, `1.2`, `1.2.3`.
  public var code: String {
    get { fields.value.code }
    set { fields.value.code = newValue }
  }
  public var title: String {
    get { fields.value.title }
    set { fields.value.title = newValue }
  }
  public var maxPoints: FixedDecimal {
    get { fields.value.maxPoints }
    set { fields.value.maxPoints = newValue }
  }
  /// Empty for a leaf.
  public var children: [CriteriaNode] {
    get { fields.value.children }
    set { fields.value.children = newValue }
  }
  /// Set exactly for leaves.
  public var rule: Rule? {
    get { fields.value.rule }
    set { fields.value.rule = newValue }
  }
  public var evidence: EvidenceRequirement {
    get { fields.value.evidence }
    set { fields.value.evidence = newValue }
  }
  public var notApplicable: NotApplicablePolicy {
    get { fields.value.notApplicable }
    set { fields.value.notApplicable = newValue }
  }
  /// Where the item and its numbers come from.
  public var source: String? {
    get { fields.value.source }
    set { fields.value.source = newValue }
  }

  public init(
    code: String, title: String, maxPoints: FixedDecimal, children: [CriteriaNode] = [], rule: Rule? = nil,
    evidence: EvidenceRequirement = .none, notApplicable: NotApplicablePolicy = .forbidden, source: String? = nil
  ) {
    fields = SharedBox(Fields(
      code: code, title: title, maxPoints: maxPoints, children: children, rule: rule, evidence: evidence,
      notApplicable: notApplicable, source: source))
  }

  public var isLeaf: Bool { rule != nil }

  /// This node's leaves in document order (itself when it is a leaf).
  public var leaves: [CriteriaNode] { isLeaf ? [self] : children.flatMap(\.leaves) }
}
