/// The checks every CSV row of a year file gets before its fields are read (DECISIONS §15):
/// a field past the header's end — even an empty one: `0,5` unquoted in a comma file shifts
/// the row — and data under a blank header cell, which no column would read.
///
/// Shared by ``CSVTable`` and the survey's streamed reader, so that `survey.csv` refuses
/// what `assessment.csv` refuses.
struct RowShapeCheck: Sendable {
  let header: TableHeader
  let file: String
  /// `TAB`, `;` or `,`, as the message names it.
  let separatorName: String
  /// Blank-header columns already reported: once per column, since every row would say the same.
  private(set) var reportedUnnamed: Set<Int> = []

  init(header: TableHeader, file: String, separator: UInt8) {
    (self.header, self.file) = (header, file)
    (width, hasUnnamed) = (header.width, !header.unnamed.isEmpty)
    separatorName = separator == 0x09 ? "TAB" : String(Character(Unicode.Scalar(separator)))
  }

  /// The header's width, and whether it has a blank cell: the whole check on most rows.
  private let width: Int
  private let hasUnnamed: Bool

  /// Checks `record`; false when it must be dropped (it is wider than the header).
  @inline(__always)
  mutating func admits(_ record: CSVRecord, log: inout DiagnosticLog) -> Bool {
    if record.count <= width && !hasUnnamed { return true }
    return admitsSlowly(record, log: &log)
  }

  private mutating func admitsSlowly(_ record: CSVRecord, log: inout DiagnosticLog) -> Bool {
    if record.count > header.width {
      log.add(
        .tooManyFields(fields: record.count, header: header.width, separator: separatorName),
        at: InputLocation(file: file, place: .line(record.line)))
      return false
    }
    for position in header.unnamed where position < record.count && !record.isEmptyField(position) {
      guard reportedUnnamed.insert(position).inserted else { continue }
      log.add(
        .dataUnderUnnamedColumn(position: position + 1, headerLine: header.line),
        at: InputLocation(file: file, place: .line(record.line)),
        value: CSVTable.Row(record: record).text(position))
    }
    return true
  }

  /// Joins the check of the piece after this one: its reports of columns this one already
  /// reported are dropped from `log` (the earlier row stands).
  mutating func merge(_ other: RowShapeCheck, log: inout [Diagnostic]) {
    log.removeAll {
      if case .dataUnderUnnamedColumn(let position, _) = $0.message { return reportedUnnamed.contains(position - 1) }
      return false
    }
    reportedUnnamed.formUnion(other.reportedUnnamed)
  }
}
