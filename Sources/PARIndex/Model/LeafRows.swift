/// The rows of the self-assessment or of one appraisal round, by unit and leaf.
///
/// Rows read from files are held dense: the packed rows (``LeafRowColumns``) and, per unit, its
/// rows in order of leaf position, 4 bytes a row. A year of a million rows then needs no
/// per-unit table keyed by leaf code (64 bytes a row, and a hash for every row read and every
/// leaf scored). Rows built in code are held by unit id and code, as the public API gives them.
struct LeafRows: Sendable {
  private enum Storage: Sendable {
    case keyed([String: [String: LeafEntry]])
    case dense(Dense)
  }

  /// Rows read against one criteria set: `order[unitStarts[u]..<unitStarts[u + 1]]` are unit
  /// `u`'s rows (positions in `columns`), by leaf position.
  private struct Dense: Sendable {
    let columns: LeafRowColumns
    let unitStarts: [Int32]
    let order: [Int32]
    /// Each unit's position, by id (the first, for an id listed twice).
    let unitPositions: [String: Int]

    func range(_ unit: Int) -> Range<Int> { Int(unitStarts[unit])..<Int(unitStarts[unit + 1]) }
  }

  private let storage: Storage

  /// Rows by unit id, then code.
  init(_ keyed: [String: [String: LeafEntry]] = [:]) { storage = .keyed(keyed) }

  /// Packed rows, one per (unit, leaf) at most: sorted here by unit, then leaf position.
  init(_ columns: LeafRowColumns) {
    let rows = columns.rows
    // By unit; files come sorted by unit and leaf, so the sort by leaf below mostly finds each
    // unit's rows in order already.
    var (counts, order) = PackedStorage.groupedByUnit(count: rows.count, units: columns.unitIDs.count) {
      Int(rows[$0].unit)
    }
    for unit in columns.unitIDs.indices {
      let range = Int(counts[unit])..<Int(counts[unit + 1])
      let inOrder =
        range.count < 2 || range.dropFirst().allSatisfy { rows[Int(order[$0 - 1])].leaf < rows[Int(order[$0])].leaf }
      if !inOrder { order[range].sort { rows[Int($0)].leaf < rows[Int($1)].leaf } }
    }
    storage = .dense(
      Dense(
        columns: columns, unitStarts: counts, order: order,
        unitPositions: PackedStorage.firstPositions(of: columns.unitIDs)))
  }

  /// By unit id, then code, units with rows only; for rows read from files, built on each call.
  var byUnitID: [String: [String: LeafEntry]] {
    switch storage {
    case .keyed(let keyed): return keyed
    case .dense(let dense):
      var result: [String: [String: LeafEntry]] = [:]
      for (position, id) in dense.columns.unitIDs.enumerated() where dense.unitPositions[id] == position {
        let rows = unitByCode(dense, position)
        if !rows.isEmpty { result[id] = rows }
      }
      return result
    }
  }

  /// The number of rows.
  var count: Int {
    switch storage {
    case .keyed(let keyed): keyed.values.reduce(0) { $0 + $1.count }
    case .dense(let dense): dense.order.count
    }
  }

  /// Whether the unit has no row.
  func isEmpty(unit id: String) -> Bool {
    switch storage {
    case .keyed(let keyed): return keyed[id]?.isEmpty ?? true
    case .dense(let dense):
      guard let position = dense.unitPositions[id] else { return true }
      return dense.range(position).isEmpty
    }
  }

  /// The unit's rows by code.
  func rows(ofUnit id: String) -> [String: LeafEntry] {
    switch storage {
    case .keyed(let keyed): return keyed[id] ?? [:]
    case .dense(let dense):
      guard let position = dense.unitPositions[id] else { return [:] }
      return unitByCode(dense, position)
    }
  }

  /// The unit's rows for scoring against `criteria`: by leaf position when they were read
  /// against it (`sameSet`), else by code.
  func unitRows(ofUnit id: String, leafCount: Int, sameSet: Bool) -> UnitRows {
    guard case .dense(let dense) = storage, sameSet else { return UnitRows(byCode: rows(ofUnit: id)) }
    guard let position = dense.unitPositions[id] else { return UnitRows(byCode: [:]) }
    let range = dense.range(position)
    guard !range.isEmpty else { return UnitRows(byCode: [:]) }
    var byLeaf = [Int32](repeating: -1, count: leafCount)
    for index in range {
      let row = dense.order[index]
      byLeaf[Int(dense.columns.rows[Int(row)].leaf)] = row
    }
    return UnitRows(columns: dense.columns, byLeaf: byLeaf)
  }

  /// Calls `body` with every row, unit by unit (in no promised order).
  func visitEntries(_ body: (LeafEntry) -> Void) {
    switch storage {
    case .keyed(let keyed):
      for rows in keyed.values { for entry in rows.values { body(entry) } }
    case .dense(let dense):
      for row in dense.order { body(LeafEntry(dense.columns, row: Int(row))) }
    }
  }

  private func unitByCode(_ dense: Dense, _ position: Int) -> [String: LeafEntry] {
    let range = dense.range(position)
    var rows: [String: LeafEntry] = [:]
    rows.reserveCapacity(range.count)
    for index in range {
      let row = Int(dense.order[index])
      rows[dense.columns.code(row)] = LeafEntry(dense.columns, row: row)
    }
    return rows
  }
}

/// One unit's rows of one kind, as the scorer looks them up: by leaf position, or by code for
/// rows built in code or read against another set.
struct UnitRows {
  private let columns: LeafRowColumns?
  private let byLeaf: [Int32]
  private let byCode: [String: LeafEntry]

  init(byCode: [String: LeafEntry]) { (columns, byLeaf, self.byCode) = (nil, [], byCode) }

  init(columns: LeafRowColumns, byLeaf: [Int32]) { (self.columns, self.byLeaf, byCode) = (columns, byLeaf, [:]) }

  /// Whether the unit has no row.
  var isEmpty: Bool { columns == nil && byCode.isEmpty }

  /// The row for the leaf at `index` with `code`.
  subscript(leaf index: Int, code code: String) -> LeafEntry? {
    guard let columns else { return byCode.isEmpty ? nil : byCode[code] }
    let row = byLeaf[index]
    return row < 0 ? nil : LeafEntry(columns, row: Int(row))
  }

  /// Marks in `leaves` (by position in `criteria`) each leaf with a row.
  func mark(_ leaves: inout [Bool], in criteria: CriteriaSet) {
    if columns != nil {
      for index in byLeaf.indices where byLeaf[index] >= 0 { leaves[index] = true }
    } else {
      for code in byCode.keys {
        if let index = criteria.leafIndex(of: code) { leaves[index] = true }
      }
    }
  }
}
