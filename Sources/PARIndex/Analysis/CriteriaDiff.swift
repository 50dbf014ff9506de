/// What changed between two criteria sets, leaf by leaf (`parindex criteria diff A B`): leaves
/// added, removed or moved (the same title under another code), maxima, rules, evidence and
/// not-applicable policies changed, and the set's own changes (scale, bands, caps, survey) —
/// the like-for-like question a comparison of two years raises.
public struct CriteriaDiff: Sendable {
  /// One change.
  public enum Change: Sendable, Hashable {
    /// A leaf of B that A does not have.
    case added(code: String, title: String, maxPoints: FixedDecimal)
    /// A leaf of A that B does not have.
    case removed(code: String, title: String, maxPoints: FixedDecimal)
    /// A leaf of A found in B under another code (same title), or under another parent.
    case moved(from: String, to: String, title: String)
    /// A node's maximum.
    case maxChanged(code: String, from: FixedDecimal, to: FixedDecimal)
    /// A node's title.
    case titleChanged(code: String, from: String, to: String)
    /// A leaf's rule, in words.
    case ruleChanged(code: String, from: String, to: String)
    /// A leaf's evidence requirement.
    case evidenceChanged(code: String, from: String, to: String)
    /// A leaf's not-applicable policy.
    case notApplicableChanged(code: String, from: String, to: String)
    /// Something of the set itself (scale, bands, caps, survey, rounding): what, before, after.
    case setChanged(what: String, from: String, to: String)
  }

  /// The sets compared.
  public let a: CriteriaSet, b: CriteriaSet
  /// The changes, set first, then node by node in B's order (removed leaves at the end).
  public let changes: [Change]

  /// The differences from `a` to `b`.
  public init(_ a: CriteriaSet, _ b: CriteriaSet) {
    (self.a, self.b) = (a, b)
    var changes: [Change] = []
    func set(_ what: String, _ from: String, _ to: String) {
      if from != to { changes.append(.setChanged(what: what, from: from, to: to)) }
    }
    let number = CriteriaAnnex.number
    set("Thang điểm", number(a.scale), number(b.scale))
    set("Làm tròn điểm", String(a.pointsPlaces), String(b.pointsPlaces))
    set("Làm tròn chỉ số", String(a.indexPlaces), String(b.indexPlaces))
    set("Xếp loại", CriteriaAnnex.bands(a), CriteriaAnnex.bands(b))
    let caps = { (set: CriteriaSet) in
      set.adjustmentCaps.map { "thưởng \(number($0.bonusCap)), trừ \(number($0.penaltyCap))" } ?? "không có"
    }
    set("Điểm thưởng, điểm trừ tối đa", caps(a), caps(b))
    let survey = { (set: CriteriaSet) in
      set.survey.map { survey in
        survey.groups.map { "\($0.key): \($0.questions.joined(separator: ", "))" }.joined(separator: "; ")
      } ?? "không có"
    }
    set("Nhóm điều tra", survey(a), survey(b))
    set("Tài liệu kiểm chứng", a.evidencePolicy.rawValue, b.evidencePolicy.rawValue)
    let scale = { (set: CriteriaSet) in
      set.survey.map { $0.scale.map { "\($0.answer) = \(number($0.percent))%" }.joined(separator: ", ") } ?? "không có"
    }
    set("Thang trả lời điều tra", scale(a), scale(b))
    set(
      "Số phiếu tối thiểu", a.survey?.minResponses.map(String.init) ?? "không có",
      b.survey?.minResponses.map(String.init) ?? "không có")

    var nodesA: [String: (node: CriteriaNode, parent: String?)] = [:]
    func index(
      _ nodes: [CriteriaNode], parent: String?, into table: inout [String: (node: CriteriaNode, parent: String?)]
    ) {
      for node in nodes {
        table[node.code] = (node, parent)
        index(node.children, parent: node.code, into: &table)
      }
    }
    index(a.items, parent: nil, into: &nodesA)
    var nodesB: [String: (node: CriteriaNode, parent: String?)] = [:]
    index(b.items, parent: nil, into: &nodesB)
    let removedLeaves = a.leaves.filter { nodesB[$0.code]?.node.isLeaf != true }
    var unmatched = removedLeaves
    for (node, _) in b.allNodes {
      guard let (old, oldParent) = nodesA[node.code], old.isLeaf == node.isLeaf else {
        guard node.isLeaf else { continue }
        if let from = unmatched.firstIndex(where: { $0.title == node.title }) {
          changes.append(.moved(from: unmatched[from].code, to: node.code, title: node.title))
          unmatched.remove(at: from)
        } else {
          changes.append(.added(code: node.code, title: node.title, maxPoints: node.maxPoints))
        }
        continue
      }
      if node.isLeaf && oldParent != nodesB[node.code]?.parent {
        changes.append(
          .moved(
            from: "\(oldParent ?? "-") / \(node.code)", to: "\(nodesB[node.code]?.parent ?? "-") / \(node.code)",
            title: node.title))
      }
      if old.title != node.title { changes.append(.titleChanged(code: node.code, from: old.title, to: node.title)) }
      if old.maxPoints != node.maxPoints {
        changes.append(.maxChanged(code: node.code, from: old.maxPoints, to: node.maxPoints))
      }
      guard let oldRule = old.rule, let newRule = node.rule else { continue }
      let before = CriteriaAnnex.wording(oldRule, node: old, set: a)
      let after = CriteriaAnnex.wording(newRule, node: node, set: b)
      if oldRule != newRule || before != after {
        changes.append(
          .ruleChanged(code: node.code, from: "\(oldRule.typeName): \(before)", to: "\(newRule.typeName): \(after)"))
      }
      if old.evidence != node.evidence {
        changes.append(.evidenceChanged(code: node.code, from: old.evidence.rawValue, to: node.evidence.rawValue))
      }
      if old.notApplicable != node.notApplicable {
        changes.append(
          .notApplicableChanged(code: node.code, from: old.notApplicable.rawValue, to: node.notApplicable.rawValue))
      }
    }
    for leaf in unmatched { changes.append(.removed(code: leaf.code, title: leaf.title, maxPoints: leaf.maxPoints)) }
    self.changes = changes
  }

  /// One change in words, as text and Markdown print it.
  public static func describe(_ change: Change) -> String {
    let number = CriteriaAnnex.number
    switch change {
    case .added(let code, let title, let max): return "THÊM \(code) \(title) (tối đa \(number(max)))"
    case .removed(let code, let title, let max): return "BỎ \(code) \(title) (tối đa \(number(max)))"
    case .moved(let from, let to, let title): return "CHUYỂN \(from) → \(to) \(title)"
    case .maxChanged(let code, let from, let to): return "ĐIỂM TỐI ĐA \(code): \(number(from)) → \(number(to))"
    case .titleChanged(let code, let from, let to): return "TÊN \(code): \(from) → \(to)"
    case .ruleChanged(let code, let from, let to): return "CÁCH CHẤM \(code): \(from) → \(to)"
    case .evidenceChanged(let code, let from, let to): return "TÀI LIỆU KIỂM CHỨNG \(code): \(from) → \(to)"
    case .notApplicableChanged(let code, let from, let to): return "KHÔNG PHÁT SINH \(code): \(from) → \(to)"
    case .setChanged(let what, let from, let to): return "\(what.uppercased()): \(from) → \(to)"
    }
  }

  /// The differences as text, one line each, after a line naming the sets.
  public func text() -> String {
    var text = "So sánh bộ tiêu chí \(a.id) (năm \(a.year)) → \(b.id) (năm \(b.year))\n"
    if changes.isEmpty { return text + "Không có khác biệt.\n" }
    text += changes.map { Self.describe($0) + "\n" }.joined()
    return text + "\(changes.count) khác biệt.\n"
  }

  /// The differences as a Markdown list.
  public func markdown() -> String {
    var text = "# So sánh bộ tiêu chí `\(a.id)` → `\(b.id)`\n\n"
    if changes.isEmpty { return text + "Không có khác biệt.\n" }
    text += changes.map { "- " + MarkdownReport.cell(Self.describe($0)) + "\n" }.joined()
    return text + "\n\(changes.count) khác biệt.\n"
  }
}
