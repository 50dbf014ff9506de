/// What one appraisal round did to one unit: its total before and after the round, and how
/// many leaves the round changed, up and down. Read from the leaves' histories, so that the
/// totals are the ones `rank --as-of-round` gives for the same rounds.
public struct RoundSummary: Sendable, Hashable {
  /// The unit.
  public let unitID: String
  /// The round, from 1.
  public let round: Int
  /// The round's rows for the unit.
  public let rows: Int
  /// The total (adjustments included) as it stood before the round: after the previous round,
  /// or the self-assessment before round 1.
  public let totalBefore: FixedDecimal
  /// The total after the round.
  public let totalAfter: FixedDecimal
  /// The leaves whose points or status the round changed.
  public let changed: Int
  /// The leaves the round gave more points.
  public let up: Int
  /// The leaves the round gave fewer points.
  public let down: Int
}

extension UnitScore {
  /// What each of `rounds` appraisal rounds did to the unit, round 1 first (none for a year
  /// without an appraisal).
  /// A round a leaf's history holds beyond `rounds` is counted as well.
  public func roundSummaries(rounds asked: Int, criteria: CriteriaSet) -> [RoundSummary] {
    let held = leaves.lazy.flatMap(\.history).reduce(0) { held, step in
      if case .appraisal(let round) = step.kind { return max(held, round) }
      return held
    }
    let rounds = max(asked, held)
    guard rounds > 0, leaves.count == criteria.leaves.count else { return [] }
    // A leaf's (points, applicable) standing after each round 0…rounds; without a history, its final ones.
    var standing = [(points: FixedDecimal, applicable: Bool)](repeating: (.zero, true), count: rounds + 1)
    var sums = [(points: FixedDecimal, max: FixedDecimal)](repeating: (.zero, .zero), count: rounds + 1)
    var rows = [Int](repeating: 0, count: rounds + 1)
    var (changed, up, down) = (rows, rows, rows)
    for (leaf, node) in zip(leaves, criteria.leaves) {
      if leaf.history.isEmpty {
        for round in 0...rounds { standing[round] = (leaf.points, leaf.isApplicable) }
      } else {
        var current = (points: FixedDecimal.zero, applicable: true)
        var previousStatus: LeafStatus?
        var round = 0
        for step in leaf.history {
          guard let points = step.points, let status = step.status else { continue }
          let applicable = !(status == .notApplicable && node.notApplicable == .exclude)
          if case .appraisal(let number) = step.kind {
            for earlier in round..<min(number, rounds + 1) { standing[earlier] = current }
            round = number
            rows[number] += 1
            if points != current.points || status != previousStatus || applicable != current.applicable {
              changed[number] += 1
            }
            if points > current.points { up[number] += 1 }
            if points < current.points { down[number] += 1 }
          }
          current = (points, applicable)
          previousStatus = status
        }
        for later in round...rounds { standing[later] = current }
      }
      for round in 0...rounds {
        sums[round].points += standing[round].points
        if standing[round].applicable { sums[round].max += leaf.maxPoints }
      }
    }
    let total = sums.map {
      Scorer.total(leafTotal: $0.points, bonus: totals.bonus, penalty: totals.penalty, maximum: $0.max)
    }
    return (1...rounds).map { round in
      RoundSummary(
        unitID: totals.unit.id, round: round, rows: rows[round], totalBefore: total[round - 1],
        totalAfter: total[round],
        changed: changed[round], up: up[round], down: down[round])
    }
  }
}
