/// The rows of one self-assessment or one appraisal round as read from files, packed: 48 bytes
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
    /// The points in micro-points, when the row gives points.
    var points: Int64
    var textStart: UInt32
    var unit: Int32
    var leaf: Int32
    var line: Int32
    /// ``CalendarDate`` packed (year × 512 + month × 32 + day), 0 for none.
    var date: Int32
    var evidenceStart: UInt32
    var table: UInt16
    var valueLength: UInt16
    var pointsLength: UInt16
    var remarkLength: UInt16
    var appraiserLength: UInt16
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
    (rows, texts, evidence) = (
      PackedStorage.fitted(builder.rows), PackedStorage.fitted(builder.texts), PackedStorage.fitted(builder.evidence)
    )
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

    /// Makes room for `count` more rows: exactly for a first file, by doubling for later ones
    /// (per-unit files, each a few rows).
    mutating func reserve(_ count: Int) { PackedStorage.reserve(count, in: &rows) }

    /// Where row `row` is, for a message about a second row for its (unit, leaf).
    func origin(_ row: Int) -> RowOrigin { PackedStorage.origin(tables, rows[row].table, rows[row].line) }

    /// Appends a row and gives its index, or `nil` when a part of it does not fit the packed
    /// form (a cell of 64 KiB, 65,536 ids in one cell, a line past 2³¹, 4 GiB of texts in a
    /// file kind, 65,536 files of it): such a row is kept boxed instead, never cut short.
    mutating func append(
      unit: Int, leaf: Int, claim: LeafEntry.Claim, pointsText: String?, evidenceIDs: [String], remark: String?,
      appraiser: String?, date: CalendarDate?, origin: RowOrigin
    ) -> Int? {
      let value = claim.value ?? ""
      let points = pointsText ?? ""
      let (remark, appraiser) = (remark ?? "", appraiser ?? "")
      let (valueBytes, pointsBytes) = (value.utf8.count, points.utf8.count)
      let (remarkBytes, appraiserBytes) = (remark.utf8.count, appraiser.utf8.count)
      guard let valueLength = UInt16(exactly: valueBytes), let pointsLength = UInt16(exactly: pointsBytes),
        let remarkLength = UInt16(exactly: remarkBytes), let appraiserLength = UInt16(exactly: appraiserBytes),
        let textStart = UInt32(exactly: texts.count),
        texts.count + valueBytes + pointsBytes + remarkBytes + appraiserBytes <= UInt32.max,
        let evidenceCount = UInt16(exactly: evidenceIDs.count), let evidenceStart = UInt32(exactly: evidence.count),
        evidence.count + evidenceIDs.count <= UInt32.max, let line = Int32(exactly: origin.line),
        let unit = Int32(exactly: unit), let leaf = Int32(exactly: leaf), rows.count < Int32.max,
        let index = PackedStorage.tableIndex(of: origin.table, in: &tables), let table = UInt16(exactly: index)
      else { return nil }
      var kind: Kind = []
      if claim.value != nil { kind.insert(.value) }
      if claim.points != nil { kind.insert(.points) }
      let row = Row(
        points: claim.points?.micros ?? 0, textStart: textStart, unit: unit, leaf: leaf, line: line,
        date: date?.packed ?? 0, evidenceStart: evidenceStart, table: table, valueLength: valueLength,
        pointsLength: pointsLength, remarkLength: remarkLength, appraiserLength: appraiserLength,
        evidenceCount: evidenceCount, kind: kind)
      append(value)
      append(points)
      append(remark)
      append(appraiser)
      evidence.append(contentsOf: evidenceIDs)
      rows.append(row)
      return rows.count - 1
    }

    private mutating func append(_ text: String) { PackedStorage.append(text, to: &texts) }
  }

  // MARK: One row's parts

  func unitID(_ row: Int) -> String { unitIDs[Int(rows[row].unit)] }
  func code(_ row: Int) -> String { codes[Int(rows[row].leaf)] }

  func claim(_ row: Int) -> LeafEntry.Claim {
    let packed = rows[row]
    let points = FixedDecimal(micros: packed.points)
    switch (packed.kind.contains(.value), packed.kind.contains(.points)) {
    case (true, true): return .valueAndPoints(text(Int(packed.textStart), packed.valueLength), points)
    case (true, false): return .value(text(Int(packed.textStart), packed.valueLength))
    default: return .points(points)
    }
  }

  func value(_ row: Int) -> String? {
    let packed = rows[row]
    return packed.kind.contains(.value) ? text(Int(packed.textStart), packed.valueLength) : nil
  }

  func points(_ row: Int) -> FixedDecimal? {
    let packed = rows[row]
    return packed.kind.contains(.points) ? FixedDecimal(micros: packed.points) : nil
  }

  func pointsText(_ row: Int) -> String? {
    let packed = rows[row]
    return optionalText(Int(packed.textStart) + Int(packed.valueLength), packed.pointsLength)
  }

  func remark(_ row: Int) -> String? {
    let packed = rows[row]
    return optionalText(
      Int(packed.textStart) + Int(packed.valueLength) + Int(packed.pointsLength), packed.remarkLength)
  }

  func appraiser(_ row: Int) -> String? {
    let packed = rows[row]
    let start =
      Int(packed.textStart) + Int(packed.valueLength) + Int(packed.pointsLength) + Int(packed.remarkLength)
    return optionalText(start, packed.appraiserLength)
  }

  /// The row's evidence ids, sharing the list's storage.
  func evidenceIDs(_ row: Int) -> ArraySlice<String> {
    let packed = rows[row]
    let start = Int(packed.evidenceStart)
    return evidence[start..<start + Int(packed.evidenceCount)]
  }

  func date(_ row: Int) -> CalendarDate? { CalendarDate(packed: rows[row].date) }

  func origin(_ row: Int) -> RowOrigin { PackedStorage.origin(tables, rows[row].table, rows[row].line) }

  private func text(_ start: Int, _ length: UInt16) -> String { PackedStorage.text(texts, start, Int(length)) }

  private func optionalText(_ start: Int, _ length: UInt16) -> String? { length == 0 ? nil : text(start, length) }
}
