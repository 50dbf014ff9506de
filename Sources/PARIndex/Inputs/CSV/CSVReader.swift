/// A CSV reader for what Vietnamese Excel and other tools write (RFC 4180 and then some).
///
/// - UTF-8 with or without a byte order mark; anything else is rejected with the line of the
///   first bad byte (a Windows-1258 file is named as such a likely cause).
/// - The separator, `,` or `;`, is whichever occurs more often outside quotes in the header.
/// - Quoted fields may hold separators, `""` for a quote, and line breaks.
/// - Lines end with LF, CRLF or a lone CR. Line numbers are physical lines, header = 1.
///
/// The reader works on the bytes; a field becomes a `String` only when asked for
/// (``CSVRecord/text(_:)``), so large files are read without a string per field.
public struct CSVReader: Sendable {
  /// The file name used in error messages.
  public let file: String
  /// `,` or `;`.
  public let separator: UInt8
  let bytes: [UInt8]
  let start: Int

  /// Prepares `bytes` (a whole file) for reading.
  /// - Throws: an ``Diagnostic`` when the bytes are not UTF-8 text.
  public init(file: String, bytes: [UInt8]) throws(Diagnostic) {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let invalid = bytes.withUnsafeBufferPointer { UTF8Text.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: $0[start...])) }
    if let invalid {
      let offset = start + invalid
      let line = 1 + bytes.withUnsafeBufferPointer { Self.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[..<offset])) }
      throw Self.notUTF8(file: file, line: line, offset: offset, byte: bytes[offset])
    }
    self.file = file
    self.bytes = bytes
    self.start = start
    separator = Self.detectSeparator(bytes, from: start)
  }

  /// The line feeds in `bytes`. A byte that breaks UTF-8 is placed on line 1 + the line feeds
  /// before it, however the file is read.
  static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    for byte in bytes where byte == 0x0A { count += 1 }
    return count
  }

  /// The error for a byte that breaks UTF-8 at `offset` (on `line`).
  static func notUTF8(file: String, line: Int, offset: Int, byte: UInt8) -> Diagnostic {
    Diagnostic(.notUTF8(byte: byte, offset: offset), at: InputLocation(file: file, place: .line(line)))
  }

  /// Calls `body` with each record (header first), skipping lines that hold nothing.
  ///
  /// The record passed is reused between calls: copy what you keep.
  /// - Throws: an ``Diagnostic`` for a quoted field that is never closed or has text after
  ///   its closing quote; or what `body` throws.
  public func forEachRecord(_ body: (CSVRecord) throws(Diagnostic) -> Void) throws(Diagnostic) {
    try forEachRecord(in: start..<bytes.count, firstLine: 1, body)
  }

  /// Calls `body` with each record of `range`, which must start at the beginning of a record;
  /// `firstLine` is the line number at `range.lowerBound`.
  func forEachRecord(in range: Range<Int>, firstLine: Int, _ body: (CSVRecord) throws(Diagnostic) -> Void) throws(Diagnostic) {
    var end = 0
    try forEachRecord(in: range, firstLine: firstLine, maxRecords: .max, end: &end, body)
  }

  /// As above, stopping after `maxRecords` records that are not blank; `end` is where it stopped.
  func forEachRecord(
    in range: Range<Int>, firstLine: Int, maxRecords: Int, end stoppedAt: inout Int, _ body: (CSVRecord) throws(Diagnostic) -> Void
  ) throws(Diagnostic) {
    var records = 0
    stoppedAt = try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) -> Int in
      var record = CSVRecord(buffer: buffer)
      var index = range.lowerBound
      var line = firstLine
      let end = range.upperBound
      let quote = UInt8(ascii: "\"")
      while index < end {
        record.spans.removeAll(keepingCapacity: true)
        record.line = line
        var atRecordEnd = false
        while !atRecordEnd {
          if index < end && buffer[index] == quote {
            // Quoted field: up to the quote that is not doubled.
            let fieldStart = index + 1
            var cursor = fieldStart
            var escaped = false
            var closed = false
            while cursor < end {
              let byte = buffer[cursor]
              if byte == quote {
                if cursor + 1 < end && buffer[cursor + 1] == quote {
                  escaped = true
                  cursor += 2
                  continue
                }
                closed = true
                break
              }
              if byte == 0x0A { line += 1 }
              cursor += 1
            }
            guard closed else {
              throw Diagnostic(.unclosedQuote, at: InputLocation(file: file, place: .line(record.line)))
            }
            record.spans.append(CSVRecord.Span(start: fieldStart, end: cursor, escaped: escaped))
            index = cursor + 1
            if index < end, buffer[index] != separator, buffer[index] != 0x0A, buffer[index] != 0x0D {
              throw Diagnostic(.textAfterClosingQuote, at: InputLocation(file: file, place: .line(line)))
            }
          } else {
            let fieldStart = index
            while index < end, buffer[index] != separator, buffer[index] != 0x0A, buffer[index] != 0x0D {
              index += 1
            }
            record.spans.append(CSVRecord.Span(start: fieldStart, end: index, escaped: false))
          }
          // Here index is at a separator, a line break or the end.
          if index < end && buffer[index] == separator {
            index += 1
          } else {
            if index < end {
              if buffer[index] == 0x0D && index + 1 < end && buffer[index + 1] == 0x0A { index += 1 }
              index += 1
              line += 1
            }
            atRecordEnd = true
          }
        }
        if !record.isBlank {
          try body(record)
          records += 1
          if records >= maxRecords { return index }
        }
      }
      return index
    }
  }

  /// All records as text, header first. Convenient for small files.
  public func records() throws(Diagnostic) -> [(line: Int, fields: [String])] {
    var result: [(line: Int, fields: [String])] = []
    try forEachRecord { (record: CSVRecord) throws(Diagnostic) in
      result.append((record.line, (0..<record.count).map { record.text($0) }))
    }
    return result
  }

  /// The offset just after the header — the first record that is not blank — with its line
  /// break, found by the same rules as every record (a quote opens a field only at its start).
  func headerEnd() throws(Diagnostic) -> Int {
    var end = bytes.count
    try forEachRecord(in: start..<bytes.count, firstLine: 1, maxRecords: 1, end: &end) { (_: CSVRecord) throws(Diagnostic) in }
    return end
  }

  /// The number of line breaks in `range`: LF, CRLF (once) and a lone CR, as records count them.
  func lineBreaks(in range: Range<Int>) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      var total = 0
      for index in range {
        if buffer[index] == 0x0A || (buffer[index] == 0x0D && (index + 1 >= buffer.count || buffer[index + 1] != 0x0A)) { total += 1 }
      }
      return total
    }
  }

  /// `;` when the header has more semicolons than commas outside quotes, else `,`. A quote
  /// opens a quoted field only at a field's start (as when records are read); blank lines
  /// before the header are skipped.
  static func detectSeparator(_ bytes: [UInt8], from start: Int) -> UInt8 {
    var commas = 0
    var semicolons = 0
    var inQuotes = false
    var atFieldStart = true
    var sawText = false
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if inQuotes {
        if byte == UInt8(ascii: "\"") {
          if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") { index += 1 } else { inQuotes = false }
        }
      } else if byte == 0x0A || byte == 0x0D {
        if sawText { break }
        atFieldStart = true
        index += 1
        continue
      } else if byte == UInt8(ascii: "\"") && atFieldStart {
        inQuotes = true
      } else if byte == UInt8(ascii: ",") {
        commas += 1
      } else if byte == UInt8(ascii: ";") {
        semicolons += 1
      }
      if !ASCII.isSpace(byte) { sawText = true }
      atFieldStart = !inQuotes && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";"))
      index += 1
    }
    return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
  }
}

/// One record of a CSV file: its line and the byte spans of its fields.
public struct CSVRecord {
  struct Span {
    var start: Int
    var end: Int
    /// The field holds doubled quotes to undo.
    var escaped: Bool
  }

  let buffer: UnsafeBufferPointer<UInt8>
  var spans: [Span] = []
  /// The physical line on which the record starts (the header is line 1).
  public internal(set) var line = 0

  init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

  /// The number of fields.
  public var count: Int { spans.count }

  /// The field's text exactly as in the file (quotes undone), or `""` past the last field.
  public func text(_ field: Int) -> String {
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
  public func withBytes<R>(_ field: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    guard field < spans.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    let span = spans[field]
    return try body(UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]))
  }

  /// True when the field is quoted with doubled quotes or holds non-ASCII bytes: it must go
  /// through `String` (to undo the quotes, or to normalise to NFC) before it is compared.
  func needsText(_ field: Int) -> Bool {
    guard field < spans.count else { return false }
    let span = spans[field]
    if span.escaped { return true }
    for index in span.start..<span.end where buffer[index] >= 0x80 { return true }
    return false
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
