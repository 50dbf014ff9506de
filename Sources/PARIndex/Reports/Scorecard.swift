/// One unit's scorecard as data, shared by the text, Markdown and HTML renderers: the tree of
/// fields, criteria and leaves, who set each leaf, what needs attention, the evidence.
public struct Scorecard: Sendable {
  /// One node of the tree.
  public struct Row: Sendable {
    /// The node's depth in the tree: 0 for a field.
    public var depth: Int
    /// The node's code.
    public var code: String
    /// The node's title.
    public var title: String
    /// The points the unit got for the node.
    public var points: FixedDecimal
    /// The node's applicable maximum: without its not-applicable leaves whose policy is `exclude`.
    public var maxPoints: FixedDecimal
    /// Set for leaves.
    public var leaf: LeafScore?
    /// `tự chấm`, `thẩm định`, `điều tra XHH`, or empty.
    public var sourceLabel: String
    /// Status, mismatch, few responses, the appraisal's reason.
    public var notes: [String]
    /// The explanation sentence (leaves only).
    public var explanation: String?
  }

  /// The unit, scored and ranked.
  public var unit: Ranked<UnitScore>
  /// Units in the unit's group.
  public var groupSize: Int
  /// Every node of the criteria tree, depth first.
  public var rows: [Row]
  /// Where the unit lost points, largest loss first.
  public var improvements: [Improvement]
  /// What each appraisal round did to the unit (none without an appraisal).
  public var rounds: [RoundSummary]

  /// The scorecard of `unit`, one of the units of `results`.
  public init(_ unit: Ranked<UnitScore>, in results: YearResults) { self.init(unit, in: results, explaining: true) }

  /// The scorecard, with each leaf's ``Row/explanation`` only when `explaining` (a report that
  /// prints only the losses does not show them, and a country's are many).
  init(_ unit: Ranked<UnitScore>, in results: YearResults, explaining: Bool) {
    let criteria = results.criteria
    let explanation = Explanation(criteria: criteria)
    self.unit = unit
    groupSize = results.groups.first { $0.name == unit.unit.group }?.units.count ?? 0
    var leafByCode: [String: LeafScore] = [:]
    for leaf in unit.leaves { leafByCode[leaf.code] = leaf }
    rows = zip(criteria.allNodes, unit.score.allNodes(in: criteria)).map { entry, score in
      let leaf = leafByCode[score.code]
      var notes: [String] = []
      if let leaf {
        notes.append(Labels.status(leaf))
        if let claimed = leaf.claimedMismatch {
          notes.append("tự ghi \(Labels.points(claimed, criteria.pointsPlaces)) ≠ điểm tính")
        }
        for case .fewResponses(let respondents, let minimum) in leaf.flags {
          notes.append("chỉ \(respondents)/\(minimum) người trả lời")
        }
        if let history = Labels.history(leaf, criteria.pointsPlaces, rounds: results.appraisalRounds) {
          // Self → rounds → explanations: the own points and the reasons are in it.
          notes.append("quá trình: \(history)")
        } else {
          if leaf.source == .appraisal, let own = leaf.selfPoints, own != leaf.points {
            notes.append("tự chấm \(Labels.points(own, criteria.pointsPlaces))")
          }
          if let reason = leaf.appraisalReason { notes.append("lý do: \(reason)") }
        }
      }
      return Row(
        depth: entry.depth, code: score.code, title: entry.node.title, points: score.points,
        maxPoints: score.applicableMax,
        leaf: leaf, sourceLabel: Labels.source(leaf?.source), notes: notes.filter { !$0.isEmpty },
        explanation: explaining ? leaf.map { explanation.reasoning($0) } : nil)
    }
    improvements = explanation.improvements(unit.score)
    rounds = unit.score.roundSummaries(rounds: results.appraisalRounds, criteria: criteria)
  }

  /// `Thẩm định vòng 1: 91,04 → 90,04 (1 tiêu chí thay đổi: 0 tăng, 1 giảm) · vòng 2: …`, or
  /// `nil` when no round had a row for the unit.
  public func roundsLine(_ criteria: CriteriaSet) -> String? {
    let touched = rounds.filter { $0.rows > 0 }
    guard !touched.isEmpty else { return nil }
    let places = criteria.pointsPlaces
    let parts = touched.map { round in
      let name = rounds.count == 1 ? "Thẩm định" : "vòng \(round.round)"
      return "\(name): \(Labels.points(round.totalBefore, places)) → \(Labels.points(round.totalAfter, places))"
        + " (\(round.changed) tiêu chí thay đổi: \(round.up) tăng, \(round.down) giảm)"
    }
    return (rounds.count == 1 ? "" : "Thẩm định ") + parts.joined(separator: " · ")
  }

  /// `Tổng điểm 84,26 / 100,00 · Chỉ số 84,26 % · Tốt · Hạng 3/12`.
  public func headline(_ criteria: CriteriaSet) -> String {
    "Tổng điểm \(Labels.points(unit.total, criteria.pointsPlaces)) / \(Labels.points(unit.maxPoints, criteria.pointsPlaces))"
      + " · Chỉ số \(unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ",")) %"
      + " · \(unit.classLabel) · Hạng \(unit.rank)/\(groupSize)"
  }

  /// Bonus and penalty in words, or `nil` when there are none.
  public func adjustmentsLine(_ criteria: CriteriaSet) -> String? {
    guard unit.bonusClaimed > .zero || unit.penaltyClaimed > .zero else { return nil }
    let places = criteria.pointsPlaces
    // Only what there is: no "điểm trừ -0,00" beside a bonus.
    var text = "Điểm các tiêu chí \(Labels.points(unit.leafTotal, places))"
    if unit.bonusClaimed > .zero {
      text += " · điểm thưởng \(Labels.signed(unit.bonus, places))"
      if unit.bonus != unit.bonusClaimed {
        text += " (đề nghị \(Labels.points(unit.bonusClaimed, places)), vượt mức tối đa)"
      }
    }
    if unit.penaltyClaimed > .zero {
      text += " · điểm trừ \(Labels.signed(.zero - unit.penalty, places))"
      if unit.penalty != unit.penaltyClaimed {
        text += " (phát sinh \(Labels.points(unit.penaltyClaimed, places)), vượt mức tối đa)"
      }
    }
    return text
  }

  /// `12/KH-UBND ngày 05/02/2025: Kế hoạch CCHC năm 2025 (X01-KH01)`.
  public static func evidenceText(_ document: EvidenceDocument) -> String {
    var text = document.documentNumber ?? ""
    if let date = document.date { text += (text.isEmpty ? "" : " ") + "ngày \(date)" }
    text += (text.isEmpty ? "" : ": ") + document.title + " (\(document.id))"
    return text
  }
}
