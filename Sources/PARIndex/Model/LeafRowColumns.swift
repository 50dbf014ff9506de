/// The rows of one self-assessment or one appraisal round as read from files, packed: 64 bytes
/// a row, its texts in one byte arena and its evidence ids in one list, where a boxed
/// ``LeafEntry`` of strings took about 220. A year of a million rows is held here; each
/// ``LeafEntry`` read from a file is a handle to its row.
///
/// Immutable: a reader fills a ``Builder`` and freezes it (immutable fields are read without
/// the exclusivity checks a class's variables cost on every access).
final class LeafRowColumns: Sendable {
  /// One row's fixed-size part; its texts are `texts[textStart...]` in this order: value,
  /// points as written, remark, appraiser.
  struct Row: Sendable {
    var textStart: Int
    /// The points in micro-points, when the row gives points.
    var points: Int64
    var unit: Int32
    var leaf: Int32
    var line: Int32
    var table: Int32
    /// ``CalendarDate`` packed (year × 512 + month × 32 + day), 0 for none.
    var date: Int32
    var valueLength: UInt32
    var pointsLength: UInt32
    var remarkLength: UInt32
    var appraiserLength: UInt32
    var evidenceStart: UInt32
    var evidenceCount: UInt16
    var kind: Kind
  }

  /// Which of a row's optional parts are given.
  struct Kind: OptionSet, Sendable {
    let rawValue: UInt8
    static let value = Kind(rawValue: 1)
    static let points = Kind(rawValue: 2)
  }

  /// The units' ids and the leaves' codes the rows' `unit` and `leaf` index.
  let unitIDs: [String]
  let codes: [String]
  let rows: [Row]
  private let texts: [UInt8]
  private let evidence: [String]
  private let tables: [TableOrigin]

  private init(_ builder: Builder) {
    (unitIDs, codes, tables) = (builder.unitIDs, builder.codes, builder.tables)
    // Arrays double as they grow: the copies hold what the rows need and no more.
    (rows, texts, evidence) = (Array(builder.rows), Array(builder.texts), Array(builder.evidence))
  }

  /// The rows of one file kind as a reader appends them, then ``finish()``.
  struct Builder {
    let unitIDs: [String]
    let codes: [String]
    fileprivate(set) var rows: [Row] = []
    fileprivate var texts: [UInt8] = []
    fileprivate var evidence: [String] = []
    fileprivate var tables: [TableOrigin] = []

    init(unitIDs: [String], codes: [String]) { (self.unitIDs, self.codes) = (unitIDs, codes) }

    /// The rows, frozen.
    func finish() -> LeafRowColumns { LeafRowColumns(self) }

    /// Where row `row` is, for a message about a second row for its (unit, leaf).
    func origin(_ row: Int) -> RowOrigin {
      RowOrigin(table: tables[Int(rows[row].table)], line: Int(rows[row].line))
    }

    /// Appends a row and gives its index, or `nil` when a part of it does not fit the packed
    /// form (a line past 2³¹, a cell of 4 GiB, 65,536 ids in one cell): such a row is kept boxed
    /// instead, never cut short.
    mutating func append(
      unit: Int, leaf: Int, claim: LeafEntry.Claim, pointsText: String?, evidenceIDs: [String], remark: String?,
      appraiser: String?, date: CalendarDate?, origin: RowOrigin
    ) -> Int? {
      let value = claim.value ?? ""
      let points = pointsText ?? ""
      let (remark, appraiser) = (remark ?? "", appraiser ?? "")
      guard let valueLength = UInt32(exactly: value.utf8.count), let pointsLength = UInt32(exactly: points.utf8.count),
        let remarkLength = UInt32(exactly: remark.utf8.count),
        let appraiserLength = UInt32(exactly: appraiser.utf8.count), evidenceIDs.count <= UInt16.max,
        evidence.count + evidenceIDs.count <= UInt32.max, let line = Int32(exactly: origin.line),
        let unit = Int32(exactly: unit), let leaf = Int32(exactly: leaf), rows.count < Int32.max
      else { return nil }
      let table: Int32
      if let last = tables.last, last === origin.table {
        table = Int32(tables.count - 1)
      } else if let index = tables.lastIndex(where: { $0 === origin.table }), let known = Int32(exactly: index) {
        table = known
      } else {
        guard let next = Int32(exactly: tables.count) else { return nil }
        tables.append(origin.table)
        table = next
      }
      var kind: Kind = []
      if claim.value != nil { kind.insert(.value) }
      if claim.points != nil { kind.insert(.points) }
      let row = Row(
        textStart: texts.count, points: claim.points?.micros ?? 0, unit: unit, leaf: leaf, line: line, table: table,
        date: date.map { Int32($0.year * 512 + $0.month * 32 + $0.day) } ?? 0,
        valueLength: valueLength, pointsLength: pointsLength, remarkLength: remarkLength,
        appraiserLength: appraiserLength, evidenceStart: UInt32(evidence.count),
        evidenceCount: UInt16(evidenceIDs.count), kind: kind)
      append(value)
      append(points)
      append(remark)
      append(appraiser)
      evidence.append(contentsOf: evidenceIDs)
      rows.append(row)
      return rows.count - 1
    }

    private mutating func append(_ text: String) {
      guard !text.isEmpty else { return }
      var text = text
      text.withUTF8 { texts.append(contentsOf: $0) }
    }
  }

  // MARK: One row's parts

  func unitID(_ row: Int) -> String { unitIDs[Int(rows[row].unit)] }
  func code(_ row: Int) -> String { codes[Int(rows[row].leaf)] }

  func claim(_ row: Int) -> LeafEntry.Claim {
    let packed = rows[row]
    let points = FixedDecimal(micros: packed.points)
    switch (packed.kind.contains(.value), packed.kind.contains(.points)) {
    case (true, true): return .valueAndPoints(text(packed.textStart, packed.valueLength), points)
    case (true, false): return .value(text(packed.textStart, packed.valueLength))
    default: return .points(points)
    }
  }

  func value(_ row: Int) -> String? {
    let packed = rows[row]
    return packed.kind.contains(.value) ? text(packed.textStart, packed.valueLength) : nil
  }

  func points(_ row: Int) -> FixedDecimal? {
    let packed = rows[row]
    return packed.kind.contains(.points) ? FixedDecimal(micros: packed.points) : nil
  }

  func pointsText(_ row: Int) -> String? {
    let packed = rows[row]
    return optionalText(packed.textStart + Int(packed.valueLength), packed.pointsLength)
  }

  func remark(_ row: Int) -> String? {
    let packed = rows[row]
    return optionalText(packed.textStart + Int(packed.valueLength) + Int(packed.pointsLength), packed.remarkLength)
  }

  func appraiser(_ row: Int) -> String? {
    let packed = rows[row]
    let start = packed.textStart + Int(packed.valueLength) + Int(packed.pointsLength) + Int(packed.remarkLength)
    return optionalText(start, packed.appraiserLength)
  }

  /// The row's evidence ids, sharing the list's storage.
  func evidenceIDs(_ row: Int) -> ArraySlice<String> {
    let packed = rows[row]
    let start = Int(packed.evidenceStart)
    return evidence[start..<start + Int(packed.evidenceCount)]
  }

  func date(_ row: Int) -> CalendarDate? {
    let packed = rows[row].date
    guard packed != 0 else { return nil }
    return CalendarDate(year: Int(packed / 512), month: Int(packed / 32 % 16), day: Int(packed % 32))
  }

  func origin(_ row: Int) -> RowOrigin {
    let packed = rows[row]
    return RowOrigin(table: tables[Int(packed.table)], line: Int(packed.line))
  }

  private func text(_ start: Int, _ length: UInt32) -> String {
    // A buffer, not a slice of one: a slice takes the generic path, ten times slower.
    texts.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + Int(length)]), as: UTF8.self)
    }
  }

  private func optionalText(_ start: Int, _ length: UInt32) -> String? { length == 0 ? nil : text(start, length) }
}
