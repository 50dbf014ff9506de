/// The evidence documents of a year's evidence files as read, packed: 28 bytes a document, its
/// id as a string (16 bytes, with nothing allocated for an id of 15 bytes or fewer) and its
/// texts in one byte arena, where a boxed ``EvidenceDocument`` took about 140 and a separate
/// table of first rows 50 more. Each ``EvidenceDocument`` read from a file is a handle to its
/// row.
///
/// Immutable: a reader fills a ``Builder`` and freezes it.
final class EvidenceColumns: Sendable {
  /// One document's fixed-size part; its texts are `texts[textStart...]` in this order: title,
  /// number, issuer, location.
  struct Row: Sendable {
    var textStart: UInt32
    var unit: Int32
    var line: Int32
    var table: Int32
    /// ``CalendarDate`` packed (year × 512 + month × 32 + day), 0 for none.
    var date: Int32
    var titleLength: UInt16
    var numberLength: UInt16
    var issuerLength: UInt16
    var locationLength: UInt16
  }

  /// The units' ids the rows' `unit` index.
  let unitIDs: [String]
  /// Kept as strings, not in the arena: every lookup by id compares them.
  private let ids: [String]
  private let rows: [Row]
  private let texts: TextArena
  private let tables: [TableOrigin]

  private init(_ builder: Builder) {
    (unitIDs, tables) = (builder.unitIDs, builder.tables)
    (ids, rows, texts) = (
      PackedStorage.fitted(builder.ids), PackedStorage.fitted(builder.rows), builder.texts.fitted()
    )
  }

  /// The documents of one or more files as a reader appends them, then ``finish()``.
  struct Builder {
    let unitIDs: [String]
    fileprivate var ids: [String] = []
    fileprivate var rows: [Row] = []
    fileprivate var texts = TextArena()
    fileprivate var tables: [TableOrigin] = []

    init(unitIDs: [String]) { self.unitIDs = unitIDs }

    /// The documents, frozen.
    func finish() -> EvidenceColumns { EvidenceColumns(self) }

    /// Makes room for `count` more documents (exactly for a first file, by doubling later).
    mutating func reserve(_ count: Int) {
      PackedStorage.reserve(count, in: &rows)
      PackedStorage.reserve(count, in: &ids)
    }

    /// Where document `row` was listed, for a message about a second row for its id.
    func origin(_ row: Int) -> RowOrigin { PackedStorage.origin(tables, rows[row].table, rows[row].line) }

    func id(_ row: Int) -> String { ids[row] }
    func unit(_ row: Int) -> Int { Int(rows[row].unit) }

    /// Appends a document and gives its index, or `nil` when a part of it does not fit the
    /// packed form (a line past 2³¹, a cell of 64 KiB, 4 GiB of texts): such a document is
    /// kept boxed instead. Empty texts after the title are absent (`nil`), as the reader
    /// gives them.
    mutating func append(
      unit: Int, id: String, title: String, documentNumber: String?, date: CalendarDate?, issuer: String?,
      location: String?, origin: RowOrigin
    ) -> Int? {
      let (number, issuer, location) = (documentNumber ?? "", issuer ?? "", location ?? "")
      // Four lengths of 16 bits: a document's texts always fit one chunk of the arena.
      guard let titleLength = UInt16(exactly: title.utf8.count),
        let numberLength = UInt16(exactly: number.utf8.count),
        let issuerLength = UInt16(exactly: issuer.utf8.count),
        let locationLength = UInt16(exactly: location.utf8.count), let line = Int32(exactly: origin.line),
        let unit = Int32(exactly: unit), rows.count < Int32.max,
        let table = PackedStorage.tableIndex(of: origin.table, in: &tables),
        let textStart = texts.startRecord(
          bytes: Int(titleLength) + Int(numberLength) + Int(issuerLength) + Int(locationLength))
      else { return nil }
      rows.append(
        Row(
          textStart: textStart, unit: unit, line: line, table: table, date: date?.packed ?? 0,
          titleLength: titleLength, numberLength: numberLength, issuerLength: issuerLength,
          locationLength: locationLength))
      ids.append(id)
      texts.appendRecord(count: Int(titleLength) + Int(numberLength) + Int(issuerLength) + Int(locationLength)) {
        record in
        record.write(title)
        record.write(number)
        record.write(issuer)
        record.write(location)
      }
      return rows.count - 1
    }
  }

  /// The number of documents.
  var count: Int { rows.count }

  // MARK: One document's parts

  func id(_ row: Int) -> String { ids[row] }
  /// The position of the document's unit in ``unitIDs``.
  func unit(_ row: Int) -> Int { Int(rows[row].unit) }
  func unitID(_ row: Int) -> String { unitIDs[Int(rows[row].unit)] }

  func title(_ row: Int) -> String {
    let packed = rows[row]
    return text(Int(packed.textStart), packed.titleLength) ?? ""
  }

  func documentNumber(_ row: Int) -> String? {
    let packed = rows[row]
    return text(Int(packed.textStart) + Int(packed.titleLength), packed.numberLength)
  }

  func issuer(_ row: Int) -> String? {
    let packed = rows[row]
    let start = Int(packed.textStart) + Int(packed.titleLength) + Int(packed.numberLength)
    return text(start, packed.issuerLength)
  }

  func location(_ row: Int) -> String? {
    let packed = rows[row]
    let start =
      Int(packed.textStart) + Int(packed.titleLength) + Int(packed.numberLength) + Int(packed.issuerLength)
    return text(start, packed.locationLength)
  }

  func date(_ row: Int) -> CalendarDate? { CalendarDate(packed: rows[row].date) }

  private func text(_ start: Int, _ length: UInt16) -> String? {
    length == 0 ? nil : texts.text(start, Int(length))
  }
}
