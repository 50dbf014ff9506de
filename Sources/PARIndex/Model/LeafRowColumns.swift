/// The rows of one self-assessment or one appraisal round as read from files, packed: 40 bytes
/// a row and its texts and evidence ids in one byte arena, where a boxed ``LeafEntry`` of
/// strings took about 220. A year of a million rows is held here; each ``LeafEntry`` read from
/// a file is a handle to its row.
///
/// Immutable: a reader fills a ``Builder`` and freezes it (immutable fields are read without
/// the exclusivity checks a class's variables cost on every access).
final class LeafRowColumns: Sendable {
  /// One row's fixed-size part; its texts are `texts[textStart...]` in this order: value,
  /// points as written, remark, appraiser, then the evidence ids, each after a byte that
  /// gives its length.
  struct Row: Sendable {
    /// The points in micro-points, when the row gives points.
    var points: Int64
    var textStart: UInt32
    var unit: Int32
    var line: Int32
    /// ``CalendarDate`` packed (year × 512 + month × 32 + day), 0 for none.
    var date: Int32
    var leaf: UInt16
    var table: UInt16
    var valueLength: UInt16
    var pointsLength: UInt16
    var remarkLength: UInt16
    var appraiserLength: UInt16
    /// The evidence ids' bytes, with their length bytes.
    var evidenceLength: UInt16
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
  private let texts: TextArena
  private let tables: [TableOrigin]

  private init(_ builder: Builder) {
    (unitIDs, codes, tables) = (builder.unitIDs, builder.codes, builder.tables)
    (rows, texts) = (PackedStorage.fitted(builder.rows), builder.texts.fitted())
  }

  /// The rows of one file kind as a reader appends them, then ``finish()``.
  struct Builder {
    let unitIDs: [String]
    let codes: [String]
    fileprivate(set) var rows: [Row] = []
    fileprivate var texts = TextArena()
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
    /// form (a cell of 64 KiB, an evidence id of 256 bytes, a line past 2³¹, 4 GiB of texts in
    /// a file kind, 65,536 files of it or 65,536 leaves): such a row is kept boxed instead,
    /// never cut short.
    mutating func append(
      unit: Int, leaf: Int, claim: LeafEntry.Claim, pointsText: String?, evidenceIDs: [String], remark: String?,
      appraiser: String?, date: CalendarDate?, origin: RowOrigin
    ) -> Int? {
      let value = claim.value ?? ""
      let points = pointsText ?? ""
      let (remark, appraiser) = (remark ?? "", appraiser ?? "")
      let (valueBytes, pointsBytes) = (value.utf8.count, points.utf8.count)
      let (remarkBytes, appraiserBytes) = (remark.utf8.count, appraiser.utf8.count)
      var evidenceBytes = 0
      for id in evidenceIDs {
        guard id.utf8.count <= UInt8.max else { return nil }
        evidenceBytes += 1 + id.utf8.count
      }
      // Five lengths of 16 bits: a row's texts always fit one chunk of the arena.
      let recordBytes = valueBytes + pointsBytes + remarkBytes + appraiserBytes + evidenceBytes
      guard let valueLength = UInt16(exactly: valueBytes), let pointsLength = UInt16(exactly: pointsBytes),
        let remarkLength = UInt16(exactly: remarkBytes), let appraiserLength = UInt16(exactly: appraiserBytes),
        let evidenceLength = UInt16(exactly: evidenceBytes), let line = Int32(exactly: origin.line),
        let unit = Int32(exactly: unit), let leaf = UInt16(exactly: leaf), rows.count < Int32.max,
        let index = PackedStorage.tableIndex(of: origin.table, in: &tables), let table = UInt16(exactly: index),
        let textStart = texts.startRecord(bytes: recordBytes)
      else { return nil }
      var kind: Kind = []
      if claim.value != nil { kind.insert(.value) }
      if claim.points != nil { kind.insert(.points) }
      let row = Row(
        points: claim.points?.micros ?? 0, textStart: textStart, unit: unit, line: line, date: date?.packed ?? 0,
        leaf: leaf, table: table, valueLength: valueLength, pointsLength: pointsLength, remarkLength: remarkLength,
        appraiserLength: appraiserLength, evidenceLength: evidenceLength, kind: kind)
      texts.appendRecord(count: recordBytes) { record in
        record.write(value)
        record.write(points)
        record.write(remark)
        record.write(appraiser)
        for id in evidenceIDs {
          record.write(UInt8(id.utf8.count))
          record.write(id)
        }
      }
      rows.append(row)
      return rows.count - 1
    }
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

  /// The row's evidence ids, read in place.
  func evidenceIDs(_ row: Int) -> CitedIDs {
    let packed = rows[row]
    let start =
      Int(packed.textStart) + Int(packed.valueLength) + Int(packed.pointsLength) + Int(packed.remarkLength)
      + Int(packed.appraiserLength)
    return CitedIDs(self, bytes: start..<start + Int(packed.evidenceLength))
  }

  /// Calls `body` with the UTF-8 of each evidence id in `bytes`, in place.
  fileprivate func visitEvidenceIDs(in bytes: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    guard !bytes.isEmpty else { return }
    texts.withBytes(bytes.lowerBound, bytes.count) { record in
      var offset = 0
      while offset < record.count {
        let length = Int(record[offset])
        body(UnsafeBufferPointer(rebasing: record[offset + 1..<offset + 1 + length]))
        offset += 1 + length
      }
    }
  }

  func date(_ row: Int) -> CalendarDate? { CalendarDate(packed: rows[row].date) }

  func origin(_ row: Int) -> RowOrigin { PackedStorage.origin(tables, rows[row].table, rows[row].line) }

  private func text(_ start: Int, _ length: UInt16) -> String { texts.text(start, Int(length)) }

  private func optionalText(_ start: Int, _ length: UInt16) -> String? { length == 0 ? nil : text(start, length) }
}

/// A row's evidence ids as the scorer walks them for every leaf, without a list made for them:
/// a row built in code's list, or a packed row's bytes, each id after its length byte.
struct CitedIDs: Sequence {
  private let list: ArraySlice<String>
  private let columns: LeafRowColumns?
  private let bytes: Range<Int>
  /// The number of ids.
  let count: Int

  init(_ list: ArraySlice<String>) { (self.list, columns, bytes, count) = (list, nil, 0..<0, list.count) }

  fileprivate init(_ columns: LeafRowColumns, bytes: Range<Int>) {
    (list, self.columns, self.bytes) = ([], columns, bytes)
    var count = 0
    columns.visitEvidenceIDs(in: bytes) { _ in count += 1 }
    self.count = count
  }

  var isEmpty: Bool { count == 0 }

  /// Calls `bytes` with each id's UTF-8 in place, for a packed row, or `string` with each id
  /// of a row built in code; in order.
  func visit(bytes: (UnsafeBufferPointer<UInt8>) -> Void, string: (String) -> Void) {
    guard let columns else {
      for id in list { string(id) }
      return
    }
    columns.visitEvidenceIDs(in: self.bytes, bytes)
  }

  /// The ids as strings, in order (for the rarer paths: a row citing an id the unit lacks).
  func makeIterator() -> IndexingIterator<[String]> {
    var ids: [String] = []
    ids.reserveCapacity(count)
    visit(bytes: { ids.append(String(decoding: $0, as: UTF8.self)) }, string: { ids.append($0) })
    return ids.makeIterator()
  }
}
