/// The fields of a *plain* CSV line, found in one scan with no array: the survey's fast path
/// (millions of lines like `U00001,ND001,S1,5,`).
///
/// A line is plain when ``CSVSplitter`` in its single-line mode would split it the same way
/// and every field the caller reads is exactly its bytes: no quote anywhere, no lone carriage
/// return, a line feed (or CRLF) before the end of the buffer, no more fields than `width`,
/// and no byte above ASCII in a wanted field (it may need NFC, or be a no-break space). Any
/// other line gets `nil`, and the caller splits it with ``CSVSplitter`` as before, so every
/// check and message stays where it was.
struct PlainLine {
  /// Where each of the first `width` fields ends (the separator or line end after it); a
  /// field starts one past the end of the one before, the first at the line's start.
  let ends: UnsafeMutableBufferPointer<Int>
  /// Columns (below 64) whose bytes are read: a byte above ASCII in one of them makes the line not plain.
  let wanted: UInt64

  /// Storage for `width` field ends; `wanted` lists the columns read. Call ``release()`` when done.
  init(width: Int, wanted: [Int]) {
    ends = .allocate(capacity: max(width, 1))
    self.wanted = wanted.reduce(0) { $0 | ($1 < 64 ? 1 << UInt64($1) : 0) }
  }

  func release() { ends.deallocate() }

  /// The line that starts at `start`: its field count and where the next line starts, or `nil`
  /// when it is not plain.
  ///
  /// Eight bytes at a time: every separator, quote and line end of a word is found at once
  /// and its fields closed one by one. A word holding a byte above ASCII sends the line to
  /// the field-by-field scan, which knows which field the byte is in.
  @inline(__always)
  func scan(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, separator: UInt8
  ) -> (
    fields: Int, next: Int
  )? {
    guard let base = buffer.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    let width = ends.count
    let ones: UInt64 = 0x0101_0101_0101_0101
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let highs: UInt64 = 0x8080_8080_8080_8080
    let separators = ones &* UInt64(separator)
    let quotes = ones &* UInt64(UInt8(ascii: "\""))
    let feeds = ones &* 0x0A
    let returns = ones &* 0x0D
    var fields = 0
    var index = start
    while index + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      if word & highs != 0 { return scanByField(buffer, from: start, to: end, separator: separator) }
      // With every byte below 0x80, a byte of word ^ target is zero exactly when its high
      // bit stays clear after adding 0x7F (no carry crosses bytes).
      @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(x &+ lows) & highs }
      var found = zeros(word ^ separators) | zeros(word ^ quotes) | zeros(word ^ feeds) | zeros(word ^ returns)
      while found != 0 {
        let position = index + found.trailingZeroBitCount / 8
        found &= found &- 1
        guard fields < width else { return nil }
        ends[fields] = position
        fields += 1
        let byte = buffer[position]
        if byte == separator { continue }
        if byte == 0x0A { return (fields, position + 1) }
        if byte == 0x0D && position + 1 < end && buffer[position + 1] == 0x0A { return (fields, position + 2) }
        return nil  // a quote, or a lone carriage return
      }
      index += 8
    }
    // The last few bytes of the buffer: rarely reached, since a block ends with a line feed.
    return scanByField(buffer, from: start, to: end, separator: separator)
  }

  /// ``scan(_:from:to:separator:)`` one field at a time, placing bytes above ASCII.
  private func scanByField(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, separator: UInt8
  ) -> (
    fields: Int, next: Int
  )? {
    var position = start
    var fields = 0
    let width = ends.count
    while true {
      var high = false
      let fieldEnd = CSVSplitter.nextSpecial(buffer, from: position, to: end, separator: separator, high: &high)
      guard fieldEnd < end, fields < width else { return nil }
      if high && (fields >= 64 || wanted & (1 << UInt64(fields)) != 0) { return nil }
      ends[fields] = fieldEnd
      fields += 1
      let byte = buffer[fieldEnd]
      if byte == separator {
        position = fieldEnd + 1
        continue
      }
      if byte == 0x0A { return (fields, fieldEnd + 1) }
      if byte == 0x0D && fieldEnd + 1 < end && buffer[fieldEnd + 1] == 0x0A { return (fields, fieldEnd + 2) }
      return nil  // a quote, or a lone carriage return
    }
  }

  /// The bytes of field `field` of the line scanned from `start` with `fields` fields (empty
  /// past the last field), or `nil` when spaces surround them (the general path trims them).
  @inline(__always)
  func bytes(
    _ buffer: UnsafeBufferPointer<UInt8>, lineStart start: Int, fields: Int, field: Int
  )
    -> UnsafeBufferPointer<UInt8>?
  {
    guard field < fields else { return UnsafeBufferPointer(start: nil, count: 0) }
    let fieldStart = field == 0 ? start : ends[field - 1] + 1
    let fieldEnd = ends[field]
    if fieldEnd > fieldStart && (ASCII.isSpace(buffer[fieldStart]) || ASCII.isSpace(buffer[fieldEnd - 1])) {
      return nil
    }
    return UnsafeBufferPointer(rebasing: buffer[fieldStart..<fieldEnd])
  }
}
