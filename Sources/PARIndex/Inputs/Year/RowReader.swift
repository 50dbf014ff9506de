#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the rows of a year's files, collecting problems, whatever form the files came in
/// (CSV text or worksheets: the readers are generic over ``RowTable``).
///
/// Unit ids and leaf codes are looked up from the file's bytes (``ByteInterner``) when they
/// are plain ASCII, as they almost always are: no string and no string hashing per row.
///
/// A class, so that the closure that visits a million rows holds one reference to it rather
/// than copying the criteria set and the lookup tables. Set ``units`` before sharing it
/// between threads; after that it is only read.
final class RowReader: @unchecked Sendable {
  let criteria: CriteriaSet
  /// The units file's name (`units.csv`, `units.xlsx`), for "unknown unit" messages.
  var unitsName = "units.csv"
  /// Whether evidence documents keep their title, number, issuer and location
  /// (``LoadOptions/documentTexts``); set before reading.
  var keepsDocumentTexts = true
  /// The units of the units file; set before reading the other files.
  var units: [AssessedUnit] = [] {
    didSet {
      unitKeys = ByteInterner(capacity: units.count)
      unitPositions = [:]
      unitPositionOfKey = []
      for (position, unit) in units.enumerated() where unitPositions[unit.id] == nil {
        // A repeated id (possible through the per-file API) keeps its first position.
        unitPositions[unit.id] = position
        unitKeys.intern(unit.id)
        unitPositionOfKey.append(position)
      }
    }
  }
  private var unitKeys = ByteInterner()
  private var unitPositions: [String: Int] = [:]
  /// The position in ``units`` of each interned id (ids are dense, positions may skip).
  private var unitPositionOfKey: [Int] = []
  private let leafKeys: ByteInterner
  private let leafPositionOfKey: [Int]
  private let parentCodes: Set<String>

  init(criteria: CriteriaSet) {
    self.criteria = criteria
    var leafKeys = ByteInterner(capacity: criteria.leaves.count)
    var positions: [Int] = []
    for leaf in criteria.leaves where leafKeys.find(leaf.code) == nil {
      leafKeys.intern(leaf.code)
      // The same leaf as `leafIndex(of:)` gives, whatever the set.
      positions.append(criteria.leafIndex(of: leaf.code)!)
    }
    (self.leafKeys, leafPositionOfKey) = (leafKeys, positions)
    parentCodes = Set(criteria.allNodes.filter { !$0.node.isLeaf }.map(\.node.code))
  }

  // MARK: Lookups

  /// The unit the rows of one file named last, by its plain bytes: files come sorted by unit,
  /// and a row mostly names the unit of the row before (then found by comparing a few bytes).
  struct RecentUnit {
    fileprivate var key: [UInt8] = []
    fileprivate var position = -1

    fileprivate func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      guard position >= 0, key.count == bytes.count, let base = bytes.baseAddress else { return false }
      return key.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, bytes.count) == 0 }
    }
  }

  /// The position of the row's unit in ``units``; an empty, unknown or look-alike id is reported.
  func unitPosition<T: RowTable>(
    _ row: T.Row, in table: T, recent: inout RecentUnit, log: inout DiagnosticLog
  ) -> Int? {
    let column = table.header.unitColumn
    let plain = column.flatMap { column in
      row.withPlainBytes(column) { bytes -> Int? in
        if recent.matches(bytes) { return recent.position }
        guard !bytes.isEmpty, let key = unitKeys.find(bytes) else { return nil }
        (recent.key, recent.position) = (Array(bytes), unitPositionOfKey[key])
        return recent.position
      }
    }
    if let plain, let position = plain { return position }
    let unitID = row.text(column)
    let location = table.location(line: row.line, column: .unitID)
    let field = table.name(.unitID)
    guard !unitID.isEmpty else {
      log.add(.missingUnitID, at: location, field: field)
      return nil
    }
    if let position = unitPositions[unitID] { return position }
    if !Self.checkIdentifier(unitID, at: location, field: field, log: &log) { return nil }
    log.add(.unknownUnit(unitsFile: unitsName), at: location, field: field, value: unitID)
    return nil
  }

  /// The position of the leaf with the row's code, or `nil` (nothing reported).
  func leafPosition<T: RowTable>(_ row: T.Row, in table: T) -> Int? {
    let column = table.header.codeColumn
    if let column, let key = row.withPlainBytes(column, { $0.isEmpty ? nil : leafKeys.find($0) }) ?? nil {
      return leafPositionOfKey[key]
    }
    return criteria.leafIndex(of: row.text(column))
  }

  /// False (and an error) when `text`, an id or code, holds an invisible or format character:
  /// `U1` and `U1` + ZERO WIDTH JOINER look the same on screen but are not the same id.
  static func checkIdentifier(
    _ text: String, at location: InputLocation, field: @autoclosure () -> String, log: inout DiagnosticLog
  ) -> Bool {
    guard let message = Identifier.invisibleCharacter(in: text) else { return true }
    // The column's name only for a message: looking it up is a hash, on every row.
    log.add(message, at: location, field: field(), value: text)
    return false
  }

  /// Where an earlier row is, as a message names it from `file`: `line 12` in the same text
  /// file, the full place (`assessment/X01.csv:12`, `assessment.xlsx:Sheet1!B12`) otherwise.
  static func place(of origin: RowOrigin, column: Column, from file: String) -> Message.EarlierRow {
    if origin.file == file, origin.table.sheet == nil { return .line(origin.line) }
    return .at(origin.location(of: column).description)
  }

  /// A note or reason as written, or "" when nothing in it shows (a lone zero-width space is
  /// no reason).
  static func visibleText(_ written: String) -> String { InvisibleCharacter.isBlank(written) ? "" : written }

  // MARK: Units

  /// Reads the units file: each unit once, with an id that is what it looks like.
  func units<T: RowTable>(_ table: T) throws(Diagnostics) -> ([AssessedUnit], [String: RowOrigin]) {
    let columns = [Column.unitID, .name, .group].map { table.position($0) }
    var log = DiagnosticLog()
    var units: [AssessedUnit] = []
    var origins: [String: RowOrigin] = [:]
    // Each group's spelling as first written, by its folded form: `Sở` and `sở` are one group
    // mistyped, and would otherwise be ranked apart.
    var groups: [String: (name: String, origin: RowOrigin)] = [:]
    table.forEachRow(log: &log) { row, log in
      let id = row.text(columns[0])
      let name = InvisibleCharacter.singleLine(row.text(columns[1]))
      let group = InvisibleCharacter.singleLine(row.text(columns[2]))
      for (column, text) in zip([Column.unitID, .name, .group], [id, name, group]) where text.isEmpty {
        log.add(
          .emptyField(column: table.name(column)), at: table.location(line: row.line, column: column),
          field: table.name(column))
      }
      if id.isEmpty || name.isEmpty || group.isEmpty { return }
      var printable = true
      for (column, text) in [(Column.name, name), (.group, group)] {
        guard let control = text.unicodeScalars.first(where: InvisibleCharacter.isControl) else { continue }
        let (codePoint, characterName) = InvisibleCharacter.described(control)
        log.add(
          .controlCharacter(codePoint: codePoint, name: characterName),
          at: table.location(line: row.line, column: column), field: table.name(column), value: text)
        printable = false
      }
      guard printable else { return }
      let location = table.location(line: row.line, column: .unitID)
      guard Self.checkIdentifier(id, at: location, field: table.name(.unitID), log: &log) else { return }
      if let first = origins[id] {
        log.add(
          .duplicateUnit(first: Self.place(of: first, column: .unitID, from: table.file)), at: location,
          field: table.name(.unitID),
          value: id)
        return
      }
      let origin = RowOrigin(table: table.origin, line: row.line)
      // Any length: a long group name (a department's full title) is checked like a short one.
      let folded = TextFolding.foldedAnyLength(group)
      if let first = groups[folded], first.name != group {
        log.add(
          .groupSpelledTwoWays(
            first: first.name, place: Self.place(of: first.origin, column: .group, from: table.file)),
          at: table.location(line: row.line, column: .group), field: table.name(.group), value: group)
        return
      }
      if groups[folded] == nil { groups[folded] = (group, origin) }
      origins[id] = origin
      units.append(AssessedUnit(trusted: id, name: name, group: group))
    }
    if units.isEmpty && log.isEmpty { log.add(.noUnits, at: InputLocation(file: table.file)) }
    try log.throwIfAny()
    return (units, origins)
  }

  // MARK: Self-assessment and appraisal rows

  /// The rows of one or more assessment (or appraisal) files, merged: by unit position, then
  /// leaf code, with where each (unit, leaf) was first given, so that a second row in another
  /// file is named with both places.
  struct EntryCollector {
    /// The rows, packed.
    private var rows: LeafRowColumns.Builder
    /// The rare rows too large to pack (``LeafRowColumns/Builder/append(unit:leaf:claim:pointsText:evidenceIDs:remark:appraiser:date:origin:)``),
    /// with their slots.
    private var boxed: [(slot: Int, entry: LeafEntry)] = []
    /// One bit per (unit, leaf) slot, set once a row gave it: a year of 2,000 units × 10,000
    /// leaves costs 2.5 MB here, however few rows it has.
    private var taken: [UInt64]
    /// Each slot's packed row, made at the first second row for a slot (a file with none needs
    /// no table), then kept up to date.
    private var firstRows: [Int: Int32]?
    private let leafCount: Int

    init(units: [AssessedUnit], codes: [String]) {
      leafCount = codes.count
      taken = Array(repeating: 0, count: (units.count * codes.count + 63) / 64)
      rows = LeafRowColumns.Builder(unitIDs: units.map(\.id), codes: codes)
    }

    /// Marks `slot` as given; false when a row already gave it.
    mutating func take(_ slot: Int) -> Bool {
      let bit: UInt64 = 1 << UInt64(slot & 63)
      if taken[slot >> 6] & bit != 0 { return false }
      taken[slot >> 6] |= bit
      return true
    }

    /// Makes room for `count` more rows.
    mutating func reserve(_ count: Int) { rows.reserve(count) }

    /// Where the row kept for `slot` is, when one was kept.
    mutating func origin(of slot: Int) -> RowOrigin? {
      if let (_, entry) = boxed.first(where: { $0.slot == slot }) { return entry.origin }
      if firstRows == nil {
        var table: [Int: Int32] = [:]
        for (index, row) in rows.rows.enumerated() { table[Int(row.unit) * leafCount + Int(row.leaf)] = Int32(index) }
        firstRows = table
      }
      return firstRows?[slot].map { rows.origin(Int($0)) }
    }

    /// Keeps a checked row as the unit's for the leaf.
    mutating func add(
      unit: Int, leaf: Int, code: String, claim: LeafEntry.Claim, pointsText: String?, evidenceIDs: [String],
      remark: String?, appraiser: String?, date: CalendarDate?, origin: RowOrigin
    ) {
      if let row = rows.append(
        unit: unit, leaf: leaf, claim: claim, pointsText: pointsText, evidenceIDs: evidenceIDs, remark: remark,
        appraiser: appraiser, date: date, origin: origin)
      {
        if firstRows != nil { firstRows?[unit * leafCount + leaf] = Int32(row) }
        return
      }
      let entry = LeafEntry(
        unitID: rows.unitIDs[unit], code: code, claim: claim, pointsText: pointsText, evidenceIDs: evidenceIDs,
        remark: remark, appraiser: appraiser, date: date, origin: origin)
      boxed.append((unit * leafCount + leaf, entry))
    }

    /// The rows: dense, unless one was too large to pack.
    func finish() -> LeafRows {
      let columns = rows.finish()
      guard !boxed.isEmpty else { return LeafRows(columns) }
      var byUnit: [String: [String: LeafEntry]] = [:]
      for row in columns.rows.indices {
        byUnit[columns.unitID(row), default: [:]][columns.code(row)] = LeafEntry(columns, row: row)
      }
      for (_, entry) in boxed { byUnit[entry.unitID, default: [:]][entry.code] = entry }
      return LeafRows(byUnit)
    }
  }

  func leafEntries<T: RowTable>(
    _ table: T, isAppraisal: Bool, into collector: inout EntryCollector, log: inout DiagnosticLog
  ) {
    if !table.has(.value) && !table.has(.points) {
      log.add(.needValueOrPointsColumn, at: table.location(line: table.header.line, column: nil), field: "header")
      return
    }
    let valueColumn = table.position(.value)
    let pointsColumn = table.position(.points)
    let evidenceColumn = isAppraisal ? nil : table.position(.evidence)
    let remarkColumn = table.position(isAppraisal ? .reason : .note)
    let appraiserColumn = isAppraisal ? table.position(.appraiser) : nil
    let dateColumn = isAppraisal ? table.position(.date) : nil
    let leafCount = criteria.leaves.count
    // No more rows than lines, nor than (unit, leaf) slots; and a file of a million blank or
    // foreign lines does not claim their room up front past 4 M rows (256 MB).
    collector.reserve(min(table.rowCountBound, units.count * leafCount, 1 << 22))
    var recent = RecentUnit()
    table.forEachRow(log: &log) { row, log in
      guard let (unit, leafIndex, unitID, code) = unitAndLeaf(row, in: table, recent: &recent, log: &log) else {
        return
      }
      let valueText = row.text(valueColumn)
      let pointsText = row.text(pointsColumn)
      if !isAppraisal, case .survey(let group) = criteria.leaves[leafIndex].rule {
        log.add(
          .surveyLeafSelfAssessed(group: group), at: table.location(line: row.line, column: .code),
          field: table.name(.code), value: code)
        return
      }
      var points: FixedDecimal?
      if !pointsText.isEmpty {
        switch FixedDecimal.parse(pointsText) {
        case .success(let parsed): points = parsed
        case .failure(let error):
          log.add(
            .number(error), at: table.location(line: row.line, column: .points), field: table.name(.points),
            value: pointsText)
          return
        }
      }
      if valueText.isEmpty && points == nil {
        log.add(.noValueOrPoints, at: table.location(line: row.line, column: .value), field: table.name(.value))
        return
      }
      let slot = unit * leafCount + leafIndex
      if !collector.take(slot), let first = collector.origin(of: slot) {
        log.add(
          .duplicateRow(unit: unitID, first: Self.place(of: first, column: .code, from: table.file)),
          at: table.location(line: row.line, column: .code), field: table.name(.code),
          value: code)
        return
      }
      let date: CalendarDate?
      switch optionalDate(row, dateColumn, in: table, log: &log) {
      case .failure: return
      case .success(let parsed): date = parsed
      }
      let origin = RowOrigin(table: table.origin, line: row.line)
      let remark = Self.visibleText(row.text(remarkColumn))
      let appraiser = row.text(appraiserColumn)
      let claim: LeafEntry.Claim
      switch (valueText.isEmpty ? nil : valueText, points) {
      case (let value?, let points?): claim = .valueAndPoints(value, points)
      case (let value?, nil): claim = .value(value)
      case (nil, let points?): claim = .points(points)
      case (nil, nil): return  // reported above: a row needs a value or points
      }
      collector.add(
        unit: unit, leaf: leafIndex, code: code, claim: claim, pointsText: pointsText.isEmpty ? nil : pointsText,
        evidenceIDs: Self.evidenceIDs(in: row, evidenceColumn), remark: remark.isEmpty ? nil : remark,
        appraiser: appraiser.isEmpty ? nil : appraiser, date: date, origin: origin)
    }
  }

  /// The row's unit (its position and id) and leaf (its position and code); an unknown unit or
  /// code is reported and gives `nil`.
  @inline(__always)
  func unitAndLeaf<T: RowTable>(
    _ row: T.Row, in table: T, recent: inout RecentUnit, log: inout DiagnosticLog
  ) -> (unit: Int, leaf: Int, unitID: String, code: String)? {
    guard let unit = unitPosition(row, in: table, recent: &recent, log: &log) else { return nil }
    guard let leaf = leafPosition(row, in: table) else {
      reportUnknownCode(row, in: table, log: &log)
      return nil
    }
    return (unit, leaf, units[unit].id, criteria.leaves[leaf].code)
  }

  /// Reports a row's code that is not a leaf of the set: unknown, a look-alike, or a field's or criterion's.
  func reportUnknownCode<T: RowTable>(_ row: T.Row, in table: T, log: inout DiagnosticLog) {
    let code = row.text(table.position(.code))
    let codeLocation = table.location(line: row.line, column: .code)
    guard Self.checkIdentifier(code, at: codeLocation, field: table.name(.code), log: &log) else { return }
    log.add(
      parentCodes.contains(code) ? .notALeaf : .unknownCode(criteria: criteria.id), at: codeLocation,
      field: table.name(.code), value: code)
  }

  /// A row's optional date (`nil` when the cell is empty or the column absent); an invalid one
  /// is reported and fails.
  func optionalDate<T: RowTable>(
    _ row: T.Row, _ column: Int?, in table: T, log: inout DiagnosticLog
  ) -> Result<CalendarDate?, InvalidCell> {
    let text = row.text(column)
    guard !text.isEmpty else { return .success(nil) }
    guard let date = CalendarDate(parsing: text) else {
      log.add(.invalidDate, at: table.location(line: row.line, column: .date), field: table.name(.date), value: text)
      return .failure(InvalidCell())
    }
    return .success(date)
  }

  /// A cell already reported.
  struct InvalidCell: Error {}

  // MARK: Explanations

  /// The explanations of one or more files, merged, with where each (unit, leaf, round) was first given.
  struct ExplanationCollector {
    var explanations: [String: [UnitExplanation]] = [:]
    var firstRows: [String: RowOrigin] = [:]
  }

  /// Reads explanation rows for a year of `rounds` appraisal rounds: an explanation answers the
  /// round in its `round` column, or by default the last round but one (round 1 of two: the
  /// explanation between them), the only round when there is one.
  func explanations<T: RowTable>(
    _ table: T, rounds: Int, into collector: inout ExplanationCollector, log: inout DiagnosticLog
  ) {
    let columns = [Column.text, .evidence, .round].map { table.position($0) }
    let dateColumn = table.position(.date)
    var recent = RecentUnit()
    table.forEachRow(log: &log) { row, log in
      guard let (_, _, unitID, code) = unitAndLeaf(row, in: table, recent: &recent, log: &log) else { return }
      let text = row.text(columns[0])
      guard !text.isEmpty else {
        log.add(
          .emptyField(column: table.name(.text)), at: table.location(line: row.line, column: .text),
          field: table.name(.text))
        return
      }
      let roundText = row.text(columns[2])
      let round: Int
      let roundLocation = table.location(line: row.line, column: .round)
      if roundText.isEmpty {
        round = max(1, rounds - 1)
      } else if roundText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(roundText), number >= 1 {
        round = number
      } else {
        log.add(.roundNotPositive, at: roundLocation, field: table.name(.round), value: roundText)
        return
      }
      guard round <= rounds else {
        log.add(.explanationRound(rounds: rounds), at: roundLocation, field: table.name(.round), value: String(round))
        return
      }
      let date: CalendarDate?
      switch optionalDate(row, dateColumn, in: table, log: &log) {
      case .failure: return
      case .success(let parsed): date = parsed
      }
      let key = "\(unitID)\u{0}\(code)\u{0}\(round)"
      if let first = collector.firstRows[key] {
        log.add(
          .duplicateRow(unit: unitID, first: Self.place(of: first, column: .code, from: table.file)),
          at: table.location(line: row.line, column: .code), field: table.name(.code), value: code)
        return
      }
      let origin = RowOrigin(table: table.origin, line: row.line)
      collector.firstRows[key] = origin
      collector.explanations[unitID, default: []].append(
        UnitExplanation(
          trusted: unitID, code: code, text: text, evidenceIDs: Self.evidenceIDs(row.text(columns[1])), date: date,
          round: round, origin: origin))
    }
  }

  /// `a; b | c` → `["a", "b", "c"]` (the text is already NFC).
  static func evidenceIDs(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    guard text.isASCII else {
      return text.unicodeScalars.split(whereSeparator: { $0 == ";" || $0 == "|" }).map {
        String(String($0).trimmingSpaces)
      }
      .filter { !$0.isEmpty }
    }
    var text = text
    return text.withUTF8 { splitASCIIIDs($0) }
  }

  /// The evidence ids of the row's cell at `column`: from the cell's bytes when they are
  /// plain ASCII (most cells), without a string for the whole cell; from its text otherwise.
  static func evidenceIDs<Row: TableRow>(in row: Row, _ column: Int?) -> [String] {
    guard let column else { return [] }
    let plain = row.withPlainBytes(column) { bytes in bytes.allSatisfy { $0 < 0x80 } ? splitASCIIIDs(bytes) : nil }
    if let plain, let ids = plain { return ids }
    return evidenceIDs(row.text(column))
  }

  /// ASCII ids split at `;` and `|` and trimmed, one string per id.
  private static func splitASCIIIDs(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    func trimmed(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
      var (lower, upper) = (range.lowerBound, range.upperBound)
      while lower < upper && ASCII.isSpace(bytes[lower]) { lower += 1 }
      while upper > lower && ASCII.isSpace(bytes[upper - 1]) { upper -= 1 }
      return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }
    let separators = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: ";") || $1 == UInt8(ascii: "|") ? 1 : 0) }
    // Most cells cite one document: an array of exactly one, not one grown.
    if separators == 0 {
      let id = trimmed(0..<bytes.count)
      return id.isEmpty ? [] : [String(decoding: id, as: UTF8.self)]
    }
    var ids: [String] = []
    ids.reserveCapacity(separators + 1)
    var start = 0
    for index in 0...bytes.count
    where index == bytes.count || bytes[index] == UInt8(ascii: ";") || bytes[index] == UInt8(ascii: "|") {
      let id = trimmed(start..<index)
      if !id.isEmpty { ids.append(String(decoding: id, as: UTF8.self)) }
      start = index + 1
    }
    return ids
  }

  // MARK: Evidence

  /// The evidence documents of one or more files, merged, with where each was first listed.
  struct EvidenceCollector: DocumentEntries {
    /// Each unit's documents by id: an index into `rows`, or −1 − an index into `boxed`.
    private var index = DocumentIndex()
    private var rows: EvidenceColumns.Builder
    /// The rare documents too large to pack, with their unit and where they were listed.
    private var boxed: [(document: EvidenceDocument, unit: Int, origin: RowOrigin)] = []

    init(units: [AssessedUnit]) { rows = EvidenceColumns.Builder(unitIDs: units.map(\.id)) }

    /// Makes room for `count` more documents.
    mutating func reserve(_ count: Int) {
      rows.reserve(count)
      index.reserve(count)
    }

    /// Where the unit's document `id` was first listed, if it was.
    func origin(unit: Int, id: String) -> RowOrigin? {
      let entry = index.find(unit: unit, id: id, in: self)
      guard let entry else { return nil }
      return entry >= 0 ? rows.origin(Int(entry)) : boxed[Int(-1 - entry)].origin
    }

    /// Keeps a checked document as the unit's with its id; no document of the unit has it yet
    /// (``origin(unit:id:)`` said so).
    mutating func add(
      unit: Int, id: String, title: String, documentNumber: String?, date: CalendarDate?, issuer: String?,
      location: String?, origin: RowOrigin
    ) {
      let entry: Int32
      if let row = rows.append(
        unit: unit, id: id, title: title, documentNumber: documentNumber, date: date, issuer: issuer,
        location: location, origin: origin), let index = Int32(exactly: row)
      {
        entry = index
      } else {
        let document = EvidenceDocument(
          trusted: id, unitID: rows.unitIDs[unit], title: title, documentNumber: documentNumber, date: date,
          issuer: issuer, location: location)
        boxed.append((document, unit, origin))
        entry = Int32(-boxed.count)
      }
      index.insert(entry, unit: unit, id: id)
    }

    func unit(_ entry: Int32) -> Int { entry >= 0 ? rows.unit(Int(entry)) : boxed[Int(-1 - entry)].unit }

    func id(_ entry: Int32) -> String { entry >= 0 ? rows.id(Int(entry)) : boxed[Int(-1 - entry)].document.id }

    /// The documents, by unit and id.
    func finish() -> EvidenceRows {
      EvidenceRows(
        columns: rows.finish(), boxed: boxed.map { ($0.document, $0.unit) }, index: index, unitIDs: rows.unitIDs)
    }
  }

  func evidence<T: RowTable>(_ table: T, into collector: inout EvidenceCollector, log: inout DiagnosticLog, year: Int) {
    let columns = [Column.evidenceID, .unitID, .title, .documentNumber, .date, .issuer, .location].map {
      table.position($0)
    }
    // No more documents than lines; a file of a million blank or foreign lines does not claim
    // their room up front past 4 M documents.
    collector.reserve(min(table.rowCountBound, 1 << 22))
    var recent = RecentUnit()
    table.forEachRow(log: &log) { row, log in
      guard let unit = unitPosition(row, in: table, recent: &recent, log: &log) else { return }
      let unitID = units[unit].id
      let id = row.text(columns[0])
      let idLocation = table.location(line: row.line, column: .evidenceID)
      guard !id.isEmpty else {
        log.add(.missingEvidenceID, at: idLocation, field: table.name(.evidenceID))
        return
      }
      guard Self.checkIdentifier(id, at: idLocation, field: table.name(.evidenceID), log: &log) else { return }
      if let first = collector.origin(unit: unit, id: id) {
        log.add(
          .duplicateEvidence(unit: unitID, first: Self.place(of: first, column: .evidenceID, from: table.file)),
          at: idLocation,
          field: table.name(.evidenceID), value: id)
        return
      }
      let dateText = row.text(columns[4])
      var date: CalendarDate?
      if !dateText.isEmpty {
        let dateLocation = table.location(line: row.line, column: .date)
        date = CalendarDate(parsing: dateText)
        guard let date else {
          log.add(.invalidDate, at: dateLocation, field: table.name(.date), value: dateText)
          return
        }
        if date.year > year + 1 {
          log.warn(.dateFarAfterYear(year: year), at: dateLocation, field: table.name(.date), value: dateText)
        }
      }
      // Texts no check reads: made (and normalised) only when something will print them.
      let keepsTexts = keepsDocumentTexts
      func optional(_ column: Int?) -> String? {
        guard keepsTexts else { return nil }
        let text = row.text(column)
        return text.isEmpty ? nil : text
      }
      collector.add(
        unit: unit, id: id, title: keepsTexts ? row.text(columns[2]) : "", documentNumber: optional(columns[3]),
        date: date, issuer: optional(columns[5]), location: optional(columns[6]),
        origin: RowOrigin(table: table.origin, line: row.line))
    }
  }

  // MARK: Adjustments

  func adjustments<T: RowTable>(_ table: T, into result: inout [String: [Adjustment]], log: inout DiagnosticLog) {
    let columns = [Column.unitID, .kind, .points, .reason].map { table.position($0) }
    var sawRow = false
    var recent = RecentUnit()
    table.forEachRow(log: &log) { row, log in
      if !sawRow && criteria.adjustmentCaps == nil {
        log.add(.noAdjustmentCaps(criteria: criteria.id), at: InputLocation(file: table.file))
      }
      sawRow = true
      guard criteria.adjustmentCaps != nil else { return }
      guard let unit = unitPosition(row, in: table, recent: &recent, log: &log) else { return }
      let unitID = units[unit].id
      let kindText = row.text(columns[1])
      guard let kind = Adjustment.Kind(word: kindText) else {
        log.add(
          .adjustmentKind, at: table.location(line: row.line, column: .kind), field: table.name(.kind), value: kindText)
        return
      }
      let pointsText = row.text(columns[2])
      let points: FixedDecimal
      switch FixedDecimal.parse(pointsText) {
      case .success(let parsed): points = parsed
      case .failure(let error):
        log.add(
          .number(error), at: table.location(line: row.line, column: .points), field: table.name(.points),
          value: pointsText)
        return
      }
      let reason = Self.visibleText(row.text(columns[3]))
      result[unitID, default: []].append(
        Adjustment(
          trusted: unitID, kind: kind, points: points, reason: reason.isEmpty ? nil : reason,
          origin: RowOrigin(table: table.origin, line: row.line)))
    }
  }
}

extension Adjustment.Kind {
  /// `bonus` or `penalty`, or the Vietnamese `thưởng` (điểm thưởng) and `trừ` (điểm trừ).
  init?(word: String) {
    switch TextFolding.folded(word) {
    case "bonus", "thưởng", "điểm thưởng": self = .bonus
    case "penalty", "trừ", "điểm trừ": self = .penalty
    default: return nil
    }
  }
}
