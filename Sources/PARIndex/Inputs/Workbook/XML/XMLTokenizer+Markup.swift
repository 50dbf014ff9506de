extension XMLTokenizer {
  /// Parses from `pos` until an event is ready or more input is needed. Every decision depends only on bytes
  /// already seen, and "need more" is returned only when a construct runs past `end`; that is what makes the
  /// result independent of how the input is split. This is the reference path; `run` tries `fastStartTag` and
  /// its own text and end-tag shortcuts first.
  mutating func step(_ b: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int) throws(XMLError) -> Step {
    while true {
      if construct != .none || pos >= end || bufferOffset + pos == 0 {
        if construct != .none {
          let done: Bool
          let what: XMLConstruct
          switch construct {
          case .comment:
            done = try skipComment(b, &pos, end)
            what = .comment
          case .processingInstruction:
            done = try skipProcessingInstruction(b, &pos, end)
            what = .processingInstruction
          default:
            done = try scanCDATA(b, &pos, end)
            what = .cdataSection
          }
          if !done { return try incomplete(what, b, end) }
        }
        if pos >= end { return .needMore }
        if bufferOffset + pos == 0 {
          if try !checkDocumentStart(b, &pos, end) { return try incomplete(.byteOrderMark, b, end) }
          if pos >= end { return .needMore }
        }
      }
      let c = b[pos]
      if c != 0x3C {
        if phase != .content {
          if try !skipOutsideRoot(b, &pos, end) { return try incomplete(.text, b, end) }
          continue
        }
        if try !scanText(b, &pos, end) { return try incomplete(b[pos] == 0x26 ? .reference : .text, b, end) }
        continue
      }
      if pos + 1 >= end { return try incomplete(.markup, b, end) }
      let c1 = b[pos + 1]
      let windowFull = end - pos >= limits.maxTagLength
      let tagEnd = windowFull ? pos + limits.maxTagLength : end
      switch c1 {
      case 0x2F:  // </
        guard let next = try parseEndTag(b, pos, tagEnd) else {
          return try ranOut(.endTag, windowFull: windowFull, b, pos, end)
        }
        pos = next
        return .end
      case 0x21:  // <!
        if try !parseMarkupDeclaration(b, &pos, end) { return try incomplete(.markup, b, end) }
      case 0x3F:  // <?
        guard let next = try parseProcessingInstructionStart(b, pos, tagEnd) else {
          let isDeclaration =
            bufferOffset + pos == declarationOffset && end - pos >= 5 && b[pos + 2] == 0x78
            && b[pos + 3] == 0x6D && b[pos + 4] == 0x6C
          return try ranOut(
            isDeclaration ? .xmlDeclaration : .processingInstruction, windowFull: windowFull,
            b, pos, end)
        }
        pos = next
      default:
        if phase == .epilog { throw .multipleRootElements(at: position(b, pos)) }
        if stack.count >= limits.maxDepth {
          throw .limitExceeded(.depth, limit: limits.maxDepth, at: position(b, pos))
        }
        guard let next = try parseStartTag(b, pos, tagEnd) else {
          return try ranOut(.startTag, windowFull: windowFull, b, pos, end)
        }
        pos = next.end
        return next.selfClosing ? .selfClosing : .start
      }
    }
  }

  /// Parses the most common start tag shape without side effects on failure: ASCII names already in the name
  /// table, attributes with plain values (no references, no TAB/LF/CR, no non-ASCII), no namespace
  /// declarations, all within the limits. Returns the position after the tag, or -1 to let the general
  /// `parseStartTag` decide (it reaches the same result for every tag this accepts).
  ///
  /// `b[stop] == '<'` with `start < stop < end`: every scan below stops at a `<` (no class includes it), so the
  /// loops need no bounds check; the tag window is checked after each loop instead. Indices stay below `end`,
  /// so wrapping arithmetic is safe and saves the overflow checks.
  @inline(__always)
  mutating func fastStartTag(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int, stop: Int) -> Int {
    if stack.count >= limits.maxDepth { return -1 }
    let limit = stop &- start >= limits.maxTagLength ? start &+ limits.maxTagLength : stop
    let maxName = limits.maxNameLength
    let maxValue = limits.maxAttributeValueLength
    let maxAttributes = limits.maxAttributes
    let cls = classes
    let nameStart = start &+ 1
    var p = nameStart
    while cls[Int(b[p])] & ByteClass.nameBit != 0 { p &+= 1 }
    let n = p &- nameStart
    guard p < limit, n >= 1, n <= maxName, cls[Int(b[nameStart])] & ByteClass.nameStartBit != 0 else { return -1 }
    let elementKey = n <= 8 ? packedKey(b, nameStart, n, end) : 0
    guard let elementInfo = n <= 8 ? names.lookup(key: elementKey) : longLookup(b, nameStart, n, end),
      QNameInfo.kind(elementInfo) == QNameInfo.plain
    else { return -1 }
    let namespace = names.bindings[Int(QNameInfo.prefix(elementInfo))]
    if namespace == XMLNameTable.unbound { return -1 }
    attributes.count = 0
    scratch.count = 0
    var selfClosing = false
    while true {
      let spaceStart = p
      while cls[Int(b[p])] & ByteClass.spaceBit != 0 { p &+= 1 }
      guard p < limit else { return -1 }
      let c = b[p]
      if c == 0x3E {
        p &+= 1
        break
      }
      if c == 0x2F {
        guard p &+ 1 < limit, b[p &+ 1] == 0x3E else { return -1 }
        p &+= 2
        selfClosing = true
        break
      }
      guard p > spaceStart, attributes.count < maxAttributes else { return -1 }
      let attrStart = p
      while cls[Int(b[p])] & ByteClass.nameBit != 0 { p &+= 1 }
      let an = p &- attrStart
      guard p < limit, an >= 1, an <= maxName, cls[Int(b[attrStart])] & ByteClass.nameStartBit != 0,
        let info = an <= 8 ? names.lookup(key: packedKey(b, attrStart, an, end)) : longLookup(b, attrStart, an, end)
      else { return -1 }
      var attributeName = XMLName(namespace: XMLNameTable.noNamespace, local: QNameInfo.local(info))
      if info >> 32 != 0 {
        // Prefixed (resolve now) or a namespace declaration (general path).
        guard QNameInfo.kind(info) == QNameInfo.plain else { return -1 }
        attributeName.namespace = names.bindings[Int(QNameInfo.prefix(info))]
        if attributeName.namespace == XMLNameTable.unbound { return -1 }
      }
      if b[p] != 0x3D {
        while cls[Int(b[p])] & ByteClass.spaceBit != 0 { p &+= 1 }
        guard p < limit, b[p] == 0x3D else { return -1 }
      }
      p &+= 1
      var quote = b[p]
      if quote != 0x22 && quote != 0x27 {
        while cls[Int(b[p])] & ByteClass.spaceBit != 0 { p &+= 1 }
        quote = b[p]
        guard quote == 0x22 || quote == 0x27 else { return -1 }
      }
      let valueStart = p &+ 1
      var q = valueStart
      while cls[Int(b[q])] & ByteClass.valueBit != 0 { q &+= 1 }
      guard q < limit, b[q] == quote, q &- valueStart <= maxValue else { return -1 }
      attributes.append(
        AttributeSlot(
          name: attributeName, info: info, nameOffset: attrStart, nameLength: an,
          valueStart: valueStart, valueCount: q &- valueStart, inScratch: false))
      p = q &+ 1
    }
    let count = attributes.count
    if count > 1 {
      if count > 16 { return -1 }
      let slots = attributes.base
      for i in 1..<count {
        let name = slots[i].name
        for j in 0..<i where slots[j].name == name { return -1 }
      }
    }
    elementName = XMLName(namespace: namespace, local: QNameInfo.local(elementInfo))
    lastSelfClosing = selfClosing
    if !selfClosing {
      if n > 8 { openNames.append(b + nameStart, count: n) }
      stack.append(
        OpenElement(
          name: elementName, key: elementKey, qnameStart: openNames.count &- (n > 8 ? n : 0),
          qnameLength: n, bindingMark: bindingUndo.count))
    }
    return p
  }

  /// The cached info of the qualified name `b[p..<p + n]`, `n > 8`, if seen (names up to 16 bytes by two keys).
  mutating func longLookup(_ b: UnsafePointer<UInt8>, _ p: Int, _ n: Int, _ end: Int) -> UInt64? {
    if n <= 16 { return names.lookup(first: packedKey(b, p, 8, end), rest: packedKey(b, p &+ 8, n &- 8, end)) }
    return names.lookup(b + p, n)
  }

  /// The lookup key of the `n <= 8` bytes at `b[p...]`: one unaligned load when 8 bytes are readable.
  @inline(__always)
  func packedKey(_ b: UnsafePointer<UInt8>, _ p: Int, _ n: Int, _ end: Int) -> UInt64 {
    if end &- p >= 8 {
      let word = UInt64(littleEndian: UnsafeRawPointer(b + p).loadUnaligned(as: UInt64.self))
      // `&<<` takes the shift modulo 64, so n == 8 needs its own case.
      return n >= 8 ? word : word & ((1 &<< UInt64(truncatingIfNeeded: n &* 8)) &- 1)
    }
    return XMLNameTable.shortKey(b + p, n)
  }

  /// Pops the innermost element (its end tag was matched), restoring its namespace scope.
  @inline(__always)
  mutating func closeElement(_ top: OpenElement) {
    elementName = top.name
    stack.count -= 1
    if top.qnameLength > 8 { openNames.count -= top.qnameLength }
    if bindingUndo.count > top.bindingMark { restoreBindings(top.bindingMark) }
    if stack.count == 0 { phase = .epilog }
  }

  /// The raw qualified name of an open element (for messages).
  mutating func openName(_ e: OpenElement) -> String {
    if e.qnameLength <= 8 {
      let bytes = (0..<e.qnameLength).map { UInt8(truncatingIfNeeded: e.key >> UInt64(8 * $0)) }
      return String(decoding: bytes, as: UTF8.self)
    }
    return String(
      decoding: UnsafeBufferPointer(start: openNames.base + e.qnameStart, count: e.qnameLength),
      as: UTF8.self)
  }

  /// At input offset 0: skips a UTF-8 BOM and rejects UTF-16 (by BOM, or by a NUL byte next to `<`).
  /// Returns false when it needs more bytes to decide.
  mutating func checkDocumentStart(_ b: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int) throws(XMLError) -> Bool {
    let c0 = b[pos]
    switch c0 {
    case 0xEF:
      if end - pos >= 2 && b[pos + 1] != 0xBB { return true }
      if end - pos < 3 { return false }
      if b[pos + 2] == 0xBF {
        pos += 3
        declarationOffset = 3
      }
      return true
    case 0xFE, 0xFF, 0x00, 0x3C:
      if end - pos < 2 { return false }
      let c1 = b[pos + 1]
      if (c0 == 0xFE && c1 == 0xFF) || (c0 == 0xFF && c1 == 0xFE) || (c0 == 0x00 && c1 == 0x3C)
        || (c0 == 0x3C && c1 == 0x00)
      {
        throw .utf16NotSupported
      }
      return true
    default:
      return true
    }
  }

  /// Handles `<!`: a comment or CDATA opening (entering the streamed construct), or refuses a DOCTYPE.
  /// Returns false when it needs more bytes.
  mutating func parseMarkupDeclaration(
    _ b: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int
  ) throws(XMLError) -> Bool {
    let start = pos
    if start + 2 >= end { return false }
    switch b[start + 2] {
    case 0x2D:  // <!-
      if start + 3 >= end { return false }
      if b[start + 3] != 0x2D { throw .syntax(.malformedMarkup, at: position(b, start)) }
      pos = start + 4
      construct = .comment
      return true
    case 0x5B:  // <![
      if phase != .content { throw .syntax(.cdataOutsideRoot, at: position(b, start)) }
      guard let matched = match(b, start + 3, end, "CDATA[") else { return false }
      if !matched { throw .syntax(.malformedMarkup, at: position(b, start)) }
      pos = start + 9
      construct = .cdata
      return true
    case 0x44:  // <!D
      guard let matched = match(b, start + 3, end, "OCTYPE") else { return false }
      if !matched { throw .syntax(.malformedMarkup, at: position(b, start)) }
      throw .doctypeNotAllowed(at: position(b, start))
    default:
      throw .syntax(.malformedMarkup, at: position(b, start))
    }
  }

  /// Whether `b[p...]` starts with the ASCII `literal`: nil if the bytes ran out while matching so far.
  mutating func match(_ b: UnsafePointer<UInt8>, _ p: Int, _ end: Int, _ literal: StaticString) -> Bool? {
    let l = literal.utf8Start
    for i in 0..<literal.utf8CodeUnitCount {
      if p + i >= end { return nil }
      if b[p + i] != l[i] { return false }
    }
    return true
  }

  // MARK: Names

  /// Scans an XML `Name` at `p`; returns its end (`p` itself if `b[p]` cannot start a name), or nil if the
  /// bytes ran out inside it. Enforces `maxNameLength`.
  @inline(__always)
  mutating func scanName(_ b: UnsafePointer<UInt8>, _ p: Int, _ end: Int) throws(XMLError) -> Int? {
    if p >= end { return nil }
    var q = p
    let c0 = b[p]
    if c0 < 0x80 {
      if classes[Int(c0)] & ByteClass.nameStartBit == 0 { return p }
      q += 1
    } else {
      let u = decodeUTF8(b, p, end)
      if u.length == 0 { return nil }
      if u.length < 0 { throw .invalidUTF8(at: position(b, p)) }
      if !ByteClass.isNameStartScalar(u.scalar) { return p }
      q += u.length
    }
    let maxEnd = p + limits.maxNameLength
    while true {
      if q >= end { return nil }
      let c = b[q]
      if c < 0x80 {
        if classes[Int(c)] & ByteClass.nameBit == 0 { break }
        q += 1
      } else {
        let u = decodeUTF8(b, q, end)
        if u.length == 0 { return nil }
        if u.length < 0 { throw .invalidUTF8(at: position(b, q)) }
        if !ByteClass.isNameScalar(u.scalar) { break }
        q += u.length
      }
      if q > maxEnd { throw .limitExceeded(.nameLength, limit: limits.maxNameLength, at: position(b, p)) }
    }
    if q > maxEnd { throw .limitExceeded(.nameLength, limit: limits.maxNameLength, at: position(b, p)) }
    return q
  }

  /// The packed `QNameInfo` of the qualified name `b[p..<q]` (a valid `Name`), from the cache if seen before.
  @inline(__always)
  mutating func qualifiedName(_ b: UnsafePointer<UInt8>, _ p: Int, _ q: Int) throws(XMLError) -> UInt64 {
    if let info = names.lookup(b + p, q - p) { return info }
    return try newQualifiedName(b, p, q)
  }

  /// Scans a qualified name at `p` and returns its end and packed `QNameInfo`; the end is `p` if `b[p]` cannot
  /// start a name, nil if the bytes ran out. The common case, a short ASCII name, is looked up with one probe
  /// of the key made by one unaligned load.
  @inline(__always)
  mutating func scanQualifiedName(
    _ b: UnsafePointer<UInt8>, _ p: Int, _ end: Int
  ) throws(XMLError) -> (end: Int, info: UInt64)? {
    var q = p
    let fastEnd = end - p > 9 ? p + 9 : end
    while q < fastEnd && classes[Int(b[q])] & ByteClass.nameBit != 0 { q += 1 }
    let n = q - p
    if q < end && n <= 8 && n > 0 && b[q] < 0x80 && classes[Int(b[p])] & ByteClass.nameStartBit != 0
      && n <= limits.maxNameLength
    {
      if let info = names.lookup(key: packedKey(b, p, n, end)) { return (q, info) }
      return (q, try newQualifiedName(b, p, q))
    }
    guard let e = try scanName(b, p, end) else { return nil }
    if e == p { return (p, 0) }
    return (e, try qualifiedName(b, p, e))
  }

  /// Checks a qualified name seen for the first time (one colon at most, neither first nor last, local part
  /// starting with a name start character), interns its parts and caches it.
  mutating func newQualifiedName(_ b: UnsafePointer<UInt8>, _ p: Int, _ q: Int) throws(XMLError) -> UInt64 {
    let n = q - p
    if names.documentBytes + 3 * n > limits.maxNameTableBytes {
      throw .limitExceeded(.nameTableSize, limit: limits.maxNameTableBytes, at: position(b, p))
    }
    var colon = -1
    for i in p..<q where b[i] == 0x3A {
      if colon >= 0 { throw .invalidQualifiedName(string(b, p, q), at: position(b, p)) }
      colon = i
    }
    let info: UInt64
    if colon < 0 {
      let local = names.internLocal(b + p, n)
      let isXMLNS = match(b, p, q, "xmlns") == true && n == 5
      info = QNameInfo.pack(kind: isXMLNS ? QNameInfo.defaultDeclaration : QNameInfo.plain, prefix: 0, local: local)
    } else {
      if colon == p || colon == q - 1 { throw .invalidQualifiedName(string(b, p, q), at: position(b, p)) }
      let c = b[colon + 1]
      let startsWell =
        c < 0x80
        ? classes[Int(c)] & ByteClass.nameStartBit != 0
        : ByteClass.isNameStartScalar(decodeUTF8(b, colon + 1, q).scalar)
      if !startsWell { throw .invalidQualifiedName(string(b, p, q), at: position(b, p)) }
      let local = names.internLocal(b + colon + 1, q - colon - 1)
      if colon - p == 5 && match(b, p, colon, "xmlns") == true {
        let declared = names.internPrefix(b + colon + 1, q - colon - 1)
        info = QNameInfo.pack(kind: QNameInfo.prefixDeclaration, prefix: declared, local: local)
      } else {
        let prefix = names.internPrefix(b + p, colon - p)
        info = QNameInfo.pack(kind: QNameInfo.plain, prefix: prefix, local: local)
      }
    }
    names.insert(b + p, n, info: info)
    return info
  }

  // MARK: Start tags

  /// Parses a start tag at `b[start] == '<'` within `b[..<end]`, resolves its names, checks its attributes and
  /// opens the element. Returns the position after `>` and whether it was `/>`, or nil if the bytes ran out.
  /// Unprefixed attributes are resolved while scanning; prefixed ones and namespace declarations afterwards.
  mutating func parseStartTag(
    _ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int
  ) throws(XMLError) -> (end: Int, selfClosing: Bool)? {
    let nameStart = start + 1
    guard let (nameEnd, elementInfo) = try scanQualifiedName(b, nameStart, end) else { return nil }
    if nameEnd == nameStart { throw .syntax(.expectedName, at: position(b, nameStart)) }
    attributes.count = 0
    scratch.count = 0
    var declarations = false
    var prefixed = false
    var p = nameEnd
    var selfClosing = false
    while true {
      let spaceStart = p
      while p < end && classes[Int(b[p])] & ByteClass.spaceBit != 0 { p += 1 }
      if p >= end { return nil }
      let c = b[p]
      if c == 0x3E {  // >
        p += 1
        break
      }
      if c == 0x2F {  // />
        if p + 1 >= end { return nil }
        if b[p + 1] != 0x3E { throw .syntax(.expectedTagEnd, at: position(b, p)) }
        p += 2
        selfClosing = true
        break
      }
      if p == spaceStart {
        let nameFollows = classes[Int(c)] & ByteClass.nameStartBit != 0 || c >= 0x80
        throw .syntax(nameFollows ? .expectedWhitespace : .expectedTagEnd, at: position(b, p))
      }
      let attrStart = p
      if attributes.count >= limits.maxAttributes {
        throw .limitExceeded(.attributeCount, limit: limits.maxAttributes, at: position(b, attrStart))
      }
      guard let (attrEnd, info) = try scanQualifiedName(b, p, end) else { return nil }
      if attrEnd == attrStart { throw .syntax(.expectedName, at: position(b, p)) }
      var name = XMLName(namespace: XMLNameTable.noNamespace, local: QNameInfo.local(info))
      if info >> 32 != 0 {  // a prefix, or a namespace declaration
        if QNameInfo.kind(info) != QNameInfo.plain { declarations = true } else { prefixed = true }
        name.namespace = XMLNameTable.unbound
      }
      p = attrEnd
      while p < end && classes[Int(b[p])] & ByteClass.spaceBit != 0 { p += 1 }
      if p >= end { return nil }
      if b[p] != 0x3D { throw .syntax(.expectedEquals, at: position(b, p)) }
      p += 1
      while p < end && classes[Int(b[p])] & ByteClass.spaceBit != 0 { p += 1 }
      if p >= end { return nil }
      let quote = b[p]
      if quote != 0x22 && quote != 0x27 { throw .syntax(.expectedQuote, at: position(b, p)) }
      let valueStart = p + 1
      var q = valueStart
      while q < end && classes[Int(b[q])] & ByteClass.valueBit != 0 { q += 1 }
      var slot = AttributeSlot(
        name: name, info: info, nameOffset: attrStart, nameLength: attrEnd - attrStart,
        valueStart: valueStart, valueCount: q - valueStart, inScratch: false)
      if q >= end || b[q] != quote || q - valueStart > limits.maxAttributeValueLength {
        guard let close = try scanAttributeValue(b, valueStart, end, quote, &slot) else { return nil }
        q = close
      }
      attributes.append(slot)
      p = q + 1
    }
    let mark = bindingUndo.count
    if declarations { try declareNamespaces(b, mark) }
    elementName = try resolveElementName(elementInfo, b, nameStart, nameEnd)
    if declarations || prefixed { try resolveAttributes(b) }
    if attributes.count > 1 { try checkDuplicates(b) }
    let length = nameEnd - nameStart
    if selfClosing {
      if bindingUndo.count > mark { restoreBindings(mark) }
      if phase == .prolog { phase = .epilog }
    } else {
      var key: UInt64 = 0
      if length <= 8 {
        key = packedKey(b, nameStart, length, end)
      } else {
        openNames.append(b + nameStart, count: length)
      }
      stack.append(
        OpenElement(
          name: elementName, key: key, qnameStart: openNames.count - (length > 8 ? length : 0),
          qnameLength: length, bindingMark: mark))
      phase = .content
    }
    return (p, selfClosing)
  }

  /// Scans a quoted attribute value starting at `p` (after the quote); returns the position of the closing quote
  /// and fills the slot's value, or nil if the bytes ran out. Values that need decoding (references, TAB, LF,
  /// CR) are decoded into `scratch`; others stay in the input buffer.
  @inline(__always)
  mutating func scanAttributeValue(
    _ b: UnsafePointer<UInt8>, _ p: Int, _ end: Int, _ quote: UInt8, _ slot: inout AttributeSlot
  ) throws(XMLError) -> Int? {
    let maxLength = limits.maxAttributeValueLength
    let bound = end - p > maxLength ? p + maxLength + 1 : end
    var q = p
    while q < bound {
      let c = b[q]
      if classes[Int(c)] & ByteClass.valueBit != 0 {
        q += 1
        continue
      }
      if c == quote {
        slot.valueStart = p
        slot.valueCount = q - p
        return q
      }
      if c == 0x22 || c == 0x27 {
        q += 1
        continue
      }
      if c >= 0x80 {
        let u = decodeUTF8(b, q, end)
        if u.length == 0 { return nil }
        if u.length < 0 { throw .invalidUTF8(at: position(b, q)) }
        if u.scalar >= 0xFFFE && u.scalar <= 0xFFFF { throw .invalidCharacter(u.scalar, at: position(b, q)) }
        q += u.length
        continue
      }
      break
    }
    if q - p > maxLength {
      throw .limitExceeded(.attributeValueLength, limit: maxLength, at: position(b, p))
    }
    if q >= end { return nil }
    return try decodeAttributeValue(b, p, q, end, quote, &slot)
  }

  /// Slow path of `scanAttributeValue`: copies `b[p..<q]` to `scratch` and decodes the rest of the value there.
  mutating func decodeAttributeValue(
    _ b: UnsafePointer<UInt8>, _ p: Int, _ from: Int, _ end: Int, _ quote: UInt8, _ slot: inout AttributeSlot
  ) throws(XMLError) -> Int? {
    let maxLength = limits.maxAttributeValueLength
    let start = scratch.count
    scratch.append(b + p, count: from - p)
    var q = from
    while true {
      if q >= end { return nil }
      let c = b[q]
      if c == quote {
        slot.valueStart = start
        slot.valueCount = scratch.count - start
        slot.inScratch = true
        return q
      }
      if classes[Int(c)] & ByteClass.valueBit != 0 || c == 0x22 || c == 0x27 {
        scratch.append(c)
        q += 1
      } else if c == 0x26 {  // &
        guard let (next, scalar) = try parseReference(b, q, end) else { return nil }
        appendUTF8(scalar, to: &scratch)
        q = next
      } else if c == 0x09 || c == 0x0A {
        scratch.append(0x20)
        q += 1
      } else if c == 0x0D {
        if q + 1 >= end { return nil }
        scratch.append(0x20)
        q += b[q + 1] == 0x0A ? 2 : 1
      } else if c == 0x3C {
        throw .syntax(.lessThanInAttributeValue, at: position(b, q))
      } else if c >= 0x80 {
        let u = decodeUTF8(b, q, end)
        if u.length == 0 { return nil }
        if u.length < 0 { throw .invalidUTF8(at: position(b, q)) }
        if u.scalar >= 0xFFFE && u.scalar <= 0xFFFF { throw .invalidCharacter(u.scalar, at: position(b, q)) }
        scratch.append(b + q, count: u.length)
        q += u.length
      } else {
        throw .invalidCharacter(UInt32(c), at: position(b, q))
      }
      if scratch.count - start > maxLength {
        throw .limitExceeded(.attributeValueLength, limit: maxLength, at: position(b, p))
      }
    }
  }

  /// Applies the tag's `xmlns` / `xmlns:p` declarations (logged in `bindingUndo` above `mark`), enforcing the
  /// Namespaces rules: no duplicates, `xml` only bound to its URI, `xmlns` never, no prefix bound to "".
  mutating func declareNamespaces(_ b: UnsafePointer<UInt8>, _ mark: Int) throws(XMLError) {
    for i in 0..<attributes.count where QNameInfo.kind(attributes[i].info) != QNameInfo.plain {
      let a = attributes[i]
      let declared =
        QNameInfo.kind(a.info) == QNameInfo.defaultDeclaration
        ? XMLNameTable.defaultPrefix : QNameInfo.prefix(a.info)
      for j in mark..<bindingUndo.count where UInt32(truncatingIfNeeded: bindingUndo[j] >> 32) == declared {
        throw .duplicateAttribute(
          string(b, a.nameOffset, a.nameOffset + a.nameLength),
          at: position(b, a.nameOffset))
      }
      let id = try declareNamespace(declared, (a.inScratch ? UnsafePointer(scratch.base) : b) + a.valueStart, a, b)
      bindingUndo.append(UInt64(declared) << 32 | UInt64(names.bindings[Int(declared)]))
      names.bindings[Int(declared)] = id
    }
  }

  /// Interns and checks the URI `uri[0..<a.valueCount]` declared for prefix id `declared`; returns its id.
  mutating func declareNamespace(
    _ declared: UInt32, _ uri: UnsafePointer<UInt8>, _ a: AttributeSlot, _ b: UnsafePointer<UInt8>
  ) throws(XMLError) -> UInt32 {
    if names.namespaces.find(uri, a.valueCount) == nil
      && names.documentBytes + a.valueCount > limits.maxNameTableBytes
    {
      throw .limitExceeded(.nameTableSize, limit: limits.maxNameTableBytes, at: position(b, a.nameOffset))
    }
    let id = names.internNamespace(uri, a.valueCount)
    let invalid: Bool
    switch declared {
    case XMLNameTable.xmlnsPrefix: invalid = true
    case XMLNameTable.xmlPrefix: invalid = id != XMLNameTable.xmlNamespace
    case XMLNameTable.defaultPrefix: invalid = id == XMLNameTable.xmlNamespace || id == XMLNameTable.xmlnsNamespace
    default:
      invalid = id == XMLNameTable.xmlNamespace || id == XMLNameTable.xmlnsNamespace || id == XMLNameTable.noNamespace
    }
    if invalid {
      throw .invalidNamespaceDeclaration(
        prefix: names.prefixes.string(declared),
        uri: String(decoding: UnsafeBufferPointer(start: uri, count: a.valueCount), as: UTF8.self),
        at: position(b, a.nameOffset))
    }
    return id
  }

  /// Undoes the prefix bindings logged above `mark`.
  mutating func restoreBindings(_ mark: Int) {
    while bindingUndo.count > mark {
      let entry = bindingUndo.removeLast()
      names.bindings[Int(entry >> 32)] = UInt32(truncatingIfNeeded: entry)
    }
  }

  /// Resolves an element's qualified name against the bindings in scope.
  @inline(__always)
  mutating func resolveElementName(
    _ info: UInt64, _ b: UnsafePointer<UInt8>, _ p: Int, _ q: Int
  ) throws(XMLError) -> XMLName {
    let kind = QNameInfo.kind(info)
    if kind == QNameInfo.prefixDeclaration { throw .invalidQualifiedName(string(b, p, q), at: position(b, p)) }
    let prefix = kind == QNameInfo.plain ? QNameInfo.prefix(info) : XMLNameTable.defaultPrefix
    let namespace = names.bindings[Int(prefix)]
    if namespace == XMLNameTable.unbound {
      throw .undeclaredPrefix(names.prefixes.string(prefix), at: position(b, p))
    }
    return XMLName(namespace: namespace, local: QNameInfo.local(info))
  }

  /// Drops namespace declarations from `attributes` and resolves the prefixed names.
  mutating func resolveAttributes(_ b: UnsafePointer<UInt8>) throws(XMLError) {
    var out = 0
    let slots = attributes.base
    for i in 0..<attributes.count {
      let info = slots[i].info
      if QNameInfo.kind(info) != QNameInfo.plain { continue }
      let prefix = QNameInfo.prefix(info)
      var namespace = XMLNameTable.noNamespace
      if prefix != XMLNameTable.defaultPrefix {
        namespace = names.bindings[Int(prefix)]
        if namespace == XMLNameTable.unbound {
          throw .undeclaredPrefix(names.prefixes.string(prefix), at: position(b, slots[i].nameOffset))
        }
      }
      if out != i { slots[out] = slots[i] }
      slots[out].name = XMLName(namespace: namespace, local: QNameInfo.local(info))
      out += 1
    }
    attributes.count = out
  }

  /// Rejects two attributes with the same resolved name, reporting the earliest second occurrence.
  mutating func checkDuplicates(_ b: UnsafePointer<UInt8>) throws(XMLError) {
    let slots = attributes.base
    let n = attributes.count
    var duplicate = -1
    if n <= 16 {
      search: for i in 1..<n {
        for j in 0..<i where slots[j].name == slots[i].name {
          duplicate = i
          break search
        }
      }
    } else {
      // Sort (name, index) keys; the earliest second occurrence is the smallest index with an equal predecessor.
      sortScratch.removeAll(keepingCapacity: true)
      for i in 0..<n { sortScratch.append(slots[i].name.packed) }
      var order = Array(0..<n)
      order.sort { (sortScratch[$0], $0) < (sortScratch[$1], $1) }
      for k in 1..<n where sortScratch[order[k]] == sortScratch[order[k - 1]] {
        if duplicate < 0 || order[k] < duplicate { duplicate = order[k] }
      }
    }
    if duplicate >= 0 {
      let a = slots[duplicate]
      throw .duplicateAttribute(string(b, a.nameOffset, a.nameOffset + a.nameLength), at: position(b, a.nameOffset))
    }
  }

  // MARK: End tags

  /// Parses an end tag at `b[start] == '<'` (`b[start + 1] == '/'`), checks it matches the innermost open
  /// element and closes it. Returns the position after `>`, or nil if the bytes ran out.
  mutating func parseEndTag(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(XMLError) -> Int? {
    var p = start + 2
    guard let nameEnd = try scanName(b, p, end) else { return nil }
    if nameEnd == p { throw .syntax(.expectedName, at: position(b, p)) }
    guard stack.count > 0 else { throw .unexpectedEndTag(string(b, p, nameEnd), at: position(b, start)) }
    let top = stack[stack.count - 1]
    let length = top.qnameLength
    var same = nameEnd - p == length
    if same {
      if length <= 8 {
        same = packedKey(b, p, length, end) == top.key
      } else {
        let open = openNames.base + top.qnameStart
        same = (0..<length).allSatisfy { open[$0] == b[p + $0] }
      }
    }
    if !same {
      throw .mismatchedEndTag(expected: openName(top), found: string(b, p, nameEnd), at: position(b, start))
    }
    p = nameEnd
    while p < end && classes[Int(b[p])] & ByteClass.spaceBit != 0 { p += 1 }
    if p >= end { return nil }
    if b[p] != 0x3E { throw .syntax(.expectedTagEnd, at: position(b, p)) }
    closeElement(top)
    return p + 1
  }

  // MARK: Processing instructions and the XML declaration

  /// Parses `<?target` and what follows it up to the body: `?>` ends it at once, white space enters the
  /// streamed body. `<?xml` is the XML declaration (parsed whole) at the document start, an error elsewhere.
  /// Returns the next position, or nil if the bytes ran out.
  mutating func parseProcessingInstructionStart(
    _ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int
  ) throws(XMLError) -> Int? {
    let p = start + 2
    guard let q = try scanName(b, p, end) else { return nil }
    if q == p { throw .syntax(.expectedName, at: position(b, p)) }
    if q - p == 3 && (b[p] | 0x20) == 0x78 && (b[p + 1] | 0x20) == 0x6D && (b[p + 2] | 0x20) == 0x6C {
      if b[p] != 0x78 || b[p + 1] != 0x6D || b[p + 2] != 0x6C {
        throw .syntax(.invalidProcessingInstructionTarget, at: position(b, p))
      }
      if bufferOffset + start != declarationOffset {
        throw .syntax(.misplacedXMLDeclaration, at: position(b, start))
      }
      return try parseXMLDeclaration(b, q, end)
    }
    for i in p..<q where b[i] == 0x3A {
      throw .syntax(.invalidProcessingInstructionTarget, at: position(b, p))
    }
    let c = b[q]
    if c == 0x3F {
      if q + 1 >= end { return nil }
      if b[q + 1] != 0x3E { throw .syntax(.malformedProcessingInstruction, at: position(b, q)) }
      return q + 2
    }
    if classes[Int(c)] & ByteClass.spaceBit == 0 { throw .syntax(.malformedProcessingInstruction, at: position(b, q)) }
    construct = .processingInstruction
    return q + 1
  }

  /// Parses the rest of `<?xml` from `p`: `version` (1.x), then optional `encoding` (UTF-8 only) and
  /// `standalone` (yes/no), then `?>`. Returns the position after `?>`, or nil if the bytes ran out.
  mutating func parseXMLDeclaration(_ b: UnsafePointer<UInt8>, _ from: Int, _ end: Int) throws(XMLError) -> Int? {
    var p = from
    var next = 0  // 0: version required; 1: encoding or standalone allowed; 2: standalone allowed; 3: none
    while true {
      let spaceStart = p
      while p < end && (classes[Int(b[p])] & ByteClass.spaceBit != 0) { p += 1 }
      if p >= end { return nil }
      if b[p] == 0x3F {
        if p + 1 >= end { return nil }
        if b[p + 1] != 0x3E || next == 0 { throw .syntax(.malformedXMLDeclaration, at: position(b, p)) }
        return p + 2
      }
      if p == spaceStart { throw .syntax(.malformedXMLDeclaration, at: position(b, p)) }
      let nameStart = p
      while p < end && (b[p] | 0x20) >= 0x61 && (b[p] | 0x20) <= 0x7A { p += 1 }
      let nameEnd = p
      while p < end && (classes[Int(b[p])] & ByteClass.spaceBit != 0) { p += 1 }
      if p >= end { return nil }
      if b[p] != 0x3D { throw .syntax(.malformedXMLDeclaration, at: position(b, p)) }
      p += 1
      while p < end && (classes[Int(b[p])] & ByteClass.spaceBit != 0) { p += 1 }
      if p >= end { return nil }
      let quote = b[p]
      if quote != 0x22 && quote != 0x27 { throw .syntax(.malformedXMLDeclaration, at: position(b, p)) }
      p += 1
      let valueStart = p
      while true {
        if p >= end { return nil }
        let c = b[p]
        if c == quote { break }
        let isLetter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
        if !(isLetter || (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x5F || c == 0x2D) {
          throw .syntax(.malformedXMLDeclaration, at: position(b, p))
        }
        p += 1
      }
      let value = string(b, valueStart, p)
      p += 1
      switch string(b, nameStart, nameEnd) {
      case "version" where next == 0:
        let digits = value.utf8.dropFirst(2)
        if !value.hasPrefix("1.") || digits.isEmpty || !digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
          throw .syntax(.malformedXMLDeclaration, at: position(b, valueStart))
        }
        next = 1
      case "encoding" where next == 1:
        guard let first = value.utf8.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else {
          throw .syntax(.malformedXMLDeclaration, at: position(b, valueStart))
        }
        if value.lowercased() != "utf-8" { throw .unsupportedEncoding(value, at: position(b, valueStart)) }
        next = 2
      case "standalone" where next == 1 || next == 2:
        if value != "yes" && value != "no" { throw .syntax(.malformedXMLDeclaration, at: position(b, valueStart)) }
        next = 3
      default:
        throw .syntax(.malformedXMLDeclaration, at: position(b, nameStart))
      }
    }
  }
}
