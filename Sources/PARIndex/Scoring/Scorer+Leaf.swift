extension Scorer {
  /// Scores one leaf (docs/SCORING.md §3): the latest appraisal round with a row wins, survey
  /// leaves take the survey, then the self-assessment; else the leaf is missing. Problems go to
  /// `log` and give `nil`. A leaf that was appraised or explained keeps its history.
  func scoreLeaf(_ leaf: CriteriaNode, at index: Int, of context: UnitContext, log: inout DiagnosticLog) -> LeafScore? {
    let selfEntry = context.selfRows[leaf: index, code: leaf.code]
    var initial = LeafScore(
      code: leaf.code, points: .zero, maxPoints: leaf.maxPoints, isApplicable: true, status: .missing, source: nil,
      reasoning: .missing, flags: [], decidingEntry: nil, selfEntry: selfEntry, evidence: [], selfPoints: nil)
    if let selfEntry {
      let ids = selfEntry.citedIDs
      if !ids.isEmpty { initial.evidence = context.documents.documents(citedBy: ids) }
    }
    let appraised = !context.appraisedLeaves.isEmpty && context.appraisedLeaves[index]
    let explanations = context.explanations.isEmpty ? [] : context.explanations[leaf.code] ?? []
    guard appraised || !explanations.isEmpty else {
      // The common case: the survey or the unit's own row decides, and there is no history.
      if case .survey(let group) = leaf.rule { return scoreSurvey(group: group, leaf, context, initial) }
      guard let selfEntry else { return initial }
      guard scoreOwn(selfEntry, leaf, into: &initial, log: &log) != nil else { return nil }
      if case .noEvidence(let unknown) = initial.reasoning, !unknown.isEmpty {
        warnUnknownEvidence(unknown, of: selfEntry, leaf: leaf, context: context, log: &log)
      }
      return initial
    }
    return scoreWithHistory(
      leaf, at: index, context, initial, appraised: appraised, explanations: explanations, log: &log)
  }

  /// Scores the unit's own row into `score` (in place: this is every leaf's path), evidence
  /// policy applied (điểm tự chấm), and gives what the row scores before the evidence check
  /// (a small value: the outcome's reasoning is in `score`); problems go to `log` and give
  /// `nil`, leaving `score` as it was.
  func scoreOwn(
    _ entry: LeafEntry, _ leaf: CriteriaNode, into score: inout LeafScore, log: inout DiagnosticLog
  ) -> RowOutcome.Claim? {
    guard let outcome = evaluate(entry, leaf: leaf, log: &log) else { return nil }
    apply(outcome, from: entry, source: .selfAssessment, to: &score)
    applyEvidencePolicy(entry, leaf: leaf, found: score.evidence, to: &score)
    score.selfPoints = score.points
    return outcome.scoredBeforeEvidence
  }

  /// A leaf that a round appraised or the unit explained: scored as the latest round decides,
  /// every round checked, with its history.
  func scoreWithHistory(
    _ leaf: CriteriaNode, at leafIndex: Int, _ context: UnitContext, _ initial: LeafScore, appraised: Bool,
    explanations: [UnitExplanation], log: inout DiagnosticLog
  ) -> LeafScore? {
    let selfEntry = initial.selfEntry
    // What stands without the appraisal. Problems in the unit's own row of an appraised leaf are
    // the council's to judge, not errors.
    var scratch = DiagnosticLog()
    var own: RowOutcome.Claim?
    var base = initial
    if case .survey(let group) = leaf.rule {
      base = scoreSurvey(group: group, leaf, context, initial)
    } else if let selfEntry {
      own =
        appraised
        ? scoreOwn(selfEntry, leaf, into: &base, log: &scratch) : scoreOwn(selfEntry, leaf, into: &base, log: &log)
      if !appraised && own == nil { return nil }
    }
    var isSurvey = false
    if case .survey? = leaf.rule { isSurvey = true }
    var history = [
      LeafHistoryStep(
        kind: isSurvey ? .survey : .selfAssessment, points: base.points, status: base.status,
        entry: own == nil ? nil : selfEntry)
    ]
    guard appraised else {
      history += explanations.map { LeafHistoryStep(explanation: $0) }
      base.history = history
      return base
    }
    // Each round's row is checked, and needs a reason when it changes what stood before it.
    var standing = own
    var decided: (outcome: RowOutcome, entry: LeafEntry)?
    var failed = false
    for (index, rows) in context.rounds.enumerated() {
      let round = index + 1
      if let entry = rows[leaf: leafIndex, code: leaf.code] {
        if let outcome = evaluate(entry, leaf: leaf, log: &log) {
          let after = outcome.scoredBeforeEvidence
          if entry.remark == nil, let before = standing, before != after {
            log.add(
              .reasonRequired(
                unit: context.unit.id, leaf: leaf.code, from: before.claim, to: after.claim,
                round: context.rounds.count > 1 ? round : nil),
              at: entry.origin.location(of: .reason), field: entry.origin.table.name(of: .reason))
            failed = true
          }
          standing = after
          decided = (outcome, entry)
          var step = initial
          apply(outcome, from: entry, source: .appraisal, to: &step)
          history.append(
            LeafHistoryStep(kind: .appraisal(round: round), points: step.points, status: step.status, entry: entry))
        } else {
          failed = true
        }
      }
      history += explanations.filter { $0.round == round }.map { LeafHistoryStep(explanation: $0) }
    }
    guard !failed, let decided else { return nil }
    var score = initial
    apply(decided.outcome, from: decided.entry, source: .appraisal, to: &score)
    score.selfPoints = base.source == .selfAssessment ? base.selfPoints : nil
    score.history = history
    return score
  }

  /// A survey leaf without an appraisal row: the group's weighted mean from `survey.csv`.
  func scoreSurvey(group: String, _ leaf: CriteriaNode, _ context: UnitContext, _ initial: LeafScore) -> LeafScore {
    var score = initial
    guard let tally = context.survey.tally(unit: context.unit.id, group: group), let percent = tally.percent else {
      return score
    }
    let respondents = context.survey.respondents[context.unit.id] ?? 0
    // max × p / 100 cannot overflow: max ≤ 10⁴ points, p ≤ 100 (checked on input).
    let points = Fraction(
      Int128(leaf.maxPoints.micros) * percent.numerator, Int128(FixedDecimal.unitsPerOne) * 100 * percent.denominator)
    score.points = points.rounded(places: criteria.pointsPlaces)
    score.status = .scored
    score.source = .survey
    score.reasoning = .survey(group: group, percent: percent, answers: tally.answers, respondents: respondents)
    if let minimum = criteria.survey?.minResponses, respondents < minimum {
      score.flags.append(.fewResponses(respondents: respondents, minimum: minimum))
    }
    return score
  }

  /// Cited ids that the unit's evidence file does not hold, which made a leaf that requires
  /// evidence score 0: valid, but named, with the likely slip when there is one — several ids
  /// joined with a comma or a line break, or an id in another case than its document's.
  func warnUnknownEvidence(
    _ unknown: [String], of entry: LeafEntry, leaf: CriteriaNode, context: UnitContext, log: inout DiagnosticLog
  ) {
    // One warning per id and cell, however often the cell cites it.
    var warned: Set<String> = []
    for id in unknown where warned.insert(id).inserted {
      let hint: Message.EvidenceSlip
      if id.contains(where: { $0 == "," || $0.isNewline }) {
        hint = .joined
      } else if let document = context.documents.ids.filter({ $0.lowercased() == id.lowercased() }).min() {
        // The smallest such id: the dictionary's order differs between runs, the hint must not.
        hint = .otherCase(document)
      } else {
        hint = .none
      }
      log.warn(
        .evidenceUnknown(slip: hint), at: entry.origin.location(of: .evidence),
        field: entry.origin.table.name(of: .evidence), value: id,
        subject: Diagnostic.Subject(unit: context.unit.id, leaf: leaf.code))
    }
  }

  /// Evidence (docs/SCORING.md §3): with policy `required`, a self-assessed leaf that requires evidence
  /// and cites none, or an id not in `evidence.csv` for the unit, scores 0.
  /// `found`: the documents of `entry`'s ids that `evidence.csv` holds, in order.
  func applyEvidencePolicy(_ entry: LeafEntry, leaf: CriteriaNode, found: [EvidenceDocument], to score: inout LeafScore)
  {
    guard criteria.evidencePolicy == .required, leaf.evidence == .required, score.status != .notApplicable else {
      return
    }
    // Every id found, in order, unless some are missing: then name those.
    let ids = entry.citedIDs
    let unknown = found.count == ids.count ? [] : ids.filter { id in !found.contains { $0.id == id } }
    if ids.isEmpty || !unknown.isEmpty {
      score.points = .zero
      score.status = .noEvidence
      score.reasoning = .noEvidence(unknownIDs: unknown)
    }
  }

  /// What a row gives, before evidence: points and reasoning, or not applicable.
  struct RowOutcome: Equatable {
    enum Result: Equatable {
      case scored(FixedDecimal, Reasoning)
      case notApplicable(CriteriaNode.NotApplicablePolicy)
    }

    var result: Result
    /// Points written in the row that differ from the computed ones.
    var mismatch: FixedDecimal?

    /// What the row scores before the evidence policy: the computed points (the given points
    /// when it has no value), or not applicable. A claimed mismatch does not count.
    var scoredBeforeEvidence: Claim {
      switch result {
      case .notApplicable: .notApplicable
      case .scored(let points, _): .points(points)
      }
    }

    enum Claim: Equatable {
      case points(FixedDecimal)
      case notApplicable

      var claim: Message.Claim {
        switch self {
        case .points(let points): .points(points.description)
        case .notApplicable: .notApplicable
        }
      }
    }
  }

  /// Interprets one row for `leaf`; problems go to `log` and give `nil`.
  func evaluate(_ entry: LeafEntry, leaf: CriteriaNode, log: inout DiagnosticLog) -> RowOutcome? {
    func problem(_ column: Column, _ value: String?, _ message: Message) -> RowOutcome? {
      log.add(
        message, at: entry.origin.location(of: column), field: entry.origin.table.name(of: column), value: value,
        subject: Diagnostic.Subject(unit: entry.unitID, leaf: leaf.code, rule: leaf.rule?.typeName ?? "-"))
      return nil
    }
    let value: String
    var claimed: FixedDecimal?
    switch entry.claim {
    case .points(let points):
      // Points alone must be points the rule can give.
      do {
        let accepted = try evaluator.accept(points: points, leaf: leaf)
        guard accepted <= leaf.maxPoints else {
          return problem(.points, entry.pointsText, .pointsAboveMaximum(leaf.maxPoints.description))
        }
        return RowOutcome(result: .scored(accepted, .pointsGiven), mismatch: nil)
      } catch {
        return problem(.points, entry.pointsText, error.message)
      }
    case .value(let text):
      value = text
    case .valueAndPoints(let text, let points):
      value = text
      claimed = points.rounded(places: criteria.pointsPlaces)
      if let claimed, claimed > leaf.maxPoints {
        return problem(.points, entry.pointsText, .pointsAboveMaximum(leaf.maxPoints.description))
      }
    }
    if ValueVocabulary.isNotApplicable(value) {
      guard leaf.notApplicable != .forbidden else {
        return problem(.value, value, .notApplicableForbidden)
      }
      return RowOutcome(result: .notApplicable(leaf.notApplicable), mismatch: nil)
    }
    do {
      switch try evaluator.evaluate(value, leaf: leaf) {
      case .notApplicable:
        return RowOutcome(result: .notApplicable(leaf.notApplicable), mismatch: nil)
      case .scored(let points, let reasoning):
        for warning in Plausibility.warnings(for: value, leaf: leaf, reasoning: reasoning, year: criteria.year) {
          log.warn(
            warning, at: entry.origin.location(of: .value), field: entry.origin.table.name(of: .value), value: value,
            subject: Diagnostic.Subject(unit: entry.unitID, leaf: leaf.code))
        }
        let mismatch = claimed.flatMap { $0 != points ? $0 : nil }
        return RowOutcome(result: .scored(points, reasoning), mismatch: mismatch)
      }
    } catch {
      return problem(.value, value, error.message)
    }
  }

  func apply(_ outcome: RowOutcome, from entry: LeafEntry, source: ScoreSource, to score: inout LeafScore) {
    score.decidingEntry = entry
    score.source = source
    switch outcome.result {
    case .notApplicable(let policy):
      score.status = .notApplicable
      score.reasoning = .notApplicable(policy)
      score.isApplicable = policy != .exclude
      score.points = policy == .full ? score.maxPoints : .zero
    case .scored(let points, let reasoning):
      score.status = .scored
      score.points = points
      score.reasoning = reasoning
    }
    if let claimed = outcome.mismatch { score.flags.append(.mismatch(claimed: claimed)) }
  }
}
