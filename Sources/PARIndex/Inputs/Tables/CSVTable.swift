/// A year file in CSV text, with its header found and checked, read row by row.
///
/// The header is the first row that holds the file's required columns, whatever the
/// separator (TAB, `;` or `,`, each tried); rows above it — a form's title, blank lines — are
/// skipped. When no row within ``headerSearchRows`` holds them, the row naming the most
/// columns (or the first) is taken as the header and its problems reported.
/// Rows are visited without materialising every field: a plain ASCII field becomes a `String`
/// straight from the file's bytes, others are unquoted, trimmed and normalised to NFC.
struct CSVTable: RowTable {
  /// One row, valid during the visit.
  struct Row: TableRow {
    let record: CSVRecord
    var line: Int { record.line }

    func withPlainBytes<Result>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
      record.needsText(position) ? nil : body(record.trimmedBytes(position))
    }

    func text(_ position: Int?) -> String {
      guard let position else { return "" }
      // One string straight from the bytes, unless quotes must be undone, a no-break space
      // trimmed (ends that are not ASCII) or the text normalised to NFC.
      let bytes = record.trimmedBytes(position)
      if !record.isEscaped(position),
        bytes.isEmpty || (bytes[0] < 0x80 && bytes[bytes.count - 1] < 0x80 && UTF8Text.isSurelyNFC(bytes))
      {
        return String(decoding: bytes, as: UTF8.self)
      }
      return String(record.text(position).trimmingSpaces).nfc
    }
  }

  /// How many non-blank rows are searched for the header.
  static let headerSearchRows = 30

  let reader: CSVReader
  let header: TableHeader
  let origin: TableOrigin
  /// For a large file read in blocks, where its rows are: `reader` then holds only the
  /// file's first block (where the header is), and the rows are read from the file.
  var blocks: Blocks?

  /// A file whose rows are read block by block, never held whole.
  struct Blocks {
    let file: LineBlockFile
    /// How many bytes are read at a time.
    let blockSize: Int
    /// The line feeds from the first data row to the end, counted when the file was checked.
    let bodyLineFeeds: Int
  }
  /// The lines after the header (a data row takes one line or more), but no more than one for
  /// every 16 bytes: a real row is longer, and a small file of blank lines must not claim room
  /// for millions of rows. A row past the estimate only makes the storage grow.
  var rowCountBound: Int {
    if let blocks {
      let byLength = (blocks.file.size - bodyStart) / 16 + 1
      return min(1 + blocks.bodyLineFeeds, byLength)
    }
    return reader.bytes.withUnsafeBufferPointer { bytes in
      guard bodyStart < bytes.count else { return 0 }
      let byLength = (bytes.count - bodyStart) / 16 + 1
      let feeds = CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: bytes[bodyStart...]), atMost: byLength)
      return min(1 + feeds, byLength)
    }
  }

  /// Where the first data row starts, and its line.
  let bodyStart: Int
  let bodyLine: Int

  /// Opens `reader`'s text as a `kind` file: finds the separator and the header, checks it.
  static func open(_ reader: CSVReader, kind: YearFileKind) throws(Diagnostics) -> CSVTable {
    try open(reader, kind: kind, isWhole: true)!
  }

  /// As above; when `reader` holds only the start of the file (`isWhole` false), `nil` unless
  /// the header found is surely the one the whole file gives: a row holding every required
  /// column, with no separator's search stopped by a record that runs past the bytes held.
  static func open(_ reader: CSVReader, kind: YearFileKind, isWhole: Bool) throws(Diagnostics) -> CSVTable? {
    // The separator and header row that hold every required column; the earliest wins.
    var best: (reader: CSVReader, line: Int, cells: [String], end: Int, nextLine: Int)?
    for separator in [UInt8(0x09), UInt8(ascii: ";"), UInt8(ascii: ",")] {
      let candidate = reader.with(separator: separator)
      let found: (line: Int, cells: [String], end: Int, nextLine: Int, hasRequired: Bool)
      do { found = try candidate.findHeader(kind: kind) } catch {
        if !isWhole { return nil }
        continue
      }
      if found.hasRequired && (best == nil || found.line < best!.line) {
        best = (candidate, found.line, found.cells, found.end, found.nextLine)
      }
    }
    if best == nil && !isWhole { return nil }
    if best == nil {
      // No row holds them: take the row naming most columns, or the first, and say what is wrong.
      let fallback = reader.with(separator: reader.separator)
      let found: (line: Int, cells: [String], end: Int, nextLine: Int, hasRequired: Bool)
      do { found = try fallback.findHeader(kind: kind) } catch { throw Diagnostics([error]) }
      guard !found.cells.isEmpty else {
        throw Diagnostics([
          Diagnostic(.emptyFile(expected: kind.required.map(\.rawValue)), at: InputLocation(file: reader.file))
        ])
      }
      best = (fallback, found.line, found.cells, found.end, found.nextLine)
    }
    let chosen = best!
    var log = DiagnosticLog()
    let header = TableHeader.read(chosen.cells, line: chosen.line, kind: kind, log: &log) { _ in
      InputLocation(file: reader.file, place: .line(chosen.line))
    }
    try log.throwIfAny()
    return CSVTable(
      reader: chosen.reader, header: header, origin: TableOrigin(file: reader.file, sheet: nil, header: header),
      bodyStart: chosen.end, bodyLine: chosen.nextLine)
  }

  /// Opens `bytes` (UTF-8 text) as a `kind` file.
  static func open(file: String, bytes: [UInt8], kind: YearFileKind) throws(Diagnostics) -> CSVTable {
    let reader: CSVReader
    do { reader = try CSVReader(file: file, bytes: bytes) } catch { throw Diagnostics([error]) }
    return try open(reader, kind: kind)
  }

  func forEachRow(log: inout DiagnosticLog, _ body: (Row, inout DiagnosticLog) -> Void) {
    let first = header.kind.required.first.flatMap { header.position($0) }
    var shape = RowShapeCheck(header: header, file: origin.file, separator: reader.separator)
    func visit(_ record: CSVRecord) {
      guard shape.admits(record, log: &log) else { return }
      let row = Row(record: record)
      if let first, record.needsText(first) || TableHeader.mayBeName(record.trimmedBytes(first)),
        header.isRepeated({ row.text($0) })
      {
        log.add(
          .repeatedHeader(firstLine: header.line), at: InputLocation(file: origin.file, place: .line(record.line)))
        return
      }
      body(row, &log)
    }
    var failure: Diagnostic?
    do throws(Diagnostic) {
      if let blocks {
        var line = bodyLine
        try blocks.file.forEachBlock(of: bodyStart..<blocks.file.size, blockSize: blocks.blockSize) {
          (block, _, isLast) throws(Diagnostic) -> Int? in
          let stop = try CSVReader.forEachRecord(
            in: block, range: 0..<block.count, firstLine: line, separator: reader.separator, file: reader.file,
            isLast: isLast, visit)
          line = stop.line
          return stop.offset
        }
      } else {
        try reader.forEachRecord(in: bodyStart..<reader.bytes.count, firstLine: bodyLine, visit)
      }
    } catch {
      failure = error
    }
    // Checked whole before, read in blocks now: the same bytes only if the file stayed as it
    // was. A file cut or rewritten under the reader also gives errors at lines it never had:
    // the change is what to tell.
    if let blocks, !blocks.file.isUnchanged {
      log.add(Diagnostic(.fileChangedWhileRead, at: InputLocation(file: origin.file)))
    } else if let failure {
      log.add(failure)
    }
  }
}

extension CSVReader {
  /// The first row within ``CSVTable/headerSearchRows`` that holds every required column of
  /// `kind` with this reader's separator; else the row naming the most columns (at least
  /// two), else the first non-blank row. `end` is the offset just after it, `nextLine` the
  /// line there.
  func findHeader(
    kind: YearFileKind
  ) throws(Diagnostic)
    -> (line: Int, cells: [String], end: Int, nextLine: Int, hasRequired: Bool)
  {
    typealias Candidate = (line: Int, cells: [String], end: Int, nextLine: Int)
    var first: Candidate?
    var mostNamed: (candidate: Candidate, count: Int)?
    var found: Candidate?
    var rows = 0
    var index = start
    var line = 1
    try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
      var record = CSVRecord(buffer: buffer)
      while index < buffer.count && rows < CSVTable.headerSearchRows && found == nil {
        record.line = line
        switch CSVSplitter.split(
          buffer, from: index, to: buffer.count, separator: separator, mode: .general, into: &record.spans, line: &line)
        {
        case .record(let next): index = next
        case .unclosedQuote(let at): throw Diagnostic(.unclosedQuote, at: InputLocation(file: file, place: .line(at)))
        case .textAfterQuote(let at):
          throw Diagnostic(.textAfterClosingQuote, at: InputLocation(file: file, place: .line(at)))
        case .needsGeneralReader: return
        }
        if record.isBlank { continue }
        rows += 1
        let cells = (0..<record.count).map { record.text($0) }
        let recognition = TableHeader.recognition(cells, kind: kind)
        let candidate = (record.line, cells, index, line)
        if first == nil { first = candidate }
        if recognition.hasRequired {
          found = candidate
        } else if recognition.count >= 2 && recognition.count > (mostNamed?.count ?? 0) {
          mostNamed = (candidate, recognition.count)
        }
      }
    }
    if let found { return (found.line, found.cells, found.end, found.nextLine, true) }
    if let best = mostNamed?.candidate ?? first { return (best.line, best.cells, best.end, best.nextLine, false) }
    return (1, [], bytes.count, line, false)
  }
}
