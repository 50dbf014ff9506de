/// Rank robustness by Monte Carlo (độ vững của xếp hạng), as composite-index practitioners
/// report it (the JRC's COINr: median rank and the 5th–95th percentile rank interval).
///
/// What varies, in each run, with spread P (in %):
/// - **field weights**: each field's weight is multiplied by a factor drawn uniformly from
///   [1 − P, 1 + P] (in steps of 0.1 %), then all are rescaled so that the full scale is
///   unchanged;
/// - **survey share**: the survey leaves' points are multiplied by a factor from the same range
///   and the other leaves' by the factor that keeps the full scale unchanged;
/// - **appraisal**: each leaf whose points the council changed goes back to the unit's own
///   points with probability P (so with P = 0 nothing varies).
/// Bonus and penalty points are kept as they are; totals are clamped to [0, maximum] as usual.
/// Each run ranks every group and classifies every unit on the perturbed index, computed in
/// integer fixed point with 20 decimals (no floating point: classification of the rounded index
/// is exact; two different perturbed indices closer than 10⁻²⁰ would tie). Runs are drawn from a
/// seeded generator, so a seed gives the same report on any machine.
public struct Sensitivity: Sendable {
  /// The settings of a study, all of which are printed with its results.
  public struct Settings: Sendable, Hashable {
    /// Runs, 1…1,000,000.
    public let runs: Int
    /// The seed of the generator: the same seed gives the same study on any machine.
    public let seed: UInt64
    /// P in percent, 0…100.
    public let spread: FixedDecimal

    /// 1,000 runs, seed 1, spread 10 %.
    public static let standard = Settings(checkedRuns: 1000, seed: 1, spread: FixedDecimal(10))

    /// Throws when `runs` is not 1…1,000,000 or `spread` not 0…100.
    public init(runs: Int = 1000, seed: UInt64 = 1, spread: FixedDecimal = Settings.standard.spread) throws(Diagnostics)
    {
      var problems: [Diagnostic] = []
      if !(1...1_000_000).contains(runs) {
        problems.append(
          Diagnostic(
            .settingOutOfRange(expected: "1…1000000"), at: InputLocation(file: "Sensitivity"), field: "runs",
            value: String(runs)))
      }
      if spread < .zero || spread > .hundred {
        problems.append(
          Diagnostic(
            .settingOutOfRange(expected: "0…100"), at: InputLocation(file: "Sensitivity"), field: "spread",
            value: spread.description))
      }
      guard problems.isEmpty else { throw Diagnostics(problems) }
      self.init(checkedRuns: runs, seed: seed, spread: spread)
    }

    private init(checkedRuns runs: Int, seed: UInt64, spread: FixedDecimal) {
      (self.runs, self.seed, self.spread) = (runs, seed, spread)
    }
  }

  /// One unit's result.
  public struct UnitResult: Sendable, Hashable {
    /// The unit.
    public var unit: AssessedUnit
    /// The unit's rank in its group without perturbation, as the year ranks it.
    public var nominalRank: Int
    /// The median rank over the runs (nearest-rank method).
    public var medianRank: Int
    /// 5th percentile rank (nearest-rank method).
    public var p05Rank: Int
    /// 95th percentile rank (nearest-rank method).
    public var p95Rank: Int
    /// Runs whose class differs from the nominal class, over all runs (exact).
    public var classChangedRuns: Int
    /// The runs of the study.
    public var runs: Int

    /// classChangedRuns / runs to 4 decimals.
    public var classChangedShare: FixedDecimal {
      Fraction(Int128(classChangedRuns), Int128(max(runs, 1))).rounded(places: 4)
    }
  }

  /// The settings the study ran with.
  public var settings: Settings
  /// Groups in the results' order, units in nominal rank order.
  public var groups: [(name: String, units: [UnitResult])]

  /// Runs the study on `results`, which must hold every leaf's score (``Assessment/run(criteria:data:threads:)``).
  public static func run(_ results: YearResults, settings: Settings) -> Sensitivity {
    let model = SensitivityModel(results)
    var generator = SplitMix64(seed: settings.seed)
    // Whole per-mille steps: 10 % → 100 ‰ (a spread of 0.25 % is used as 0.2 %).
    let spreadPerMille = Int(min(max(settings.spread, .zero), FixedDecimal(100)).micros / 100_000)
    let unitCount = model.units.count
    var ranks = Array(repeating: [Int](), count: unitCount)
    var classChanged = Array(repeating: 0, count: unitCount)
    for _ in 0..<settings.runs {
      let draw = model.draw(spreadPerMille: spreadPerMille, using: &generator)
      let indices = model.indices(draw)
      for group in model.groupMembers {
        // Rank inside the group by perturbed index, shared ranks for equal values.
        let order = group.sorted { indices[$0] > indices[$1] }
        var rank = 0
        for (position, unit) in order.enumerated() {
          if position == 0 || indices[unit] != indices[order[position - 1]] { rank = position + 1 }
          ranks[unit].append(rank)
        }
      }
      for unit in 0..<unitCount where model.classify(indices[unit]) != model.units[unit].classLabel {
        classChanged[unit] += 1
      }
    }
    var groups: [(name: String, units: [UnitResult])] = []
    for group in results.groups {
      groups.append(
        (
          group.name,
          group.units.map { unit in
            let position = model.position[unit.unit.id]!
            let sorted = ranks[position].sorted()
            return UnitResult(
              unit: unit.unit, nominalRank: unit.rank, medianRank: Self.percentile(sorted, 50),
              p05Rank: Self.percentile(sorted, 5),
              p95Rank: Self.percentile(sorted, 95), classChangedRuns: classChanged[position], runs: settings.runs)
          }
        ))
    }
    return Sensitivity(settings: settings, groups: groups)
  }

  /// Nearest-rank percentile of sorted values (the median of an even count is the lower middle).
  static func percentile(_ sorted: [Int], _ percent: Int) -> Int {
    guard !sorted.isEmpty else { return 0 }
    let position = max(1, (percent * sorted.count + 99) / 100)
    return sorted[position - 1]
  }
}

/// SplitMix64: small, fast, and the same sequence on every platform for a seed.
struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The numbers each run needs, precomputed per unit and field, in millionths of a point.
struct SensitivityModel {
  struct UnitParts {
    var classLabel: String
    /// Per field: survey points, other points, survey max, other max (applicable).
    var surveyPoints: [Int64]
    var otherPoints: [Int64]
    var surveyMax: [Int64]
    var otherMax: [Int64]
    /// Leaves the council changed: field, is survey, own points − appraised points.
    var changes: [(field: Int, survey: Bool, delta: Int64)]
    var adjustment: Int64
  }

  struct Draw {
    var fieldWeights: [Int128]
    var surveyWeight: Int128
    var otherWeight: Int128
    /// Per unit, which changes are reverted.
    var reverted: [[Bool]]
  }

  let criteria: CriteriaSet
  var units: [UnitParts] = []
  var position: [String: Int] = [:]
  var groupMembers: [[Int]] = []
  /// Full-scale survey and other maxima of the set, per field.
  var fullSurveyMax: [Int64]
  var fullOtherMax: [Int64]

  init(_ results: YearResults) {
    criteria = results.criteria
    let fields = criteria.items
    func isSurvey(_ node: CriteriaNode) -> Bool { if case .survey? = node.rule { return true } else { return false } }
    let fieldOfLeaf: [Int] = fields.enumerated().flatMap { index, field in field.leaves.map { _ in index } }
    fullSurveyMax = fields.map { $0.leaves.filter(isSurvey).reduce(0) { $0 + $1.maxPoints.micros } }
    fullOtherMax = fields.map { $0.leaves.filter { !isSurvey($0) }.reduce(0) { $0 + $1.maxPoints.micros } }
    for group in results.groups {
      var members: [Int] = []
      for unit in group.units {
        var parts = UnitParts(
          classLabel: unit.classLabel, surveyPoints: Array(repeating: 0, count: fields.count),
          otherPoints: Array(repeating: 0, count: fields.count),
          surveyMax: Array(repeating: 0, count: fields.count), otherMax: Array(repeating: 0, count: fields.count),
          changes: [],
          adjustment: unit.bonus.micros - unit.penalty.micros)
        for (index, (leaf, node)) in zip(unit.leaves, criteria.leaves).enumerated() {
          let field = fieldOfLeaf[index]
          let survey = isSurvey(node)
          if survey {
            parts.surveyPoints[field] += leaf.points.micros
            parts.surveyMax[field] += leaf.applicableMax.micros
          } else {
            parts.otherPoints[field] += leaf.points.micros
            parts.otherMax[field] += leaf.applicableMax.micros
          }
          if leaf.source == .appraisal, !survey, let own = leaf.selfPoints, own != leaf.points {
            parts.changes.append((field, survey, own.micros - leaf.points.micros))
          }
        }
        position[unit.unit.id] = units.count
        members.append(units.count)
        units.append(parts)
      }
      groupMembers.append(members)
    }
  }

  func draw(spreadPerMille: Int, using generator: inout SplitMix64) -> Draw {
    func factor() -> Int128 {
      Int128(1000 + (spreadPerMille == 0 ? 0 : Int.random(in: -spreadPerMille...spreadPerMille, using: &generator)))
    }
    let fieldWeights = criteria.items.map { _ in factor() }
    // Survey share: survey × s, others × o with s·SM + o·OM = 1000·(SM + OM), as integers by
    // multiplying both by OM.
    let surveyTotal = Int128(fullSurveyMax.reduce(0, +))
    let otherTotal = Int128(fullOtherMax.reduce(0, +))
    var surveyWeight: Int128 = 1000
    var otherWeight: Int128 = 1000
    if surveyTotal > 0 && otherTotal > 0 {
      let share = factor()
      surveyWeight = share * otherTotal
      otherWeight = 1000 * (surveyTotal + otherTotal) - share * surveyTotal
    }
    let reverted = units.map { unit in
      unit.changes.map { _ in spreadPerMille > 0 && Int.random(in: 0..<1000, using: &generator) < spreadPerMille }
    }
    return Draw(fieldWeights: fieldWeights, surveyWeight: surveyWeight, otherWeight: otherWeight, reverted: reverted)
  }

  /// Each unit's perturbed index in 10⁻²⁰ percent.
  func indices(_ draw: Draw) -> [Int128] {
    // D: the set's full scale under the weights; points are rescaled by scale / D.
    var full: Int128 = 0
    for field in criteria.items.indices {
      full +=
        draw.fieldWeights[field]
        * (draw.surveyWeight * Int128(fullSurveyMax[field]) + draw.otherWeight * Int128(fullOtherMax[field]))
    }
    let scale = Int128(criteria.scale.micros)
    return units.enumerated().map { index, unit in
      var surveyPoints = unit.surveyPoints
      var otherPoints = unit.otherPoints
      for (change, isReverted) in zip(unit.changes, draw.reverted[index]) where isReverted {
        if change.survey {
          surveyPoints[change.field] += change.delta
        } else {
          otherPoints[change.field] += change.delta
        }
      }
      var weighted: Int128 = 0
      var weightedMax: Int128 = 0
      for field in criteria.items.indices {
        let w = draw.fieldWeights[field]
        weighted +=
          w * (draw.surveyWeight * Int128(surveyPoints[field]) + draw.otherWeight * Int128(otherPoints[field]))
        weightedMax +=
          w * (draw.surveyWeight * Int128(unit.surveyMax[field]) + draw.otherWeight * Int128(unit.otherMax[field]))
      }
      guard weightedMax > 0 else { return 0 }
      // total = weighted·scale/D + adjustment, clamped to [0, max = weightedMax·scale/D];
      // index = total / max × 100 = (weighted·scale + adjustment·D) / (weightedMax·scale) × 100.
      var numerator = weighted * scale + Int128(unit.adjustment) * full
      let denominator = weightedMax * scale
      numerator = min(max(numerator, 0), denominator)
      return Self.fixedPoint(numerator, denominator)
    }
  }

  /// ⌊n / d × 100 × 10²⁰⌋ (the index in 10⁻²⁰ percent) for 0 ≤ n ≤ d, by long division with
  /// full-width steps: exact for any d, however large the set's scale and weights.
  static func fixedPoint(_ numerator: Int128, _ denominator: Int128) -> Int128 {
    let divisor = denominator.magnitude
    var quotient = numerator.magnitude / divisor
    var remainder = numerator.magnitude % divisor
    // 10²² = 10⁴ × 5 steps, then 10²: each step's quotient is below its factor.
    for factor: UInt128 in [10_000, 10_000, 10_000, 10_000, 10_000, 100] {
      let (digits, rest) = divisor.dividingFullWidth(remainder.multipliedFullWidth(by: factor))
      quotient = quotient * factor + digits
      remainder = rest
    }
    return Int128(quotient)
  }

  /// The class of a perturbed index: rounded half away from zero to `rounding.index` places.
  func classify(_ index: Int128) -> String {
    let places = criteria.indexPlaces
    var unit: Int128 = 1
    for _ in 0..<(20 - places) { unit *= 10 }
    let rounded = (index + unit / 2) / unit  // index ≥ 0
    var micros = rounded
    for _ in 0..<(6 - places) { micros *= 10 }
    return criteria.classify(roundedIndex: FixedDecimal(micros: Int64(micros))).label
  }
}
