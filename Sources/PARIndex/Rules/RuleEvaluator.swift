/// Applies a leaf's rule (docs/FORMATS.md §1, rules): a value → points, or points given alone → checked.
///
/// Points a rule computes are rounded once, half away from zero, to the set's
/// `rounding.points` decimals, as soon as they are produced.
public struct RuleEvaluator: Sendable {
  /// The result of a value.
  public enum Outcome: Sendable, Hashable {
    /// The points the value earns, rounded to the set's decimals, and why.
    case scored(FixedDecimal, Reasoning)
    /// The value means "not applicable" (a ratio with a zero denominator).
    case notApplicable
  }

  /// A value or points the rule cannot accept; `message` says what it expects.
  public struct Problem: Error, Sendable, Hashable {
    /// What is wrong with the value or points, and what the rule expects.
    public var message: Message
    init(_ message: Message) { self.message = message }
  }

  /// The decimals computed points are rounded to (the set's `rounding.points`).
  public let pointsPlaces: Int

  /// An evaluator rounding to `pointsPlaces` decimals (``CriteriaSet/pointsPlaces``).
  public init(pointsPlaces: Int) { self.pointsPlaces = pointsPlaces }

  /// The points `leaf` gives for the written `value` (already known not to be an N/A word).
  public func evaluate(_ value: String, leaf: CriteriaNode) throws(Problem) -> Outcome {
    let max = leaf.maxPoints
    switch leaf.rule {
    case .check?:
      guard let isYes = ValueVocabulary.yesNo(value) else {
        throw Problem(.expectedYesNo)
      }
      return .scored(isYes ? max : .zero, .check(isYes: isYes))
    case .choice(let options)?:
      let key = String(value.trimmingSpaces).nfc
      guard let option = options.first(where: { $0.key == key }) else {
        throw Problem(.expectedOption(keys: options.map(\.key)))
      }
      return .scored(round(option.points), .choice(option))
    case .tiers(let tiers)?:
      guard let percentage = try percentage(value, leaf: leaf, atMostHundred: false) else { return .notApplicable }
      let metIndex = tiers.firstIndex { $0.isMet(by: percentage.percent) }
      let met = metIndex.map { tiers[$0] }
      let nextUp = metIndex.map { $0 > 0 ? tiers[$0 - 1] : nil } ?? tiers.last
      return .scored(round(met?.points ?? .zero), .tiers(value: percentage, met: met, nextUp: nextUp))
    case .proportional(let target, let zeroBelow)?:
      guard let percentage = try percentage(value, leaf: leaf, atMostHundred: true) else { return .notApplicable }
      let reasoning: (ProportionalOutcome) -> Reasoning = {
        .proportional(value: percentage, target: target, zeroBelow: zeroBelow, outcome: $0)
      }
      if percentage.percent >= target.fraction { return .scored(max, reasoning(.atTarget)) }
      if let zeroBelow, percentage.percent < zeroBelow.fraction {
        return .scored(.zero, reasoning(.belowZeroThreshold))
      }
      // max × p / target, rounded once.
      guard let share = percentage.percent.divided(by: target.fraction), let points = max.fraction.multiplied(by: share)
      else {
        throw Problem(.valueTooLarge)
      }
      return .scored(points.rounded(places: pointsPlaces), reasoning(.partial))
    case .deadline(let due, let latePoints, let lateUntil)?:
      if ValueVocabulary.yesNo(value) == false {
        return .scored(.zero, .deadline(date: nil, due: due, lateUntil: lateUntil, outcome: .notDone))
      }
      guard let date = CalendarDate(parsing: value) else {
        throw Problem(.expectedDeadlineDate)
      }
      let outcome: DeadlineOutcome
      let points: FixedDecimal
      if date <= due {
        (outcome, points) = (.onTime, max)
      } else if let lateUntil, date > lateUntil {
        (outcome, points) = (.tooLate, .zero)
      } else {
        (outcome, points) = (.late, round(latePoints))
      }
      return .scored(points, .deadline(date: date, due: due, lateUntil: lateUntil, outcome: outcome))
    case .deduction(let perItem, let floor)?:
      // `1.000` is a whole number to the parser, but a thousand to a Vietnamese reader: either
      // way the count is unclear, as `1.234` is.
      if let whole = Plausibility.thousands(value) { throw Problem(.countLooksThousands(whole)) }
      guard case .success(let number) = FixedDecimal.parse(value, maxFractionDigits: 0) else {
        throw Problem(.expectedCount)
      }
      let count = number.micros / FixedDecimal.unitsPerOne
      let deducted = perItem.multiplied(by: count).map { max - $0 }
      let points: FixedDecimal
      let hitFloor: Bool
      if let deducted, deducted >= floor {
        (points, hitFloor) = (deducted, false)
      } else {
        (points, hitFloor) = (floor, true)
      }
      return .scored(round(points), .deduction(count: Int(count), perItem: perItem, floor: floor, hitFloor: hitFloor))
    case .survey(let group)?:
      guard let percentage = try percentage(value, leaf: leaf, atMostHundred: true) else { return .notApplicable }
      guard let points = max.fraction.multiplied(by: percentage.percent).flatMap({ $0.divided(by: .hundred) }) else {
        throw Problem(.valueTooLarge)
      }
      return .scored(points.rounded(places: pointsPlaces), .surveyGiven(group: group, value: percentage))
    case .manual(let step)?:
      guard case .success(let points) = FixedDecimal.parse(value) else {
        throw Problem(.expectedManualPoints(maximum: max.description, step: step.description))
      }
      return .scored(try accept(points: points, leaf: leaf), .manual(step: step))
    case nil:
      throw Problem(.noRule)
    }
  }

  /// Checks points given without a value: rounded like computed points, they must be a
  /// value the rule can produce (docs/DECISIONS.md §7). Returns them rounded.
  public func accept(points given: FixedDecimal, leaf: CriteriaNode) throws(Problem) -> FixedDecimal {
    let points = round(given)
    let max = leaf.maxPoints
    if points > max { throw Problem(.pointsAboveMaximum(max.description)) }
    let allowed: [FixedDecimal]?
    switch leaf.rule {
    case .check?: allowed = [max, .zero]
    case .choice(let options)?: allowed = options.map { round($0.points) }
    case .tiers(let tiers)?: allowed = tiers.map { round($0.points) } + [.zero]
    case .deadline(_, let late, _)?: allowed = [max, round(late), .zero]
    case .deduction(let perItem, let floor)?:
      // perItem > 0 in every valid set; a zero one reaches only the maximum.
      let steps = perItem.micros > 0 ? (max - points).micros % perItem.micros == 0 : points == max
      let reachable = points == round(floor) || (points > floor && steps)
      if !reachable {
        throw Problem(
          .pointsNotDeduction(maximum: max.description, perItem: perItem.description, floor: floor.description))
      }
      allowed = nil
    case .manual(let step)?:
      if step.micros <= 0 || points.micros % step.micros != 0 {
        throw Problem(.pointsNotOnStep(step: step.description, maximum: max.description))
      }
      allowed = nil
    case .proportional?, .survey?, nil: allowed = nil
    }
    if let allowed, !allowed.contains(points) {
      var choices: [FixedDecimal] = []
      for value in allowed where !choices.contains(value) { choices.append(value) }
      throw Problem(.pointsNotAllowed(choices.map(\.description)))
    }
    return points
  }

  /// A percentage value, or `nil` for a zero-denominator ratio on a leaf that allows N/A.
  private func percentage(_ value: String, leaf: CriteriaNode, atMostHundred: Bool) throws(Problem) -> PercentageValue?
  {
    switch PercentageValue.parse(value) {
    case .success(let percentage):
      if atMostHundred && percentage.percent > .hundred {
        throw Problem(.percentAbove100)
      }
      return percentage
    case .failure(.zeroDenominator):
      if leaf.notApplicable != .forbidden { return nil }
      throw Problem(.zeroDenominatorForbidden)
    case .failure(.ratioAboveOne):
      throw Problem(.ratioAboveOne)
    case .failure(.notAPercentage):
      throw Problem(.expectedPercentage)
    }
  }

  private func round(_ value: FixedDecimal) -> FixedDecimal { value.rounded(places: pointsPlaces) }
}

/// Which branch of a `proportional` rule a value took: ``Reasoning/ProportionalOutcome``.
public typealias ProportionalOutcome = Reasoning.ProportionalOutcome
/// Which branch of a `deadline` rule a date took: ``Reasoning/DeadlineOutcome``.
public typealias DeadlineOutcome = Reasoning.DeadlineOutcome
