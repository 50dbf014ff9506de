/// Year over year (so sánh giữa hai năm): per unit the index and rank in each year and their
/// change, overall and per field; units that moved class; new and dropped units; and warnings
/// where the two criteria sets differ, so a reader knows which comparisons are like for like.
public struct Comparison: Sendable {
  /// One unit in either or both years.
  public struct Row: Sendable, Hashable {
    /// The unit's id, the key that matches it across the years.
    public var unitID: String
    /// The unit's name, as year B's units file gives it (year A's for a dropped unit).
    public var name: String
    /// The unit's group (khối), as year B gives it (year A's for a dropped unit).
    public var group: String
    /// The unit's result in year A (the earlier year); `nil` for a new unit.
    public var a: Ranked<UnitScore>?
    /// The unit's result in year B (the later year); `nil` for a dropped unit.
    public var b: Ranked<UnitScore>?

    /// index B − index A on the rounded indices, when the unit is in both years.
    public var indexChange: FixedDecimal? { a.flatMap { a in b.map { $0.index - a.index } } }
    /// Whether the unit is in both years and its class (xếp loại) differs.
    public var movedClass: Bool { a != nil && b != nil && a!.classLabel != b!.classLabel }
  }

  /// A field's index change for one unit; `nil` sides where the field does not apply.
  public struct FieldChange: Sendable, Hashable {
    /// The field's code.
    public var code: String
    /// The field's index in year A.
    public var a: FixedDecimal?
    /// The field's index in year B.
    public var b: FixedDecimal?
    /// index B − index A, when the field applies in both years.
    public var change: FixedDecimal? { a.flatMap { a in b.map { $0 - a } } }
  }

  /// Year A's results: the earlier year, compared from.
  public var a: YearResults
  /// Year B's results: the later year, compared to.
  public var b: YearResults
  /// Units of year B in its ranking order, then units only in year A.
  public var rows: [Row]
  /// Differences between the criteria sets, in words.
  public var warnings: [Message]
  /// Top-level codes present in both sets with the same title and maximum: compared per field.
  public var comparableFields: [String]

  /// Compares year `a` (the earlier) with year `b` (the later): rows for every unit, and the
  /// warnings and comparable fields from their criteria sets.
  public init(_ a: YearResults, _ b: YearResults) {
    self.a = a
    self.b = b
    var rows: [Row] = []
    let unitsA = Dictionary(a.rankedUnits.map { ($0.unit.id, $0) }, uniquingKeysWith: { first, _ in first })
    var seen = Set<String>()
    for unit in b.rankedUnits {
      seen.insert(unit.unit.id)
      rows.append(
        Row(unitID: unit.unit.id, name: unit.unit.name, group: unit.unit.group, a: unitsA[unit.unit.id], b: unit))
    }
    for unit in a.rankedUnits where !seen.contains(unit.unit.id) {
      rows.append(Row(unitID: unit.unit.id, name: unit.unit.name, group: unit.unit.group, a: unit, b: nil))
    }
    self.rows = rows
    (warnings, comparableFields) = Self.differences(a.criteria, b.criteria)
  }

  /// Per-field index changes of a row, for the comparable fields.
  public func fieldChanges(_ row: Row) -> [FieldChange] {
    comparableFields.map { code in
      FieldChange(
        code: code, a: row.a.flatMap { Self.fieldIndex($0, code, a.criteria) },
        b: row.b.flatMap { Self.fieldIndex($0, code, b.criteria) })
    }
  }

  /// A field's points / its applicable maximum × 100, rounded like the index.
  static func fieldIndex(_ unit: Ranked<UnitScore>, _ code: String, _ criteria: CriteriaSet) -> FixedDecimal? {
    unit.score.node(code)?.index(places: criteria.indexPlaces)
  }

  static func differences(_ a: CriteriaSet, _ b: CriteriaSet) -> ([Message], [String]) {
    var warnings: [Message] = []
    if a.id == b.id && a.year == b.year { return ([], a.items.map(\.code)) }
    if a.scale != b.scale {
      warnings.append(.compareScale(a: a.scale.description, setA: a.id, b: b.scale.description, setB: b.id))
    }
    if a.classification != b.classification { warnings.append(.compareBands) }
    let fieldsA = Dictionary(uniqueKeysWithValues: a.items.map { ($0.code, $0) })
    let fieldsB = Dictionary(uniqueKeysWithValues: b.items.map { ($0.code, $0) })
    var comparable: [String] = []
    for field in b.items {
      guard let old = fieldsA[field.code] else {
        warnings.append(.compareFieldNew(field: field.code, title: field.title, set: b.id))
        continue
      }
      if old.maxPoints != field.maxPoints {
        warnings.append(
          .compareFieldMaximum(field: field.code, from: old.maxPoints.description, to: field.maxPoints.description))
      }
      let leavesA = Set(old.leaves.map(\.code))
      let leavesB = Set(field.leaves.map(\.code))
      if leavesA != leavesB {
        warnings.append(
          .compareFieldLeaves(
            field: field.code, added: leavesB.subtracting(leavesA).sorted(),
            removed: leavesA.subtracting(leavesB).sorted()))
      }
      if old.title == field.title && leavesA == leavesB { comparable.append(field.code) }
    }
    for field in a.items where fieldsB[field.code] == nil {
      warnings.append(.compareFieldRemoved(field: field.code, title: field.title, set: b.id))
    }
    if !warnings.isEmpty {
      warnings.append(.compareNotLikeForLike(comparable: comparable))
    }
    return (warnings, comparable)
  }
}
