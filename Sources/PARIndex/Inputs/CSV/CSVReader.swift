#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV reader for what Vietnamese Excel and other tools write (RFC 4180 and then some),
/// over UTF-8 text (other encodings are decoded before, by ``TextDecoding``).
///
/// - The separator, `,`, `;` or TAB, is given by the caller (a table finds its header with
///   each) or, by default, whichever splits the first line into the most fields.
/// - Records are split by ``CSVSplitter``; line numbers are physical lines, header = 1.
///
/// The reader works on the bytes; a field becomes a `String` only when asked for
/// (``CSVRecord/text(_:)``), so large files are read without a string per field.
package struct CSVReader: Sendable {
  /// The file name used in error messages.
  let file: String
  /// `,`, `;` or TAB.
  let separator: UInt8
  let bytes: [UInt8]
  /// Where the text starts (after a UTF-8 byte order mark).
  let start: Int

  /// Prepares `bytes` (a whole file) for reading.
  /// - Throws: a ``Diagnostic`` when the bytes are not UTF-8 text.
  package init(file: String, bytes: [UInt8], separator: UInt8? = nil) throws(Diagnostic) {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let invalid = bytes.withUnsafeBufferPointer {
      UTF8Text.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: $0[start...]))
    }
    if let invalid {
      let offset = start + invalid
      let line = 1 + bytes.withUnsafeBufferPointer { Self.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[..<offset])) }
      throw Self.notUTF8(file: file, line: line, offset: offset, byte: bytes[offset])
    }
    self.init(validated: bytes, file: file, separator: separator)
  }

  /// A reader of bytes already known to be UTF-8.
  init(validated bytes: [UInt8], file: String, separator: UInt8? = nil) {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    (self.file, self.bytes, self.start) = (file, bytes, start)
    self.separator = separator ?? bytes.withUnsafeBufferPointer { CSVSplitter.mostFrequentSeparator($0, from: start) }
  }

  /// The same text with another separator.
  func with(separator: UInt8) -> CSVReader { CSVReader(validated: bytes, file: file, separator: separator) }

  /// The line feeds in `bytes`, counted up to `limit`. A byte that breaks UTF-8 is placed on
  /// line 1 + the line feeds before it, however the file is read.
  static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>, atMost limit: Int = .max) -> Int {
    // `memchr` from one feed to the next: a byte at a time costs four times the instructions
    // over a whole file.
    guard let base = bytes.baseAddress, limit > 0 else { return 0 }
    var (count, offset) = (0, 0)
    while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
      offset = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
      count += 1
      if count == limit { break }
    }
    return count
  }

  /// The error for a byte that breaks UTF-8 at `offset` (on `line`).
  static func notUTF8(file: String, line: Int, offset: Int, byte: UInt8) -> Diagnostic {
    Diagnostic(.notUTF8(byte: byte, offset: offset), at: InputLocation(file: file, place: .line(line)))
  }

  /// Calls `body` with each record (header first), skipping lines that hold nothing.
  ///
  /// The record passed is reused between calls: copy what you keep.
  /// - Throws: a ``Diagnostic`` for a quoted field that is never closed or has text after
  ///   its closing quote; or what `body` throws.
  package func forEachRecord(_ body: (CSVRecord) throws(Diagnostic) -> Void) throws(Diagnostic) {
    try forEachRecord(in: start..<bytes.count, firstLine: 1, body)
  }

  /// Calls `body` with each record of `range`, which must start at the beginning of a record;
  /// `firstLine` is the line number at `range.lowerBound`.
  func forEachRecord(
    in range: Range<Int>, firstLine: Int, _ body: (CSVRecord) throws(Diagnostic) -> Void
  ) throws(Diagnostic) {
    var end = 0
    try forEachRecord(in: range, firstLine: firstLine, maxRecords: .max, end: &end, body)
  }

  /// As above, stopping after `maxRecords` records that are not blank; `end` is where it stopped.
  func forEachRecord(
    in range: Range<Int>, firstLine: Int, maxRecords: Int, end stoppedAt: inout Int,
    _ body: (CSVRecord) throws(Diagnostic) -> Void
  ) throws(Diagnostic) {
    stoppedAt = try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) -> Int in
      try Self.forEachRecord(
        in: buffer, range: range, firstLine: firstLine, separator: separator, file: file, maxRecords: maxRecords, body
      ).offset
    }
  }

  /// Calls `body` with each record of `buffer[range]` (which starts at the beginning of a
  /// record, on `firstLine`) that is not blank, up to `maxRecords` of them; returns the offset
  /// and line where the visit stopped.
  ///
  /// For a block of a file read in pieces (`isLast` false), a record that may go on past the
  /// block — a quoted field still open, no line feed at its end — is not visited: the visit
  /// stops at its start, to be taken up again with the next block.
  static func forEachRecord(
    in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, firstLine: Int, separator: UInt8, file: String,
    isLast: Bool = true, maxRecords: Int = .max, _ body: (CSVRecord) throws(Diagnostic) -> Void
  ) throws(Diagnostic) -> (offset: Int, line: Int) {
    var records = 0
    var record = CSVRecord(buffer: buffer)
    var index = range.lowerBound
    var line = firstLine
    while index < range.upperBound {
      let (recordStart, recordLine) = (index, line)
      record.line = line
      switch CSVSplitter.split(
        buffer, from: index, to: range.upperBound, separator: separator, mode: .general, into: &record.spans,
        line: &line)
      {
      case .record(let next):
        if !isLast && next == range.upperBound && buffer[next - 1] != 0x0A { return (recordStart, recordLine) }
        index = next
      case .unclosedQuote(let at):
        if !isLast { return (recordStart, recordLine) }
        throw Diagnostic(.unclosedQuote, at: InputLocation(file: file, place: .line(at)))
      case .textAfterQuote(let at):
        throw Diagnostic(.textAfterClosingQuote, at: InputLocation(file: file, place: .line(at)))
      case .needsGeneralReader: preconditionFailure("the general mode reads every record")
      }
      if !record.isBlank {
        try body(record)
        records += 1
        if records >= maxRecords { return (index, line) }
      }
    }
    return (index, line)
  }

  /// All records as text, header first. Convenient for small files.
  func records() throws(Diagnostic) -> [(line: Int, fields: [String])] {
    var result: [(line: Int, fields: [String])] = []
    try forEachRecord { (record: CSVRecord) throws(Diagnostic) in
      result.append((record.line, (0..<record.count).map { record.text($0) }))
    }
    return result
  }

  /// The number of line breaks in `range`: LF, CRLF (once) and a lone CR, as records count them.
  func lineBreaks(in range: Range<Int>) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      var total = 0
      for index in range {
        if buffer[index] == 0x0A || (buffer[index] == 0x0D && (index + 1 >= buffer.count || buffer[index + 1] != 0x0A))
        {
          total += 1
        }
      }
      return total
    }
  }
}

/// One record of a CSV file: its line and the byte spans of its fields.
///
/// Holds a pointer into the reader's buffer: valid only inside the closure it is passed to.
package struct CSVRecord {
  let buffer: UnsafeBufferPointer<UInt8>
  var spans: [CSVSplitter.Span] = []
  /// The physical line on which the record starts (the header is line 1).
  var line = 0

  init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

  /// The number of fields.
  package var count: Int { spans.count }

  /// The field's text exactly as in the file (quotes undone), or `""` past the last field.
  func text(_ field: Int) -> String {
    guard field < spans.count else { return "" }
    let span = spans[field]
    let raw = UnsafeBufferPointer(rebasing: buffer[span.start..<span.end])
    if !span.escaped { return String(decoding: raw, as: UTF8.self) }
    var unescaped: [UInt8] = []
    unescaped.reserveCapacity(raw.count)
    var index = 0
    while index < raw.count {
      unescaped.append(raw[index])
      index += raw[index] == UInt8(ascii: "\"") ? 2 : 1
    }
    return String(decoding: unescaped, as: UTF8.self)
  }

  /// The field's raw bytes (quotes not undone), for byte-level parsing of numbers and ids.
  func withBytes<R>(_ field: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    guard field < spans.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    let span = spans[field]
    return try body(UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]))
  }

  /// True when the field is quoted with doubled quotes or holds non-ASCII bytes: it must go
  /// through `String` (to undo the quotes, or to normalise to NFC) before it is compared.
  func needsText(_ field: Int) -> Bool {
    guard field < spans.count else { return false }
    let span = spans[field]
    return span.escaped || span.high
  }

  /// True when the field is quoted with doubled quotes to undo.
  func isEscaped(_ field: Int) -> Bool { field < spans.count && spans[field].escaped }

  /// The field's bytes without surrounding spaces and tabs (quotes not undone).
  func trimmedBytes(_ field: Int) -> UnsafeBufferPointer<UInt8> {
    guard field < spans.count else { return UnsafeBufferPointer(start: nil, count: 0) }
    var start = spans[field].start
    var end = spans[field].end
    while start < end && ASCII.isSpace(buffer[start]) { start += 1 }
    while end > start && ASCII.isSpace(buffer[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: buffer[start..<end])
  }

  /// True when every field is empty or holds only cell spaces (`Unicode.Scalar.isCellSpace`).
  var isBlank: Bool {
    var sawNonASCII = false
    for span in spans {
      for index in span.start..<span.end {
        let byte = buffer[index]
        if byte >= 0x80 { sawNonASCII = true } else if !ASCII.isSpace(byte) { return false }
      }
    }
    // Only ASCII spaces: blank. Non-ASCII bytes may be no-break spaces: ask the text.
    return !sawNonASCII || (0..<spans.count).allSatisfy { isEmptyField($0) }
  }

  /// True when the field trims to nothing, by the same rule as its text
  /// (no-break spaces and a stray byte order mark count as spaces).
  func isEmptyField(_ field: Int) -> Bool {
    needsText(field) ? text(field).trimmingSpaces.isEmpty : trimmedBytes(field).isEmpty
  }
}
