/// Reads the two tables of a criteria set (``CriteriaTable``): every problem is logged at its
/// file, row and column, and the set built is checked by ``CriteriaChecks``, as a JSON set is.
struct CriteriaTableReader {
  var log = DiagnosticLog()
  /// The first cell written with a decimal comma, and the first with a decimal point.
  private var decimalComma: (InputLocation, String, String)?
  private var decimalPoint: (InputLocation, String, String)?

  /// One table: its header's columns and its rows.
  struct Table {
    let file: String
    /// The canonical column's position, and its name as the header writes it.
    let columns: [String: (position: Int, written: String)]
    let rows: [(line: Int, fields: [String])]

    func text(_ row: [String], _ column: String) -> String {
      guard let position = columns[column]?.position, position < row.count else { return "" }
      return row[position].trimmedNFC
    }

    func name(_ column: String) -> String { columns[column]?.written ?? column }

    func location(_ line: Int) -> InputLocation { InputLocation(file: file, place: .line(line)) }
  }

  // MARK: Tables

  /// The table of `file`: the separator and header row (within the first 30 rows) that hold the
  /// `required` columns; every other header name must be one of `columns`, or start with `x_`.
  mutating func table(
    _ file: InputData, required: [String], columns: [String], aliases: [String: [String]], encoding: TextEncoding
  ) -> Table? {
    let text: DecodedText
    do { text = try TextDecoding.decode(file.bytes, file: file.name, encoding: encoding) } catch {
      log.add(error)
      return nil
    }
    var names: [String: String] = [:]
    for column in columns {
      names[TextFolding.folded(column)] = column
      for alias in aliases[column] ?? [] { names[TextFolding.folded(alias)] = column }
    }
    var syntaxError: Diagnostic?
    for separator in [UInt8(0x09), UInt8(ascii: ";"), UInt8(ascii: ",")] {
      let records: [(line: Int, fields: [String])]
      do { records = try CSVReader(validated: text.bytes, file: file.name, separator: separator).records() } catch {
        syntaxError = syntaxError ?? error
        continue
      }
      for (index, record) in records.prefix(30).enumerated() {
        let found = record.fields.map { names[TextFolding.folded($0)] }
        guard required.allSatisfy({ found.contains($0) }) else { continue }
        var mapped: [String: (position: Int, written: String)] = [:]
        for (position, name) in record.fields.enumerated() {
          let written = name.trimmedNFC
          let location = InputLocation(file: file.name, place: .line(record.line))
          if let column = found[position] {
            if mapped[column] != nil {
              log.add(.duplicateColumn, at: location, field: "header", value: written)
            } else {
              mapped[column] = (position, written)
            }
          } else if !written.isEmpty && !TextFolding.folded(written).hasPrefix("x_") {
            log.add(.unknownColumn(expected: columns), at: location, field: "header", value: written)
          }
        }
        let rows = records[(index + 1)...].filter { !$0.fields.allSatisfy { $0.trimmedNFC.isEmpty } }
        return Table(file: file.name, columns: mapped, rows: Array(rows))
      }
    }
    log.add(
      syntaxError ?? Diagnostic(.noHeaderRow(expected: required, searched: 30), at: InputLocation(file: file.name)))
    return nil
  }

  // MARK: Cells

  /// A number cell (`1,5` or `1.5`); `nil` when empty or (logged) not a number.
  mutating func number(_ table: Table, _ row: (line: Int, fields: [String]), _ column: String) -> FixedDecimal? {
    let text = table.text(row.fields, column)
    guard !text.isEmpty else { return nil }
    return number(text, at: table.location(row.line), field: table.name(column))
  }

  mutating func number(_ text: String, at location: InputLocation, field: String) -> FixedDecimal? {
    // At most 4 decimals, as the JSON file the set becomes is read (docs/FORMATS.md §1).
    switch FixedDecimal.parse(text.replacingPercent, maxFractionDigits: 4) {
    case .success(let value):
      if text.contains(",") && decimalComma == nil { decimalComma = (location, field, text) }
      if text.contains(".") && decimalPoint == nil { decimalPoint = (location, field, text) }
      return value
    case .failure(let error):
      log.add(.number(error), at: location, field: field, value: text)
      return nil
    }
  }

  /// A whole number cell.
  mutating func integer(_ text: String, at location: InputLocation, field: String, range: ClosedRange<Int>) -> Int? {
    guard let value = Int(text), text.allSatisfy(\.isASCII), range.contains(value) else {
      log.add(
        .expectedWholeNumber(from: range.lowerBound, to: range.upperBound), at: location, field: field, value: text)
      return nil
    }
    return value
  }

  /// A date cell (`31/01/2025`, `2025-01-31`).
  mutating func date(_ table: Table, _ row: (line: Int, fields: [String]), _ column: String) -> CalendarDate? {
    let text = table.text(row.fields, column)
    guard !text.isEmpty else { return nil }
    guard let date = CalendarDate(parsing: text) else {
      log.add(.invalidDate, at: table.location(row.line), field: table.name(column), value: text)
      return nil
    }
    return date
  }

  /// A word among `choices` (English names first, then Vietnamese), folded; `nil` when empty or unknown (logged).
  mutating func word<T>(
    _ text: String, _ choices: [(T, [String])], at location: InputLocation, field: String
  ) -> T? {
    guard !text.isEmpty else { return nil }
    let folded = TextFolding.folded(text)
    for (value, words) in choices where words.contains(where: { TextFolding.folded($0) == folded }) { return value }
    log.add(.expectedOneOf(choices.map { $0.1[0] }), at: location, field: field, value: text)
    return nil
  }

  /// The warning when decimals are written both ways: in Vietnamese Excel `.` groups thousands.
  mutating func warnMixedDecimals() {
    guard let comma = decimalComma, let point = decimalPoint else { return }
    log.warn(
      .mixedDecimalSeparators(other: "\(comma.0) \(comma.1) '\(comma.2)'"), at: point.0, field: point.1, value: point.2)
  }
}

extension String {
  /// `98%` → `98`: thresholds may be written as percentages.
  fileprivate var replacingPercent: String {
    hasSuffix("%") ? String(dropLast()).trimmingSpaces.description : self
  }
}
