/// One step of a leaf's history (quá trình chấm điểm): what stood before the appraisal (the
/// unit's self-assessment, or the survey), each appraisal round's decision, and the unit's
/// explanations (giải trình) between rounds.
public struct LeafHistoryStep: Sendable, Hashable {
  /// What the step is.
  public enum Kind: Sendable, Hashable {
    /// Tự chấm: the unit's own row, evidence policy applied (no row: missing).
    case selfAssessment
    /// Điều tra xã hội học: the survey's result for a survey leaf.
    case survey
    /// Thẩm định vòng N: the council's row in round N.
    case appraisal(round: Int)
    /// Giải trình: the unit's answer to round N; it changes no points.
    case explanation(round: Int)
  }

  /// What the step is.
  public let kind: Kind
  /// The points the step gives (rounded); `nil` for an explanation.
  public let points: FixedDecimal?
  /// The step's status (scored, not applicable, missing, no evidence); `nil` for an explanation.
  public let status: LeafStatus?
  /// The row of the step (self-assessment or appraisal), if one.
  public let entry: LeafEntry?
  /// The explanation, for an explanation step.
  public let explanation: UnitExplanation?

  /// A step that scores.
  init(kind: Kind, points: FixedDecimal, status: LeafStatus, entry: LeafEntry?) {
    (self.kind, self.points, self.status, self.entry, self.explanation) = (kind, points, status, entry, nil)
  }

  /// An explanation step.
  init(explanation: UnitExplanation) {
    (kind, points, status, entry) = (.explanation(round: explanation.round), nil, nil, nil)
    self.explanation = explanation
  }

  /// `tự chấm` / `self-assessment`, `thẩm định vòng 2` / `appraisal round 2`, `giải trình vòng 1` …
  public func label(_ language: Language = .vietnamese) -> String {
    switch kind {
    case .selfAssessment: ScoreSource.selfAssessment.label(language)
    case .survey: ScoreSource.survey.label(language)
    case .appraisal(let round): language.pick(vi: "thẩm định vòng \(round)", en: "appraisal round \(round)")
    case .explanation(let round):
      language.pick(vi: "giải trình (sau vòng \(round))", en: "explanation (after round \(round))")
    }
  }
}
