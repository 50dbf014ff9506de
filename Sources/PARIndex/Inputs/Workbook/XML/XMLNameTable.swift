/// Interns byte strings to dense `UInt32` ids (0, 1, 2, …) with an open-addressing hash table over one byte
/// arena, so a name seen twenty million times is stored once and identified by an integer.
struct XMLByteInterner: Sendable {
  /// All interned strings, back to back.
  private(set) var arena: [UInt8] = []
  /// Per id: arena offset in the high 32 bits, length in the low 32 bits.
  private var spans: [UInt64] = []
  /// Per id: the full 64-bit hash.
  private var hashes: [UInt64] = []
  /// Hash slots holding `id + 1`; 0 is empty. The count is a power of two.
  private var slots: [UInt32] = Array(repeating: 0, count: 64)

  /// Number of interned strings.
  var count: Int { spans.count }

  /// FNV-1a over `p[0..<n]`.
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100_0000_01B3 }
    return h ^ (h >> 29)
  }

  /// The id of `p[0..<n]` if interned.
  func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32? {
    let h = Self.hash(p, n)
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s == 0 { return nil }
      let id = Int(s - 1)
      if hashes[id] == h && equals(id, p, n) { return s - 1 }
      i = (i + 1) & mask
    }
  }

  /// Whether id `id` spells `p[0..<n]`.
  private func equals(_ id: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let span = spans[id]
    guard Int(span & 0xFFFF_FFFF) == n else { return false }
    let offset = Int(span >> 32)
    return arena.withUnsafeBufferPointer { a in
      for i in 0..<n where a[offset + i] != p[i] { return false }
      return true
    }
  }

  /// The id of `p[0..<n]`, interning it if new.
  mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
    if let id = find(p, n) { return id }
    let id = UInt32(spans.count)
    spans.append(UInt64(arena.count) << 32 | UInt64(n))
    hashes.append(Self.hash(p, n))
    arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    if spans.count * 2 > slots.count { rehash(slots.count * 2) } else { place(Int(id)) }
    return id
  }

  /// The id of a string, interning it if new.
  mutating func intern(_ s: String) -> UInt32 {
    var s = s
    return s.withUTF8 { u in u.isEmpty ? internEmpty() : intern(u.baseAddress!, u.count) }
  }

  /// The id of the empty string.
  private mutating func internEmpty() -> UInt32 {
    var zero: UInt8 = 0
    return withUnsafePointer(to: &zero) { intern($0, 0) }
  }

  /// The bytes of id `id` as a `String` (for messages and reverse lookups).
  func string(_ id: UInt32) -> String {
    guard Int(id) < spans.count else { return "" }
    let span = spans[Int(id)]
    let offset = Int(span >> 32)
    return String(decoding: arena[offset..<offset + Int(span & 0xFFFF_FFFF)], as: UTF8.self)
  }

  /// Inserts id `id` into the slots (known not to be present).
  private mutating func place(_ id: Int) {
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: hashes[id]) & mask
    while slots[i] != 0 { i = (i + 1) & mask }
    slots[i] = UInt32(id + 1)
  }

  /// Grows the slot array and re-inserts every id.
  private mutating func rehash(_ size: Int) {
    slots = Array(repeating: 0, count: size)
    for id in 0..<spans.count { place(id) }
  }
}

/// Interned names of one tokenizer: namespace URIs, local names, prefixes, and a cache from the raw bytes of a
/// qualified name (`x:c`, `r`, `xml:space`) to its prefix id, local-name id and kind, plus the prefix bindings
/// currently in scope. A qualified name of at most 8 (16) bytes is looked up by packing it into one (two)
/// `UInt64` keys.
/// The hot tables are raw memory owned by the (noncopyable) tokenizer, which calls `free()`; the table itself
/// is never copied.
struct XMLNameTable: @unchecked Sendable {
  /// Namespace URI id of "no namespace".
  static let noNamespace: UInt32 = 0
  /// Namespace URI id of `http://www.w3.org/XML/1998/namespace`.
  static let xmlNamespace: UInt32 = 1
  /// Namespace URI id of `http://www.w3.org/2000/xmlns/`.
  static let xmlnsNamespace: UInt32 = 2
  /// Prefix id of the empty prefix (the default namespace).
  static let defaultPrefix: UInt32 = 0
  /// Prefix id of `xml`.
  static let xmlPrefix: UInt32 = 1
  /// Prefix id of `xmlns`.
  static let xmlnsPrefix: UInt32 = 2
  /// `bindings` value of a prefix with no namespace in scope.
  static let unbound: UInt32 = .max

  /// Namespace URIs.
  var namespaces = XMLByteInterner()
  /// Local names.
  var locals = XMLByteInterner()
  /// Prefixes.
  var prefixes = XMLByteInterner()
  /// Qualified names of 9 to 16 bytes: slot `i` holds the first 8 bytes at `3 * i`, the rest (zero-padded) at
  /// `3 * i + 1` and the packed `QNameInfo` at `3 * i + 2`. An empty slot has 0 in its second word.
  private(set) var mediumTable: UnsafeMutablePointer<UInt64>
  /// Number of medium slots minus one.
  private(set) var mediumMask = 63
  /// Number of used medium slots.
  var mediumCount = 0
  /// Qualified names longer than 16 bytes; `longInfo[id]` is their packed `QNameInfo`.
  var longQNames = XMLByteInterner()
  /// Packed `QNameInfo` of each `longQNames` id.
  var longInfo: [UInt64] = []
  /// Short qualified names: slot `i` is the key at `2 * i` (the name's bytes, little-endian, zero-padded;
  /// names never contain NUL, so 0 marks an empty slot) and its packed `QNameInfo` at `2 * i + 1`.
  private(set) var shortTable: UnsafeMutablePointer<UInt64>
  /// Number of short slots minus one (a power of two minus one).
  private(set) var shortMask = 255
  /// Number of used short slots.
  var shortCount = 0
  /// Namespace id bound to each prefix id now, or `unbound`.
  var bindings = RawBuffer<UInt32>(capacity: 16)
  /// Bytes interned from documents so far, checked against `XMLLimits.maxNameTableBytes`.
  var documentBytes = 0

  /// Creates the table with the reserved namespaces and prefixes.
  init() {
    shortTable = .allocate(capacity: 2 * 256)
    shortTable.initialize(repeating: 0, count: 2 * 256)
    mediumTable = .allocate(capacity: 3 * 64)
    mediumTable.initialize(repeating: 0, count: 3 * 64)
    _ = namespaces.intern("")
    _ = namespaces.intern("http://www.w3.org/XML/1998/namespace")
    _ = namespaces.intern("http://www.w3.org/2000/xmlns/")
    _ = prefixes.intern("")
    _ = prefixes.intern("xml")
    _ = prefixes.intern("xmlns")
    bindings.append(Self.noNamespace)
    bindings.append(Self.xmlNamespace)
    bindings.append(Self.unbound)
  }

  /// Releases the raw tables (called by the tokenizer's `deinit`).
  func free() {
    shortTable.deallocate()
    mediumTable.deallocate()
    bindings.free()
  }

  /// Packs up to 8 name bytes into a lookup key.
  @inline(__always)
  static func shortKey(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var k: UInt64 = 0
    for i in 0..<n { k |= UInt64(p[i]) << UInt64(8 * i) }
    return k
  }

  /// Slot of a short key: the key itself, or the empty slot where it would go.
  @inline(__always)
  func shortSlot(_ key: UInt64) -> Int {
    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & shortMask
    while true {
      let k = shortTable[2 &* i]
      if k == key || k == 0 { return i }
      i = (i &+ 1) & shortMask
    }
  }

  /// The packed `QNameInfo` of a short qualified name given by its key, if it was seen before.
  @inline(__always)
  func lookup(key: UInt64) -> UInt64? {
    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & shortMask
    while true {
      let k = shortTable[2 &* i]
      if k == key { return shortTable[2 &* i &+ 1] }
      if k == 0 { return nil }
      i = (i &+ 1) & shortMask
    }
  }

  /// Slot of a medium name's two keys: the name itself, or the empty slot where it would go.
  @inline(__always)
  func mediumSlot(_ first: UInt64, _ rest: UInt64) -> Int {
    let mixed = (first ^ rest &* 0xC2B2_AE3D_27D4_EB4F) &* 0x9E37_79B9_7F4A_7C15
    var i = Int(truncatingIfNeeded: mixed >> 40) & mediumMask
    while true {
      let k = mediumTable[3 &* i &+ 1]
      if k == 0 || (k == rest && mediumTable[3 &* i] == first) { return i }
      i = (i &+ 1) & mediumMask
    }
  }

  /// The packed `QNameInfo` of a 9 to 16 byte qualified name given by its two keys, if seen before.
  @inline(__always)
  func lookup(first: UInt64, rest: UInt64) -> UInt64? {
    let i = mediumSlot(first, rest)
    return mediumTable[3 &* i &+ 1] == 0 ? nil : mediumTable[3 &* i &+ 2]
  }

  /// The packed `QNameInfo` of the qualified name `p[0..<n]` if it was seen before.
  @inline(__always)
  func lookup(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64? {
    if n <= 8 { return lookup(key: Self.shortKey(p, n)) }
    if n <= 16 { return lookup(first: Self.shortKey(p, 8), rest: Self.shortKey(p + 8, n - 8)) }
    guard let id = longQNames.find(p, n) else { return nil }
    return longInfo[Int(id)]
  }

  /// Records the packed info of a new qualified name.
  mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, info: UInt64) {
    documentBytes += n
    if n <= 8 {
      let key = Self.shortKey(p, n)
      let i = shortSlot(key)
      shortTable[2 * i] = key
      shortTable[2 * i + 1] = info
      shortCount += 1
      if shortCount * 2 > shortMask + 1 { growShort() }
      return
    }
    if n <= 16 {
      let first = Self.shortKey(p, 8)
      let rest = Self.shortKey(p + 8, n - 8)
      let i = mediumSlot(first, rest)
      mediumTable[3 * i] = first
      mediumTable[3 * i + 1] = rest
      mediumTable[3 * i + 2] = info
      mediumCount += 1
      if mediumCount * 2 > mediumMask + 1 { growMedium() }
      return
    }
    let id = longQNames.intern(p, n)
    if Int(id) == longInfo.count { longInfo.append(info) } else { longInfo[Int(id)] = info }
  }

  /// Doubles the medium-name table.
  private mutating func growMedium() {
    let old = mediumTable
    let oldSlots = mediumMask + 1
    mediumMask = 2 * oldSlots - 1
    mediumTable = .allocate(capacity: 6 * oldSlots)
    mediumTable.initialize(repeating: 0, count: 6 * oldSlots)
    for j in 0..<oldSlots where old[3 * j + 1] != 0 {
      let i = mediumSlot(old[3 * j], old[3 * j + 1])
      mediumTable[3 * i] = old[3 * j]
      mediumTable[3 * i + 1] = old[3 * j + 1]
      mediumTable[3 * i + 2] = old[3 * j + 2]
    }
    old.deallocate()
  }

  /// Doubles the short-name table.
  private mutating func growShort() {
    let old = shortTable
    let oldSlots = shortMask + 1
    shortMask = 2 * oldSlots - 1
    shortTable = .allocate(capacity: 4 * oldSlots)
    shortTable.initialize(repeating: 0, count: 4 * oldSlots)
    for j in 0..<oldSlots where old[2 * j] != 0 {
      let i = shortSlot(old[2 * j])
      shortTable[2 * i] = old[2 * j]
      shortTable[2 * i + 1] = old[2 * j + 1]
    }
    old.deallocate()
  }

  /// Interns a prefix from the document, giving new prefixes an unbound binding.
  mutating func internPrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
    let before = prefixes.count
    let id = prefixes.intern(p, n)
    if prefixes.count != before {
      documentBytes += n
      bindings.append(Self.unbound)
    }
    return id
  }

  /// Interns a local name from the document.
  mutating func internLocal(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
    let before = locals.count
    let id = locals.intern(p, n)
    if locals.count != before { documentBytes += n }
    return id
  }

  /// Interns a namespace URI from the document.
  mutating func internNamespace(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
    let before = namespaces.count
    let id = namespaces.intern(p, n)
    if namespaces.count != before { documentBytes += n }
    return id
  }
}

/// What a qualified name is, packed in a `UInt64`: local-name id in bits 0–31, prefix id in bits 32–61 and the
/// kind in bits 62–63.
enum QNameInfo {
  /// An ordinary name `local` or `prefix:local`.
  static let plain: UInt64 = 0
  /// `xmlns`: declares the default namespace (as an element name it is just the local name `xmlns`).
  static let defaultDeclaration: UInt64 = 1
  /// `xmlns:p`: declares prefix `p` (the prefix field holds `p`'s id).
  static let prefixDeclaration: UInt64 = 2

  /// Packs the parts.
  @inline(__always)
  static func pack(kind: UInt64, prefix: UInt32, local: UInt32) -> UInt64 {
    kind << 62 | UInt64(prefix) << 32 | UInt64(local)
  }

  /// The kind field.
  @inline(__always)
  static func kind(_ info: UInt64) -> UInt64 { info >> 62 }

  /// The prefix field (the declared prefix for a declaration).
  @inline(__always)
  static func prefix(_ info: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: info >> 32) & 0x3FFF_FFFF }

  /// The local-name field.
  @inline(__always)
  static func local(_ info: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: info) }
}
