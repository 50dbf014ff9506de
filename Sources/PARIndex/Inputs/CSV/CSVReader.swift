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
  /// - Throws: an ``InputError`` when the bytes are not UTF-8 text.
  public init(file: String, bytes: [UInt8]) throws(InputError) {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let invalid = bytes.withUnsafeBufferPointer { UTF8Text.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: $0[start...])) }
    if let invalid {
      let offset = start + invalid
      let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
      throw InputError(
        file: file, location: .line(line),
        message: "the file is not UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at offset \(offset)); it may be saved in Windows-1258 or another legacy encoding: save it again as 'CSV UTF-8'")
    }
    self.file = file
    self.bytes = bytes
    self.start = start
    separator = Self.detectSeparator(bytes, from: start)
  }

  /// Calls `body` with each record (header first), skipping lines that hold nothing.
  ///
  /// The record passed is reused between calls: copy what you keep.
  /// - Throws: an ``InputError`` for a quoted field that is never closed or has text after
  ///   its closing quote; or what `body` throws.
  public func forEachRecord(_ body: (CSVRecord) throws(InputError) -> Void) throws(InputError) {
    try bytes.withUnsafeBufferPointer { (buffer) throws(InputError) in
      var record = CSVRecord(buffer: buffer)
      var index = start
      var line = 1
      let end = buffer.count
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
              throw InputError(
                file: file, location: .line(record.line),
                message: "a quoted field is not closed: a '\"' is missing before the end of the file")
            }
            record.spans.append(CSVRecord.Span(start: fieldStart, end: cursor, escaped: escaped))
            index = cursor + 1
            if index < end, buffer[index] != separator, buffer[index] != 0x0A, buffer[index] != 0x0D {
              throw InputError(
                file: file, location: .line(line),
                message: "text after the closing quote of a field: a '\"' inside a quoted field must be doubled (\"\")")
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
        if !record.isBlank { try body(record) }
      }
    }
  }

  /// All records as text, header first. Convenient for small files.
  public func records() throws(InputError) -> [(line: Int, fields: [String])] {
    var result: [(line: Int, fields: [String])] = []
    try forEachRecord { (record: CSVRecord) throws(InputError) in
      result.append((record.line, (0..<record.count).map { record.text($0) }))
    }
    return result
  }

  static func detectSeparator(_ bytes: [UInt8], from start: Int) -> UInt8 {
    var commas = 0
    var semicolons = 0
    var inQuotes = false
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes {
        if byte == 0x0A || byte == 0x0D { break }
        if byte == UInt8(ascii: ",") { commas += 1 }
        if byte == UInt8(ascii: ";") { semicolons += 1 }
      }
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

  /// True when every field is empty or spaces.
  var isBlank: Bool {
    for span in spans {
      for index in span.start..<span.end where !FixedDecimal.isSpace(buffer[index]) { return false }
    }
    return true
  }
}
