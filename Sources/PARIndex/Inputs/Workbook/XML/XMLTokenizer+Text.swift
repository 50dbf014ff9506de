extension XMLTokenizer {
  /// Scans character data inside the root element from `pos` up to the next `<` or the end of the buffer,
  /// adding it to the text run. Returns false if it stopped early on a sequence that needs more bytes (a
  /// multi-byte character, a reference, a CR, or a `]` that might start `]]>`), with `pos` at its start.
  mutating func scanText(_ b: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int) throws(XMLError) -> Bool {
    var p = pos
    while true {
      let s = p
      let budget = limits.maxTextLength - textLength
      let bound = end - p > budget ? p + budget + 1 : end
      while p < bound {
        let c = b[p]
        if classes[Int(c)] & ByteClass.textBit != 0 {
          p += 1
          continue
        }
        if c >= 0x80 {
          let u = decodeUTF8(b, p, end)
          if u.length <= 0 || (u.scalar >= 0xFFFE && u.scalar <= 0xFFFF) { break }
          p += u.length
          continue
        }
        break
      }
      if p > s {
        if p - s > budget {
          throw .limitExceeded(.textLength, limit: limits.maxTextLength, at: position(b, s + budget))
        }
        appendRaw(b, s, p)
      }
      if p >= end {
        pos = p
        return true
      }
      let c = b[p]
      switch c {
      case 0x3C:  // <
        pos = p
        return true
      case 0x26:  // &
        guard let (next, scalar) = try parseReference(b, p, end) else {
          pos = p
          return false
        }
        try appendScalar(scalar, b, at: p)
        p = next
      case 0x5D:  // ]
        if p + 1 >= end || (b[p + 1] == 0x5D && p + 2 >= end) {
          pos = p
          return false
        }
        if b[p + 1] == 0x5D && b[p + 2] == 0x3E { throw .syntax(.cdataEndInText, at: position(b, p)) }
        if textLength + 1 > limits.maxTextLength {
          throw .limitExceeded(.textLength, limit: limits.maxTextLength, at: position(b, p))
        }
        appendRaw(b, p, p + 1)
        p += 1
      case 0x0D:  // CR, CR LF -> LF
        if p + 1 >= end {
          pos = p
          return false
        }
        try appendScalar(0x0A, b, at: p)
        p += b[p + 1] == 0x0A ? 2 : 1
      default:
        if c >= 0x80 {
          let u = decodeUTF8(b, p, end)
          if u.length == 0 {
            pos = p
            return false
          }
          if u.length < 0 { throw .invalidUTF8(at: position(b, p)) }
          throw .invalidCharacter(u.scalar, at: position(b, p))
        }
        throw .invalidCharacter(UInt32(c), at: position(b, p))
      }
    }
  }

  /// Skips white space before or after the root element; anything else but `<` is an error. Returns false if
  /// it stopped on an incomplete multi-byte sequence.
  mutating func skipOutsideRoot(_ b: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int) throws(XMLError) -> Bool {
    var p = pos
    while p < end && (classes[Int(b[p])] & ByteClass.spaceBit != 0) { p += 1 }
    pos = p
    if p >= end || b[p] == 0x3C { return true }
    let c = b[p]
    if c >= 0x80 {
      let u = decodeUTF8(b, p, end)
      if u.length == 0 { return false }
      if u.length < 0 { throw .invalidUTF8(at: position(b, p)) }
    } else if c < 0x20 {
      throw .invalidCharacter(UInt32(c), at: position(b, p))
    }
    throw .textOutsideRoot(at: position(b, p))
  }

  /// Checks a multi-byte character at `b[p]` inside a skipped construct: returns its length, 0 if incomplete.
  @inline(__always)
  mutating func checkCharacter(_ b: UnsafePointer<UInt8>, _ p: Int, _ end: Int) throws(XMLError) -> Int {
    let u = decodeUTF8(b, p, end)
    if u.length < 0 { throw .invalidUTF8(at: position(b, p)) }
    if u.length > 0 && u.scalar >= 0xFFFE && u.scalar <= 0xFFFF {
      throw .invalidCharacter(u.scalar, at: position(b, p))
    }
    return u.length
  }

  /// Skips a comment body up to and including `-->`, checking characters and rejecting `--` inside. Returns
  /// false if the buffer ended first (the comment goes on in the next one).
  mutating func skipComment(_ b: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int) throws(XMLError) -> Bool {
    var p = pos
    while true {
      while p < end && (classes[Int(b[p])] & ByteClass.commentBit != 0) { p += 1 }
      if p >= end {
        pos = p
        return false
      }
      let c = b[p]
      if c == 0x2D {  // -
        if p + 1 >= end {
          pos = p
          return false
        }
        if b[p + 1] != 0x2D {
          p += 1
          continue
        }
        if p + 2 >= end {
          pos = p
          return false
        }
        if b[p + 2] != 0x3E { throw .syntax(.doubleHyphenInComment, at: position(b, p)) }
        pos = p + 3
        construct = .none
        return true
      }
      if c < 0x80 { throw .invalidCharacter(UInt32(c), at: position(b, p)) }
      let n = try checkCharacter(b, p, end)
      if n == 0 {
        pos = p
        return false
      }
      p += n
    }
  }

  /// Skips a processing-instruction body up to and including `?>`, checking characters. Returns false if the
  /// buffer ended first.
  mutating func skipProcessingInstruction(
    _ b: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int
  ) throws(XMLError) -> Bool {
    var p = pos
    while true {
      while p < end && (classes[Int(b[p])] & ByteClass.piBit != 0) { p += 1 }
      if p >= end {
        pos = p
        return false
      }
      let c = b[p]
      if c == 0x3F {  // ?
        if p + 1 >= end {
          pos = p
          return false
        }
        if b[p + 1] == 0x3E {
          pos = p + 2
          construct = .none
          return true
        }
        p += 1
        continue
      }
      if c < 0x80 { throw .invalidCharacter(UInt32(c), at: position(b, p)) }
      let n = try checkCharacter(b, p, end)
      if n == 0 {
        pos = p
        return false
      }
      p += n
    }
  }

  /// Scans a CDATA section body up to and including `]]>`, adding it to the text run (line ends normalized).
  /// Returns false if the buffer ended first.
  mutating func scanCDATA(_ b: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int) throws(XMLError) -> Bool {
    var p = pos
    while true {
      let s = p
      let budget = limits.maxTextLength - textLength
      let bound = end - p > budget ? p + budget + 1 : end
      while p < bound {
        let c = b[p]
        if classes[Int(c)] & ByteClass.cdataBit != 0 {
          p += 1
          continue
        }
        if c >= 0x80 {
          let u = decodeUTF8(b, p, end)
          if u.length <= 0 || (u.scalar >= 0xFFFE && u.scalar <= 0xFFFF) { break }
          p += u.length
          continue
        }
        break
      }
      if p > s {
        if p - s > budget {
          throw .limitExceeded(.textLength, limit: limits.maxTextLength, at: position(b, s + budget))
        }
        appendRaw(b, s, p)
      }
      if p >= end {
        pos = p
        return false
      }
      let c = b[p]
      if c == 0x5D {  // ]
        if p + 1 >= end || (b[p + 1] == 0x5D && p + 2 >= end) {
          pos = p
          return false
        }
        if b[p + 1] == 0x5D && b[p + 2] == 0x3E {
          pos = p + 3
          construct = .none
          return true
        }
        if textLength + 1 > limits.maxTextLength {
          throw .limitExceeded(.textLength, limit: limits.maxTextLength, at: position(b, p))
        }
        appendRaw(b, p, p + 1)
        p += 1
      } else if c == 0x0D {
        if p + 1 >= end {
          pos = p
          return false
        }
        try appendScalar(0x0A, b, at: p)
        p += b[p + 1] == 0x0A ? 2 : 1
      } else if c >= 0x80 {
        let n = try checkCharacter(b, p, end)
        if n == 0 {
          pos = p
          return false
        }
        throw .invalidCharacter(decodeUTF8(b, p, end).scalar, at: position(b, p))
      } else {
        throw .invalidCharacter(UInt32(c), at: position(b, p))
      }
    }
  }

  /// Parses a reference at `b[p] == '&'`: one of the five predefined entities or a decimal / hexadecimal
  /// character reference to an allowed code point. Returns the position after `;` and the scalar, or nil if the
  /// bytes ran out. The reference is at most `maxNameLength + 3` bytes.
  mutating func parseReference(_ b: UnsafePointer<UInt8>, _ p: Int, _ end: Int) throws(XMLError) -> (Int, UInt32)? {
    var q = p + 1
    if q >= end { return nil }
    if b[q] == 0x23 {  // #
      q += 1
      if q >= end { return nil }
      var radix: UInt32 = 10
      if b[q] == 0x78 {
        radix = 16
        q += 1
      }
      let digitsStart = q
      var value: UInt32 = 0
      while true {
        if q >= end { return nil }
        let c = b[q]
        if c == 0x3B { break }
        var digit: UInt32
        if c >= 0x30 && c <= 0x39 {
          digit = UInt32(c - 0x30)
        } else if radix == 16 && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 {
          digit = UInt32((c | 0x20) - 0x61 + 10)
        } else {
          throw .syntax(.malformedReference, at: position(b, p))
        }
        value = min(value &* radix &+ digit, 0x11_0000)
        q += 1
        if q - p > limits.maxNameLength + 3 {
          throw .limitExceeded(.nameLength, limit: limits.maxNameLength, at: position(b, p))
        }
      }
      if q == digitsStart { throw .syntax(.malformedReference, at: position(b, p)) }
      if !ByteClass.isXMLChar(value) { throw .invalidCharacterReference(string(b, p, q + 1), at: position(b, p)) }
      return (q + 1, value)
    }
    guard let nameEnd = try scanName(b, q, end) else { return nil }
    if nameEnd == q || b[nameEnd] != 0x3B { throw .syntax(.malformedReference, at: position(b, p)) }
    let scalar: UInt32
    switch nameEnd - q {
    case 2 where b[q + 1] == 0x74 && b[q] == 0x6C: scalar = 0x3C  // lt
    case 2 where b[q + 1] == 0x74 && b[q] == 0x67: scalar = 0x3E  // gt
    case 3 where match(b, q, nameEnd, "amp") == true: scalar = 0x26
    case 4 where match(b, q, nameEnd, "quot") == true: scalar = 0x22
    case 4 where match(b, q, nameEnd, "apos") == true: scalar = 0x27
    default: throw .undefinedEntity(string(b, q, nameEnd), at: position(b, p))
    }
    return (nameEnd + 1, scalar)
  }
}
