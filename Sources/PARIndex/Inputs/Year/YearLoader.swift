/// Reads a year of data (FORMATS §2) from a folder and checks it against a criteria set:
/// unknown units and codes, duplicate rows, malformed numbers and dates are all reported,
/// each with its file, line, column and value. Whether values fit their leaves' rules is
/// checked when scoring (``Scorer``), which also reports every problem.
public enum YearLoader {
  /// The file names inside a year folder.
  public enum FileName {
    public static let units = "units.csv"
    public static let assessment = "assessment.csv"
    public static let appraisal = "appraisal.csv"
    public static let evidence = "evidence.csv"
    public static let survey = "survey.csv"
    public static let adjustments = "adjustments.csv"
  }

  /// Loads the folder at `path`.
  /// - Parameter threads: how many threads read (`nil`: the machine's cores); the data read
  ///   are the same for any number.
  /// - Throws: ``Diagnostics`` with every problem found.
  public static func load(folder path: String, criteria: CriteriaSet, threads: Int? = nil) throws(Diagnostics) -> YearData {
    guard InputFile.exists(path) else { throw Diagnostics([Diagnostic(.folderNotFound, at: InputLocation(file: path))]) }
    guard InputFile.isFolder(path) else {
      throw Diagnostics([Diagnostic(.expectedFolder, at: InputLocation(file: path))])
    }
    func file(_ name: String) -> String { InputFile.join(path, name) }
    func readOptional(_ name: String) throws(Diagnostics) -> (String, [UInt8])? {
      let path = file(name)
      guard InputFile.exists(path) else { return nil }
      do { return (path, try InputFile.read(path)) } catch { throw Diagnostics([error]) }
    }
    var log = DiagnosticLog()
    var required: [(String, [UInt8])] = []
    for name in [FileName.units, FileName.assessment] {
      do {
        required.append((file(name), try InputFile.read(file(name))))
      } catch {
        log.add(error)
      }
    }
    try log.throwIfAny()

    let reader = RowReader(criteria: criteria)
    let (units, unitLines) = try reader.units(file: required[0].0, bytes: required[0].1)
    reader.units = units
    var data = YearData(units: units)
    data.unitsFile = required[0].0
    data.unitLines = unitLines
    // The row files are independent of each other: read them on two cores. The survey comes
    // after, split on both cores itself (a split inside one of two busy threads would not run
    // in parallel).
    func collect(_ log: inout DiagnosticLog, _ body: () throws -> Void) {
      do { try body() } catch let error as Diagnostics { log.add(contentsOf: error.all) } catch { log.add(.cannotRead(reason: "\(error)"), at: InputLocation(file: path)) }
    }
    let assessmentFile = required[1]
    let (first, second) = Parallel.both(
      concurrently: threads != 1,
      { () -> (YearData, DiagnosticLog) in
        var part = YearData(units: units)
        var partLog = DiagnosticLog()
        collect(&partLog) { part.selfAssessment = try reader.leafEntries(file: assessmentFile.0, bytes: assessmentFile.1, isAppraisal: false) }
        collect(&partLog) {
          if let (name, bytes) = try readOptional(FileName.appraisal) { part.appraisal = try reader.leafEntries(file: name, bytes: bytes, isAppraisal: true) }
        }
        collect(&partLog) {
          if let (name, bytes) = try readOptional(FileName.adjustments) { part.adjustments = try reader.adjustments(file: name, bytes: bytes) }
        }
        return (part, partLog)
      },
      { () -> (YearData, DiagnosticLog) in
        var part = YearData(units: units)
        var partLog = DiagnosticLog()
        collect(&partLog) {
          if let (name, bytes) = try readOptional(FileName.evidence) { part.evidence = try reader.evidence(file: name, bytes: bytes) }
        }
        return (part, partLog)
      })
    var surveyLog = DiagnosticLog()
    collect(&surveyLog) {
      // Streamed from the file, never held whole.
      let survey = file(FileName.survey)
      if InputFile.exists(survey) {
        data.survey = try SurveyAggregator.aggregate(path: survey, criteria: criteria, unitIDs: units.map(\.id), threads: threads)
      }
    }
    data.selfAssessment = first.0.selfAssessment
    data.appraisal = first.0.appraisal
    data.adjustments = first.0.adjustments
    data.evidence = second.0.evidence
    // Problems in the order of the files' reading: assessment, appraisal, adjustments, evidence, survey.
    log.add(contentsOf: first.1.errors)
    log.add(contentsOf: second.1.errors)
    log.add(contentsOf: surveyLog.errors)
    try log.throwIfAny()
    return data
  }
}

/// Reads the CSV files of a year row by row, collecting problems.
///
/// Unit ids and leaf codes are looked up from the file's bytes (``ByteInterner``) when they
/// are plain ASCII, as they almost always are: no string and no string hashing per row.
///
/// A class, so that the closure that visits a million rows holds one reference to it rather
/// than copying the criteria set and the lookup tables. Set ``units`` before sharing it
/// between threads; after that it is only read.
final class RowReader: @unchecked Sendable {
  let criteria: CriteriaSet
  /// The units of `units.csv`; set before reading the other files.
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
  }

  /// The position of the row's unit in ``units``; an empty or unknown id is reported.
  func unitPosition(_ row: CSVTable.Row, column: Int?, file: String, log: inout DiagnosticLog) -> Int? {
    if let column, let bytes = row.plainBytes(column), !bytes.isEmpty, let key = unitKeys.find(bytes) { return unitPositionOfKey[key] }
    let unitID = row.text(column)
    guard checkUnit(unitID, file: file, line: row.line, log: &log) else { return nil }
    return unitPositions[unitID]
  }

  /// The position of the leaf with the row's code, or `nil` (nothing reported).
  func leafPosition(_ row: CSVTable.Row, column: Int?) -> Int? {
    if let column, let bytes = row.plainBytes(column), !bytes.isEmpty, let key = leafKeys.find(bytes) { return leafPositionOfKey[key] }
    return criteria.leafIndex(of: row.text(column))
  }

  func units(file: String, bytes: [UInt8]) throws(Diagnostics) -> ([AssessedUnit], [String: Int]) {
    let table = try CSVTable.open(file: file, bytes: bytes, required: ["unit_id", "name", "group"], optional: [])
    let (idColumn, nameColumn, groupColumn) = (table.column("unit_id"), table.column("name"), table.column("group"))
    var log = DiagnosticLog()
    var units: [AssessedUnit] = []
    var firstLine: [String: Int] = [:]
    table.forEachRow(log: &log) { row, log in
      let id = row.text(idColumn)
      let name = row.text(nameColumn)
      let group = row.text(groupColumn)
      for (column, text) in [("unit_id", id), ("name", name), ("group", group)] where text.isEmpty {
        log.add(.emptyField(column: column), at: InputLocation(file: file, place: .line(row.line)), field: column)
      }
      if id.isEmpty || name.isEmpty || group.isEmpty { return }
      if let line = firstLine[id] {
        log.add(.duplicateUnit(first: "line \(line)"), at: InputLocation(file: file, place: .line(row.line)), field: "unit_id", value: id)
        return
      }
      firstLine[id] = row.line
      units.append(AssessedUnit(id: id, name: name, group: group))
    }
    if units.isEmpty && log.isEmpty {
      log.add(.noUnits, at: InputLocation(file: file))
    }
    try log.throwIfAny()
    return (units, firstLine)
  }

  func leafEntries(file: String, bytes: [UInt8], isAppraisal: Bool) throws(Diagnostics) -> [String: [String: LeafEntry]] {
    let optional = isAppraisal ? ["value", "points", "reason"] : ["value", "points", "evidence", "note"]
    let table = try CSVTable.open(file: file, bytes: bytes, required: ["unit_id", "code"], optional: optional)
    var log = DiagnosticLog()
    if !table.has("value") && !table.has("points") {
      log.add(.needValueOrPointsColumn, at: InputLocation(file: file, place: .line(1)), field: "header")
      try log.throwIfAny()
    }
    let unitColumn = table.column("unit_id")
    let codeColumn = table.column("code")
    let valueColumn = table.column("value")
    let pointsColumn = table.column("points")
    let evidenceColumn = isAppraisal ? nil : table.column("evidence")
    let remarkColumn = table.column(isAppraisal ? "reason" : "note")
    let parentCodes = Set(criteria.allNodes.filter { !$0.node.isLeaf }.map(\.node.code))
    // Rows by unit position, then leaf code; the line of each (unit, leaf) row, 0 for none.
    var entries = [[String: LeafEntry]](repeating: [:], count: units.count)
    var lines = [Int32](repeating: 0, count: units.count * criteria.leaves.count)
    table.forEachRow(log: &log) { row, log in
      guard let unit = unitPosition(row, column: unitColumn, file: file, log: &log) else { return }
      guard let leafIndex = leafPosition(row, column: codeColumn) else {
        let code = row.text(codeColumn)
        log.add(parentCodes.contains(code) ? .notALeaf : .unknownCode(criteria: criteria.id), at: InputLocation(file: file, place: .line(row.line)), field: "code", value: code)
        return
      }
      let unitID = units[unit].id
      let code = criteria.leaves[leafIndex].code
      let valueText = row.text(valueColumn)
      let pointsText = row.text(pointsColumn)
      if !isAppraisal, case .survey(let group) = criteria.leaves[leafIndex].rule {
        log.add(.surveyLeafSelfAssessed(group: group), at: InputLocation(file: file, place: .line(row.line)), field: "code", value: code)
        return
      }
      var points: FixedDecimal?
      if !pointsText.isEmpty {
        switch FixedDecimal.parse(pointsText) {
        case .success(let parsed): points = parsed
        case .failure(let error):
          log.add(.number(error), at: InputLocation(file: file, place: .line(row.line)), field: "points", value: pointsText)
          return
        }
      }
      if valueText.isEmpty && points == nil {
        log.add(.noValueOrPoints, at: InputLocation(file: file, place: .line(row.line)), field: "value")
        return
      }
      let slot = unit * criteria.leaves.count + leafIndex
      if lines[slot] != 0 {
        log.add(.duplicateRow(unit: unitID, first: "line \(lines[slot])"), at: InputLocation(file: file, place: .line(row.line)), field: "code", value: code)
        return
      }
      lines[slot] = Int32(clamping: row.line)
      let remark = row.text(remarkColumn)
      // A unit has a row for most leaves: size its table once instead of growing it.
      if entries[unit].isEmpty { entries[unit].reserveCapacity(isAppraisal ? 4 : criteria.leaves.count) }
      entries[unit][code] = LeafEntry(
        unitID: unitID, code: code, value: valueText.isEmpty ? nil : valueText, points: points,
        pointsText: pointsText.isEmpty ? nil : pointsText, evidenceIDs: Self.evidenceIDs(row.text(evidenceColumn)),
        remark: remark.isEmpty ? nil : remark, origin: RowOrigin(file: file, line: row.line))
    }
    try log.throwIfAny()
    var byUnit: [String: [String: LeafEntry]] = [:]
    for (unit, rows) in zip(units, entries) where !rows.isEmpty { byUnit[unit.id] = rows }
    return byUnit
  }

  /// `a; b | c` → `["a", "b", "c"]` (the text is already NFC).
  static func evidenceIDs(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    guard text.isASCII else {
      return text.unicodeScalars.split(whereSeparator: { $0 == ";" || $0 == "|" }).map { String(String($0).trimmingSpaces) }.filter { !$0.isEmpty }
    }
    // ASCII ids (the common case): split and trim the bytes, one string per id.
    var ids: [String] = []
    var text = text
    text.withUTF8 { bytes in
      var start = 0
      for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ";") || bytes[index] == UInt8(ascii: "|") {
        var (lower, upper) = (start, index)
        while lower < upper && ASCII.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower && ASCII.isSpace(bytes[upper - 1]) { upper -= 1 }
        if lower < upper { ids.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)) }
        start = index + 1
      }
    }
    return ids
  }

  func evidence(file: String, bytes: [UInt8]) throws(Diagnostics) -> [String: [String: EvidenceDocument]] {
    let table = try CSVTable.open(
      file: file, bytes: bytes, required: ["evidence_id", "unit_id", "title"], optional: ["doc_number", "date", "issuer", "location"])
    let columns = ["evidence_id", "unit_id", "title", "doc_number", "date", "issuer", "location"].map { table.column($0) }
    var log = DiagnosticLog()
    var documents = [[String: EvidenceDocument]](repeating: [:], count: units.count)
    var lines = [[String: Int]](repeating: [:], count: units.count)
    table.forEachRow(log: &log) { row, log in
      guard let unit = unitPosition(row, column: columns[1], file: file, log: &log) else { return }
      let unitID = units[unit].id
      let id = row.text(columns[0])
      guard !id.isEmpty else {
        log.add(.missingEvidenceID, at: InputLocation(file: file, place: .line(row.line)), field: "evidence_id")
        return
      }
      if let line = lines[unit][id] {
        log.add(.duplicateEvidence(unit: unitID, first: "line \(line)"), at: InputLocation(file: file, place: .line(row.line)), field: "evidence_id", value: id)
        return
      }
      let dateText = row.text(columns[4])
      var date: CalendarDate?
      if !dateText.isEmpty {
        date = CalendarDate(parsing: dateText)
        if date == nil {
          log.add(.invalidDate, at: InputLocation(file: file, place: .line(row.line)), field: "date", value: dateText)
          return
        }
      }
      func optional(_ column: Int?) -> String? {
        let text = row.text(column)
        return text.isEmpty ? nil : text
      }
      if documents[unit].isEmpty {
        documents[unit].reserveCapacity(32)
        lines[unit].reserveCapacity(32)
      }
      lines[unit][id] = row.line
      documents[unit][id] = EvidenceDocument(
        id: id, unitID: unitID, title: row.text(columns[2]), documentNumber: optional(columns[3]), date: date,
        issuer: optional(columns[5]), location: optional(columns[6]))
    }
    try log.throwIfAny()
    var byUnit: [String: [String: EvidenceDocument]] = [:]
    for (unit, unitDocuments) in zip(units, documents) where !unitDocuments.isEmpty { byUnit[unit.id] = unitDocuments }
    return byUnit
  }

  func adjustments(file: String, bytes: [UInt8]) throws(Diagnostics) -> [String: [Adjustment]] {
    let table = try CSVTable.open(file: file, bytes: bytes, required: ["unit_id", "kind", "points"], optional: ["reason"])
    let columns = ["unit_id", "kind", "points", "reason"].map { table.column($0) }
    var log = DiagnosticLog()
    var result: [String: [Adjustment]] = [:]
    var sawRow = false
    table.forEachRow(log: &log) { row, log in
      if !sawRow && criteria.adjustmentCaps == nil {
        log.add(.noAdjustmentCaps(criteria: criteria.id), at: InputLocation(file: file))
      }
      sawRow = true
      guard criteria.adjustmentCaps != nil else { return }
      guard let unit = unitPosition(row, column: columns[0], file: file, log: &log) else { return }
      let unitID = units[unit].id
      let kindText = row.text(columns[1])
      guard let kind = Adjustment.Kind(rawValue: kindText.lowercased()) else {
        log.add(.adjustmentKind, at: InputLocation(file: file, place: .line(row.line)), field: "kind", value: kindText)
        return
      }
      let pointsText = row.text(columns[2])
      let points: FixedDecimal
      switch FixedDecimal.parse(pointsText) {
      case .success(let parsed): points = parsed
      case .failure(let error):
        log.add(.number(error), at: InputLocation(file: file, place: .line(row.line)), field: "points", value: pointsText)
        return
      }
      let reason = row.text(columns[3])
      result[unitID, default: []].append(
        Adjustment(unitID: unitID, kind: kind, points: points, reason: reason.isEmpty ? nil : reason, origin: RowOrigin(file: file, line: row.line)))
    }
    try log.throwIfAny()
    return result
  }

  /// Reports an empty or unknown unit id; returns whether the id is usable.
  func checkUnit(_ unitID: String, file: String, line: Int, log: inout DiagnosticLog) -> Bool {
    if unitID.isEmpty {
      log.add(.missingUnitID, at: InputLocation(file: file, place: .line(line)), field: "unit_id")
      return false
    }
    if unitPositions[unitID] == nil {
      log.add(.unknownUnit(unitsFile: "units.csv"), at: InputLocation(file: file, place: .line(line)), field: "unit_id", value: unitID)
      return false
    }
    return true
  }
}
