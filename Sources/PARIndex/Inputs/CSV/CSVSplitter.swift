/// The one CSV record splitter of the library (RFC 4180 and what Excel writes): every reader
/// of CSV text — the general reader, tables, the streamed survey — splits records here.
///
/// - A field in double quotes may hold the separator, `""` for a quote, and (in the general
///   mode) line breaks; a quote opens a quoted field only at the field's start.
/// - Records end with LF, CRLF or a lone CR; `line` counts physical lines as people do.
///
/// Unquoted fields are scanned eight bytes at a time for the separator, a quote and the line
/// ends, so a plain file costs about one comparison per eight bytes.
enum CSVSplitter {
  /// Where a field's text is in the buffer (inside its quotes).
  struct Span: Sendable {
    var start: Int
    var end: Int
    /// The field holds doubled quotes to undo.
    var escaped: Bool
    /// The field holds bytes above ASCII (it may need NFC, or hold a no-break space).
    var high = false
  }

  /// How strict to be.
  enum Mode {
    /// Everything RFC 4180 allows, and quotes inside unquoted fields kept as text.
    case general
    /// One record per physical line, for pieces of a file read independently: a quoted field
    /// that does not close on its line, a quote inside an unquoted field, or a lone CR stops
    /// the split (``Outcome/needsGeneralReader``), since a piece may begin inside a quoted field.
    case singleLine
  }

  /// How a split ended.
  enum Outcome {
    /// The record is in `spans`; the next one starts at `next`.
    case record(next: Int)
    /// A quoted field opened on `line` is not closed before the end.
    case unclosedQuote(line: Int)
    /// Text follows the closing quote of a field on `line`.
    case textAfterQuote(line: Int)
    /// (`singleLine` only) the record needs the general reader.
    case needsGeneralReader
  }

  private static let quote = UInt8(ascii: "\"")

  /// Splits the record that starts at `start` (before `end`) into `spans` (emptied first),
  /// advancing `line` past the line breaks it holds and ends with.
  @inline(__always)
  static func split(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, separator: UInt8, mode: Mode,
    into spans: inout [Span], line: inout Int
  ) -> Outcome {
    spans.removeAll(keepingCapacity: true)
    var index = start
    let recordLine = line
    while true {
      if index < end && buffer[index] == quote {
        // Quoted field: up to the quote that is not doubled.
        let fieldStart = index + 1
        var cursor = fieldStart
        var escaped = false
        var closed = false
        var high = false
        while cursor < end {
          let byte = buffer[cursor]
          if byte >= 0x80 { high = true }
          if byte == quote {
            if cursor + 1 < end && buffer[cursor + 1] == quote {
              escaped = true
              cursor += 2
              continue
            }
            closed = true
            break
          }
          if byte == 0x0A || byte == 0x0D {
            if mode == .singleLine { return .needsGeneralReader }
            if byte == 0x0A || cursor + 1 >= end || buffer[cursor + 1] != 0x0A { line += 1 }
          }
          cursor += 1
        }
        guard closed else { return mode == .singleLine ? .needsGeneralReader : .unclosedQuote(line: recordLine) }
        spans.append(Span(start: fieldStart, end: cursor, escaped: escaped, high: high))
        index = cursor + 1
        if index < end, buffer[index] != separator, buffer[index] != 0x0A, buffer[index] != 0x0D {
          return mode == .singleLine ? .needsGeneralReader : .textAfterQuote(line: line)
        }
      } else {
        let fieldStart = index
        var high = false
        index = nextSpecial(buffer, from: index, to: end, separator: separator, high: &high)
        if mode == .singleLine && index < end && buffer[index] == quote { return .needsGeneralReader }
        // In the general mode a quote inside an unquoted field is text: go on to the real end.
        while index < end && buffer[index] == quote {
          index = nextSpecial(buffer, from: index + 1, to: end, separator: separator, high: &high)
        }
        spans.append(Span(start: fieldStart, end: index, escaped: false, high: high))
      }
      // Here index is at a separator, a line break or the end.
      if index < end && buffer[index] == separator {
        index += 1
        continue
      }
      if index < end {
        if buffer[index] == 0x0D {
          if index + 1 < end && buffer[index + 1] == 0x0A {
            index += 1
          } else if mode == .singleLine {
            return .needsGeneralReader
          }
        }
        index += 1
        line += 1
      }
      return .record(next: index)
    }
  }

  /// The first offset at or after `start` holding the separator, a quote, LF or CR (or `end`);
  /// `high` is set when a byte above ASCII is passed on the way.
  @inline(__always)
  static func nextSpecial(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, separator: UInt8, high: inout Bool
  ) -> Int {
    var index = start
    guard let base = buffer.baseAddress else { return end }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let separators = ones &* UInt64(separator)
    let quotes = ones &* UInt64(quote)
    let feeds = ones &* 0x0A
    let returns = ones &* 0x0D
    while index + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // A zero byte in word ^ target marks a match (the classic "has zero byte" test; exact
      // for the lowest match, which is the only one used).
      @inline(__always) func zeros(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
      let found = zeros(word ^ separators) | zeros(word ^ quotes) | zeros(word ^ feeds) | zeros(word ^ returns)
      if found != 0 {
        let offset = found.trailingZeroBitCount / 8
        // Bytes above ASCII before the match (the bits of the lower bytes only).
        if offset > 0 && word & highs & (UInt64.max >> UInt64(64 - 8 * offset)) != 0 { high = true }
        return index + offset
      }
      if word & highs != 0 { high = true }
      index += 8
    }
    while index < end {
      let byte = buffer[index]
      if byte == separator || byte == quote || byte == 0x0A || byte == 0x0D { return index }
      if byte >= 0x80 { high = true }
      index += 1
    }
    return end
  }

  /// `;`, TAB or `,`: the separator that splits the first non-blank line into the most fields
  /// outside quotes (TAB, then `;`, then `,` on a tie, as a TAB or `;` file rarely has more
  /// of the others in its header). Used when no header row is recognised.
  static func mostFrequentSeparator(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
    var counts: [UInt8: Int] = [0x09: 0, UInt8(ascii: ";"): 0, UInt8(ascii: ","): 0]
    var inQuotes = false
    var atFieldStart = true
    var sawText = false
    var index = start
    while index < buffer.count {
      let byte = buffer[index]
      if inQuotes {
        if byte == quote {
          if index + 1 < buffer.count && buffer[index + 1] == quote { index += 1 } else { inQuotes = false }
        }
      } else if byte == 0x0A || byte == 0x0D {
        if sawText { break }
        atFieldStart = true
        index += 1
        continue
      } else if byte == quote && atFieldStart {
        inQuotes = true
      } else if counts[byte] != nil {
        counts[byte]! += 1
      }
      if !ASCII.isSpace(byte) { sawText = true }
      atFieldStart = !inQuotes && counts[byte] != nil
      index += 1
    }
    let tab = counts[0x09]!
    let semicolon = counts[UInt8(ascii: ";")]!
    let comma = counts[UInt8(ascii: ",")]!
    if tab > 0 && tab >= semicolon && tab >= comma { return 0x09 }
    return semicolon > comma ? UInt8(ascii: ";") : UInt8(ascii: ",")
  }
}
