import Foundation

/// What a worksheet cell holds, as the workbook stored it.
enum CellValue: Sendable, Hashable {
  case empty
  /// A shared or inline string, a formula's text result.
  case text(String)
  /// A number, with its cell's number format (a percentage, a date, …).
  case number(ExcelNumber, NumberFormat)
  case boolean(Bool)
  /// An error value: `#N/A`, `#DIV/0!`, `#VALUE!`, `#REF!`…
  case error(String)
  /// An ISO 8601 date cell (`t="d"`), as some writers store dates.
  case isoDate(String)
  /// A formula whose result was never computed and saved.
  case formulaWithoutValue
}

/// A cell as a sheet stores it: where its bytes are (in its ``RowBatch``), its type and style.
struct SheetCell: Sendable {
  /// Counted from 0 (A).
  var column: Int
  var kind: SheetCellKind
  var style: Int
  var hasFormula: Bool
  var start: Int
  var end: Int
}

/// Rows of a worksheet read one after another, in three buffers shared by all of them: the
/// rows' numbers, their cells, and the bytes of every cell's value (`<v>`, or an inline
/// string's text). Kept as bytes until asked for (``SheetRow/value(_:in:)``): reading the
/// sheet does no more than it must, and a batch of thousands of rows is a few allocations.
struct RowBatch: Sendable {
  var numbers: [Int] = []
  /// Where each row's cells begin in `cells`.
  var firstCells: [Int] = []
  var cells: [SheetCell] = []
  var bytes: [UInt8] = []

  var count: Int { numbers.count }

  mutating func removeAll() {
    numbers.removeAll(keepingCapacity: true)
    firstCells.removeAll(keepingCapacity: true)
    cells.removeAll(keepingCapacity: true)
    bytes.removeAll(keepingCapacity: true)
  }

  /// Row `index` of the batch.
  func row(_ index: Int) -> SheetRow {
    let end = index + 1 < firstCells.count ? firstCells[index + 1] : cells.count
    return SheetRow(number: numbers[index], cells: cells[firstCells[index]..<end], bytes: bytes)
  }
}

/// One row of a worksheet: its number and its non-empty cells, left to right.
struct SheetRow: Sendable {
  /// The row's number (1 for the first).
  var number: Int
  var cells: ArraySlice<SheetCell>
  /// The batch's bytes (the cells' offsets point into them).
  var bytes: [UInt8]

  /// The value of `cell`, as the workbook means it; `nil` when it cannot be what the workbook
  /// says (a shared-string index out of range, a number that is not one).
  func value(_ cell: SheetCell, in workbook: Workbook) -> CellValue? {
    bytes.withUnsafeBufferPointer { all in
      let value = UnsafeBufferPointer(rebasing: all[cell.start..<cell.end])
      if value.isEmpty && cell.kind != .inlineString { return cell.hasFormula ? .formulaWithoutValue : .empty }
      switch cell.kind {
      case .sharedString:
        guard let index = SheetParser.integer(value), index < workbook.sharedStrings.count else { return nil }
        return .text(workbook.sharedStrings[index])
      case .string, .inlineString:
        return value.isEmpty
          ? (cell.hasFormula ? .formulaWithoutValue : .empty) : .text(String(decoding: value, as: UTF8.self))
      case .boolean:
        return .boolean(
          value.count == 1 && value[0] == UInt8(ascii: "1")
            || String(decoding: value, as: UTF8.self).lowercased() == "true")
      case .error: return .error(String(decoding: value, as: UTF8.self))
      case .isoDate: return .isoDate(String(decoding: value, as: UTF8.self))
      case .number:
        guard let number = ExcelNumber.parse(value) else { return nil }
        return .number(number, cell.style < workbook.formats.count ? workbook.formats[cell.style] : .general)
      }
    }
  }
}

/// A cell's `t`.
enum SheetCellKind: Sendable { case number, sharedString, string, inlineString, boolean, error, isoDate }

/// Streaming a worksheet's XML, as it is inflated, into rows: memory holds one row and the
/// inflate window, never the sheet.
enum SheetStream {
  /// Calls `body` with each row of `sheet` in order; `body` returns false to stop.
  /// - Throws: a ``Diagnostic`` when the sheet is damaged or beyond a limit.
  /// - Parameters:
  ///   - pipelined: read on a second thread (`nil`: when the machine has two cores and the
  ///     sheet is larger than 1 MiB compressed). The rows are the same either way.
  ///   - rowsPerBatch: how many rows the second thread hands on at a time.
  static func rows(
    of sheet: Workbook.Sheet, in workbook: Workbook, pipelined: Bool? = nil, rowsPerBatch: Int = RowChannel.batchSize,
    _ body: (SheetRow) -> Bool
  ) throws(Diagnostic) {
    // A large sheet is inflated and parsed on a second core while the caller reads its rows.
    let large = (workbook.archive.entry(matching: sheet.part)?.compressedSize ?? 0) > 1 << 20
    if pipelined ?? (Parallel.width > 1 && large) {
      return try self.pipelined(sheet, workbook, rowsPerBatch: rowsPerBatch, body)
    }
    try read(sheet, workbook, rowsPerBatch: 1) { batch in
      for index in 0..<batch.count where !body(batch.row(index)) { return false }
      return true
    }
  }

  /// Reads the rows on a second thread, in batches passed through a small queue: the caller's
  /// work on a row (turning cells into text, checking and keeping it) overlaps the inflating
  /// and tokenizing of the next ones. Memory holds at most a few batches.
  private static func pipelined(
    _ sheet: Workbook.Sheet, _ workbook: Workbook, rowsPerBatch: Int, _ body: (SheetRow) -> Bool
  ) throws(Diagnostic) {
    let channel = RowChannel(capacity: 4)
    let producer = Thread {
      do throws(Diagnostic) {
        try read(sheet, workbook, rowsPerBatch: rowsPerBatch) { channel.put($0) }
        channel.finish(nil)
      } catch {
        channel.finish(error)
      }
    }
    producer.stackSize = 1 << 22
    producer.start()
    var stopped = false
    while let batch = channel.take() {
      guard !stopped else { continue }
      for index in 0..<batch.count where !body(batch.row(index)) {
        stopped = true
        channel.cancel()
        break
      }
    }
    if let error = channel.failure, !stopped { throw error }
  }

  /// Reads the rows on the calling thread, handing them to `flush` in batches of
  /// `rowsPerBatch` (the last may be smaller); `flush` returns false to stop.
  private static func read(
    _ sheet: Workbook.Sheet, _ workbook: Workbook, rowsPerBatch: Int, _ flush: (RowBatch) -> Bool
  ) throws(Diagnostic) {
    func fail(_ message: Message) -> Diagnostic { Diagnostic(message, at: InputLocation(file: workbook.file)) }
    guard let entry = workbook.archive.entry(matching: sheet.part) else { throw fail(.workbookPartMissing(sheet.part)) }
    var tokenizer = XMLTokenizer()
    var parser = SheetParser(
      names: WorkbookNames(&tokenizer), workbook: workbook, part: sheet.part, rowsPerBatch: rowsPerBatch)
    var xmlError: XMLError?
    do throws(ZIPError) {
      try workbook.archive.stream(entry) { chunk in
        do throws(XMLError) {
          try feed(&tokenizer, chunk, &parser, flush)
        } catch {
          xmlError = error
          return false
        }
        return !parser.stopped
      }
      if xmlError == nil && !parser.stopped {
        do throws(XMLError) { try finish(&tokenizer, &parser, flush) } catch { xmlError = error }
      }
      if xmlError == nil && !parser.stopped && parser.batch.count > 0 { _ = flush(parser.batch) }
    } catch {
      throw fail(Workbook.message(for: error))
    }
    if let xmlError { throw fail(Workbook.message(for: xmlError, part: sheet.part)) }
    if let damage = parser.misplaced { throw fail(.damagedWorkbook(damage)) }
  }

  // The tokenizer and the parser passed in-out, not captured: no box and no run-time
  // exclusivity check on every one of the sheet's millions of events.
  private static func feed(
    _ tokenizer: inout XMLTokenizer, _ chunk: UnsafeRawBufferPointer, _ parser: inout SheetParser,
    _ flush: (RowBatch) -> Bool
  ) throws(XMLError) {
    try tokenizer.feed(chunk) { event in parser.handle(event, flush) }
  }

  private static func finish(
    _ tokenizer: inout XMLTokenizer, _ parser: inout SheetParser, _ flush: (RowBatch) -> Bool
  )
    throws(XMLError)
  {
    try tokenizer.finish { event in parser.handle(event, flush) }
  }
}

/// Batches of rows from the thread that reads a sheet to the one that uses them.
final class RowChannel: @unchecked Sendable {
  static let batchSize = 2048
  // Unchecked: every field is read and written under `condition`.
  private let condition = NSCondition()
  private var batches: [RowBatch] = []
  private let capacity: Int
  private var finished = false
  private var cancelled = false
  private(set) var failure: Diagnostic?

  init(capacity: Int) { self.capacity = capacity }

  /// Queues a batch, waiting while the queue is full; false once the reader was cancelled.
  func put(_ batch: RowBatch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while batches.count >= capacity && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    batches.append(batch)
    condition.broadcast()
    return true
  }

  /// The next batch, waiting for it; nil once the reader finished and the queue is empty.
  func take() -> RowBatch? {
    condition.lock()
    defer { condition.unlock() }
    while batches.isEmpty && !finished { condition.wait() }
    guard !batches.isEmpty else { return nil }
    condition.broadcast()
    return batches.removeFirst()
  }

  func finish(_ error: Diagnostic?) {
    condition.lock()
    (finished, failure) = (true, error)
    condition.broadcast()
    condition.unlock()
  }

  /// The user of the rows stopped: the reader stops at its next batch.
  func cancel() {
    condition.lock()
    cancelled = true
    batches.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}

/// The state of reading `<sheetData>`: the row and the cell being read.
struct SheetParser {

  let names: WorkbookNames
  let workbook: Workbook
  /// The sheet's part, for a message.
  let part: String
  /// Rows read and not yet handed on.
  var batch = RowBatch()
  let rowsPerBatch: Int
  /// The number of the row being read (or last read).
  var rowNumber = 0
  var inRow = false
  var column = -1
  var style = 0
  var kind = SheetCellKind.number
  var valueStart = 0
  var hasFormula = false
  var inCell = false
  var inValue = false
  var inInline = false
  var textDepth = 0
  var phoneticDepth = 0
  /// The receiver of the rows asked to stop: no more rows are passed on.
  var stopped = false
  /// The first row or cell whose reference breaks the sheet's order (a row numbered 0, or not
  /// after the one before; a cell left of the one before): the file is damaged, and reading
  /// on would drop or misplace it without a word.
  var misplaced: Message.WorkbookDamage?

  init(names: WorkbookNames, workbook: Workbook, part: String, rowsPerBatch: Int) {
    (self.names, self.workbook, self.part, self.rowsPerBatch) = (names, workbook, part, rowsPerBatch)
  }

  mutating func handle(_ event: XMLEvent, _ flush: (RowBatch) -> Bool) {
    guard !stopped else { return }
    switch event {
    case .startElement(let element):
      let name = element.name
      if names.isMain(name, names.cell) {
        if let reference = element.attributes[names.reference] {
          guard let stated = Self.column(of: reference), stated > column, stated < ExcelGrid.columns else {
            return stop(.cellOutOfOrder(part: part, reference: Self.shown(reference), row: rowNumber))
          }
          column = stated
        } else {
          column += 1
        }
        style = element.attributes[names.style]?.decimalInteger ?? 0
        kind = Self.kind(element.attributes[names.cellType])
        (hasFormula, inCell, inValue, inInline, textDepth, phoneticDepth) = (false, true, false, false, 0, 0)
        valueStart = batch.bytes.count
      } else if inCell {
        if names.isMain(name, names.value) {
          inValue = true
        } else if names.isMain(name, names.formula) {
          hasFormula = true
        } else if names.isMain(name, names.inlineString) {
          inInline = true
        } else if names.isMain(name, names.phonetic) {
          phoneticDepth += 1
        } else if names.isMain(name, names.text) {
          textDepth += 1
        }
      } else if names.isMain(name, names.row) {
        if let reference = element.attributes[names.reference] {
          guard let stated = reference.decimalInteger, stated > rowNumber, stated <= ExcelGrid.rows else {
            return stop(.rowOutOfOrder(part: part, reference: Self.shown(reference), previous: rowNumber))
          }
          rowNumber = stated
        } else {
          rowNumber += 1
        }
        batch.numbers.append(rowNumber)
        batch.firstCells.append(batch.cells.count)
        (inRow, column) = (true, -1)
      }
    case .text(let bytes):
      if inValue || (inInline && textDepth > 0 && phoneticDepth == 0) { batch.bytes.append(contentsOf: bytes.buffer) }
    case .endElement(let name):
      if names.isMain(name, names.cell) {
        inCell = false
        // An empty cell (a style and nothing else) is not kept.
        if inRow, batch.bytes.count > valueStart || hasFormula || kind == .inlineString {
          batch.cells.append(
            SheetCell(
              column: column, kind: kind, style: style, hasFormula: hasFormula, start: valueStart,
              end: batch.bytes.count))
        }
      } else if inCell {
        if names.isMain(name, names.value) {
          inValue = false
        } else if names.isMain(name, names.inlineString) {
          inInline = false
        } else if names.isMain(name, names.phonetic) {
          phoneticDepth -= 1
        } else if names.isMain(name, names.text) {
          textDepth -= 1
        }
      } else if names.isMain(name, names.row), inRow {
        inRow = false
        if batch.count >= rowsPerBatch {
          if !flush(batch) { stopped = true }
          // A batch handed to another thread keeps its buffers; this one starts new ones.
          if rowsPerBatch > 1 {
            let (cells, bytes) = (batch.cells.count, batch.bytes.count)
            batch = RowBatch()
            batch.numbers.reserveCapacity(rowsPerBatch)
            batch.firstCells.reserveCapacity(rowsPerBatch)
            batch.cells.reserveCapacity(cells)
            batch.bytes.reserveCapacity(bytes)
          } else {
            batch.removeAll()
          }
        }
      }
    }
  }

  static func kind(_ attribute: XMLBytes?) -> SheetCellKind {
    guard let attribute else { return .number }
    if attribute.equals("s") { return .sharedString }
    if attribute.equals("str") { return .string }
    if attribute.equals("inlineStr") { return .inlineString }
    if attribute.equals("b") { return .boolean }
    if attribute.equals("e") { return .error }
    if attribute.equals("d") { return .isoDate }
    return .number
  }

  /// Stops reading at a misplaced row or cell.
  private mutating func stop(_ damage: Message.WorkbookDamage) {
    misplaced = damage
    stopped = true
  }

  /// A reference as the message shows it (at most 20 bytes: it comes from a damaged file).
  static func shown(_ reference: XMLBytes) -> String {
    Diagnostic.shown(String(decoding: reference.buffer.prefix(20), as: UTF8.self))
  }

  /// The column of a reference `C14` (A = 0).
  static func column(of reference: XMLBytes) -> Int? {
    var column = 0
    var letters = 0
    for index in 0..<reference.count {
      let byte = reference[index] | 0x20
      guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { break }
      column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
      letters += 1
      if letters > 3 { return nil }
    }
    return letters > 0 ? column - 1 : nil
  }

  static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
    var result = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      result = result * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return result
  }
}
