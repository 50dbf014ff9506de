/// Which of the three Huffman codes of a DEFLATE stream an error is about.
enum HuffmanCodeKind: String, Sendable, Equatable {
  /// The code that encodes the code lengths of the other two codes (dynamic blocks only).
  case codeLengths = "code-length"
  /// The literal/length code.
  case literalLength = "literal/length"
  /// The distance code.
  case distance
}

/// A malformed or over-long DEFLATE stream. `offset` is the input byte where the problem was seen.
enum InflateError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Block type 3 (reserved).
  case invalidBlockType(offset: Int)
  /// A stored block whose LEN is not the complement of NLEN.
  case storedLengthMismatch(offset: Int)
  /// A dynamic block declaring more than 286 literal/length or 30 distance codes.
  case tooManySymbols(literalLength: Int, distance: Int, offset: Int)
  /// Code lengths that describe more codes than fit (Kraft sum above one).
  case overSubscribedCode(HuffmanCodeKind, offset: Int)
  /// Code lengths that leave codes unused where RFC 1951 (as zlib reads it) forbids it.
  case incompleteCode(HuffmanCodeKind, offset: Int)
  /// Code-length symbol 16 ("repeat previous") as the very first length.
  case repeatWithoutPrevious(offset: Int)
  /// A code-length repeat running past the declared number of lengths.
  case codeLengthsOverflow(offset: Int)
  /// A dynamic block whose literal/length code has no end-of-block symbol.
  case missingEndOfBlock(offset: Int)
  /// A bit pattern that is no code, or a reserved symbol (literal/length 286–287, distance 30–31).
  case invalidCode(HuffmanCodeKind, offset: Int)
  /// A match reaching back before the start of the output.
  case distanceTooFar(distance: Int, available: Int, offset: Int)
  /// The input ended before the final block did.
  case truncatedInput(offset: Int)
  /// The stream decodes to more than the caller's limit.
  case outputLimitExceeded(limit: Int)

  /// A short English message; the cases carry the data for other renderings.
  var description: String {
    switch self {
    case .invalidBlockType(let offset):
      return "deflate: invalid block type 3 at byte \(offset)"
    case .storedLengthMismatch(let offset):
      return "deflate: stored block length does not match its complement at byte \(offset)"
    case .tooManySymbols(let lit, let dist, let offset):
      return "deflate: too many codes (\(lit) literal/length, \(dist) distance) at byte \(offset)"
    case .overSubscribedCode(let kind, let offset):
      return "deflate: over-subscribed \(kind.rawValue) code at byte \(offset)"
    case .incompleteCode(let kind, let offset):
      return "deflate: incomplete \(kind.rawValue) code at byte \(offset)"
    case .repeatWithoutPrevious(let offset):
      return "deflate: code length repeat with no previous length at byte \(offset)"
    case .codeLengthsOverflow(let offset):
      return "deflate: code length repeat runs past the end at byte \(offset)"
    case .missingEndOfBlock(let offset):
      return "deflate: literal/length code has no end-of-block code at byte \(offset)"
    case .invalidCode(let kind, let offset):
      return "deflate: invalid \(kind.rawValue) code at byte \(offset)"
    case .distanceTooFar(let distance, let available, let offset):
      return "deflate: distance \(distance) reaches before the output start (\(available) bytes) at byte \(offset)"
    case .truncatedInput(let offset):
      return "deflate: input ends early at byte \(offset)"
    case .outputLimitExceeded(let limit):
      return "deflate: output exceeds the limit of \(limit) bytes"
    }
  }
}

/// A raw DEFLATE (RFC 1951) decoder.
///
/// The whole input is in memory; output goes to a caller's closure in chunks of about
/// `chunkSize` bytes, so memory use is fixed (about 300 KiB) whatever the output size.
/// Decoding is table-driven: an 11-bit primary table for literal/length codes and an 8-bit one
/// for distances, with secondary tables for longer codes; a 64-bit bit buffer is refilled eight
/// bytes at a time in the fast loop, and matches are copied eight or sixteen bytes at a time.
enum Inflate {
  /// History a match may reach back into (RFC 1951 maximum distance).
  static let windowSize = 32_768
  /// Default size of the chunks handed to the output closure.
  static let chunkSize = 256 * 1024
  /// Bits indexed by the primary literal/length table.
  static let litRootBits = 11
  /// Bits indexed by the primary distance table.
  static let distRootBits = 8
  /// Bits indexed by the code-length table (code lengths are at most 7 bits: no secondary tables).
  static let codeLengthRootBits = 7
  /// Entries reserved for the literal/length table (primary + secondaries; 2342 is the proven maximum).
  static let litTableCapacity = 2_560
  /// Entries reserved for the distance table (402 is the proven maximum).
  static let distTableCapacity = 512

  // Table entry layout (UInt32):
  //   bits 0-7   bits to consume (the full code length, also for secondary-table entries)
  //   bits 8-11  extra bits (length/distance), or index bits of the secondary table
  //   bits 12-15 flags below (none set: a length or distance)
  //   bits 16-31 literal byte, length/distance base, code-length symbol, or secondary table start
  static let flagLiteral: UInt32 = 0x8000
  static let flagSubtable: UInt32 = 0x4000
  static let flagEndOfBlock: UInt32 = 0x2000
  static let flagInvalid: UInt32 = 0x1000

  /// Base match length of literal/length symbols 257...285.
  static let lengthBase: [UInt16] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
  ]
  /// Extra bits of literal/length symbols 257...285.
  static let lengthExtra: [UInt8] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  /// Base distance of distance symbols 0...29.
  static let distanceBase: [UInt16] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
    6145, 8193, 12289, 16385, 24577,
  ]
  /// Extra bits of distance symbols 0...29.
  static let distanceExtra: [UInt8] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
  ]
  /// The order in which code-length code lengths are transmitted.
  static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  /// Decompresses `input` (raw deflate), passing the output to `chunk` piece by piece.
  ///
  /// `chunk` returns false to stop early; decoding then ends without error and the result
  /// tells how far it got. Output beyond `outputLimit` bytes is an error, detected before it
  /// is produced. Bytes after the final block are left alone (`consumedInput` tells where it ended).
  /// Pieces handed to `chunk` are `chunkSize` bytes (at least 1), or up to 257 more when a match
  /// straddles the boundary; the last piece may be shorter. Tests vary it.
  static func inflate(
    _ input: UnsafeRawBufferPointer, outputLimit: Int, chunkSize: Int = Inflate.chunkSize,
    chunk: (UnsafeRawBufferPointer) -> Bool
  ) throws(InflateError) -> (consumedInput: Int, producedOutput: Int) {
    guard let start = input.baseAddress, input.count > 0 else { throw .truncatedInput(offset: 0) }
    // Small outputs get a small buffer: output never passes the limit, and a window slide can only
    // happen once the output is complete, so limit + margin is enough room when it is below a chunk.
    let outputLimit = max(0, outputLimit)
    let chunkSize = max(1, min(chunkSize, outputLimit))
    let outCapacity = min(windowSize + chunkSize, max(1, outputLimit)) + 512
    let tableCount = litTableCapacity + distTableCapacity + (1 << codeLengthRootBits)
    let out = UnsafeMutablePointer<UInt8>.allocate(capacity: outCapacity)
    let tables = UnsafeMutablePointer<UInt32>.allocate(capacity: tableCount)
    let scratch = UnsafeMutablePointer<UInt16>.allocate(capacity: 512)
    let lens = UnsafeMutablePointer<UInt8>.allocate(capacity: 320)
    defer {
      out.deallocate()
      tables.deallocate()
      scratch.deallocate()
      lens.deallocate()
    }
    var state = InflateState(
      input: start, count: input.count, outputLimit: outputLimit, out: out, chunkSize: chunkSize,
      tables: tables, scratch: scratch, lens: lens)
    try state.run(chunk)
    return (state.consumedInput, state.producedOutput)
  }

  /// Decompresses `input` (raw deflate) into one array of at most `outputLimit` bytes.
  static func inflate(_ input: [UInt8], outputLimit: Int) throws(InflateError) -> [UInt8] {
    var output: [UInt8] = []
    try input.withRawBytes { (raw) throws(InflateError) in
      _ = try inflate(raw, outputLimit: outputLimit) { piece in
        output.append(contentsOf: piece)
        return true
      }
    }
    return output
  }
}

/// The decoder's working state: input cursor, bit buffer, sliding output buffer and tables.
///
/// The output buffer holds the 32 KiB of history followed by up to `chunkSize` new bytes (plus
/// one match), so a match never wraps; when it fills, the new bytes go to the closure and the
/// last 32 KiB move to the front. All memory is allocated by `Inflate.inflate` and freed when it returns.
struct InflateState {
  /// First input byte.
  let inStart: UnsafeRawPointer
  /// One past the last input byte.
  let inEnd: UnsafeRawPointer
  /// Next input byte not yet in the bit buffer.
  var inPtr: UnsafeRawPointer
  /// Pending bits, least significant first; bits above `bitCount` are zero or the next input bits.
  var bitBuf: UInt64 = 0
  /// Number of valid bits in `bitBuf` (at most 63), including `overread` virtual zero bytes.
  var bitCount: Int = 0
  /// Zero bytes appended past the end of input; consuming any of them means truncated input.
  var overread: Int = 0

  /// Output buffer: history plus pending bytes.
  let out: UnsafeMutablePointer<UInt8>
  /// Next write index in `out`.
  var pos: Int = 0
  /// Bytes of `out` before this index were already handed to the closure.
  var flushed: Int = 0
  /// Total output bytes that preceded `out[0]` (slid out of the buffer).
  var base: Int = 0
  /// The caller's output limit.
  let outputLimit: Int
  /// Largest piece handed to the closure.
  let chunkSize: Int
  /// When `pos` reaches this, pending output is flushed and the window slides.
  var flushAt: Int
  /// Set when the closure asked to stop.
  var stopped = false

  /// Literal/length decode table.
  let lit: UnsafeMutablePointer<UInt32>
  /// Distance decode table.
  let dist: UnsafeMutablePointer<UInt32>
  /// Code-length decode table.
  let cl: UnsafeMutablePointer<UInt32>
  /// Scratch for the table builder: sorted symbols (320), counts (16), offsets (16).
  let scratch: UnsafeMutablePointer<UInt16>
  /// Code lengths of the current dynamic block (literal/length then distance).
  let lens: UnsafeMutablePointer<UInt8>
  /// True while `lit` and `dist` hold the fixed-Huffman tables.
  var tablesAreFixed = false

  /// Sets up decoding of `count` bytes at `input` into the given buffers.
  init(
    input: UnsafeRawPointer, count: Int, outputLimit: Int, out: UnsafeMutablePointer<UInt8>, chunkSize: Int,
    tables: UnsafeMutablePointer<UInt32>, scratch: UnsafeMutablePointer<UInt16>, lens: UnsafeMutablePointer<UInt8>
  ) {
    inStart = input
    inEnd = input + count
    inPtr = input
    self.outputLimit = outputLimit
    self.out = out
    self.chunkSize = chunkSize
    flushAt = chunkSize
    lit = tables
    dist = tables + Inflate.litTableCapacity
    cl = dist + Inflate.distTableCapacity
    self.scratch = scratch
    self.lens = lens
  }

  /// Input bytes used: everything up to the byte holding the last consumed bit.
  var consumedInput: Int {
    (inPtr - inStart) - max(0, bitCount - overread * 8) / 8
  }

  /// The input byte holding the next unread bit: where an error is reported.
  var errorOffset: Int {
    ((inPtr - inStart) * 8 - max(0, bitCount - overread * 8)) / 8
  }

  /// Total bytes produced so far.
  var producedOutput: Int { base + pos }

  /// True if virtual bytes past the end of input were consumed.
  @inline(__always) var overranInput: Bool { bitCount < overread * 8 }

  // MARK: Bits

  /// Tops the bit buffer up to at least 56 bits a byte at a time, padding with zeros past the end.
  @inline(__always) mutating func refillSlow() {
    while bitCount < 56 {
      if inPtr < inEnd {
        bitBuf |= UInt64(inPtr.load(as: UInt8.self)) &<< UInt64(bitCount)
        inPtr += 1
      } else {
        overread += 1
      }
      bitCount += 8
    }
  }

  /// Drops `n` bits from the bit buffer.
  @inline(__always) mutating func consume(_ n: Int) {
    bitBuf = bitBuf &>> UInt64(n)
    bitCount -= n
  }

  /// Reads an `n`-bit value (n ≤ 32), least significant bit first.
  @inline(__always) mutating func bits(_ n: Int) throws(InflateError) -> Int {
    if bitCount < n { refillSlow() }
    let v = Int(truncatingIfNeeded: bitBuf & ((1 &<< UInt64(n)) &- 1))
    consume(n)
    if overranInput { throw .truncatedInput(offset: errorOffset) }
    return v
  }

  /// Looks up the next symbol of a table; the caller makes sure the bit buffer is full.
  @inline(__always) func lookup(_ table: UnsafeMutablePointer<UInt32>, rootBits: Int) -> UInt32 {
    let e = table[Int(truncatingIfNeeded: bitBuf & ((1 &<< UInt64(rootBits)) &- 1))]
    if e & Inflate.flagSubtable == 0 { return e }
    let subMask = (UInt64(1) &<< UInt64((e >> 8) & 0xF)) &- 1
    return table[Int(e >> 16) + Int(truncatingIfNeeded: (bitBuf &>> UInt64(rootBits)) & subMask)]
  }

  // MARK: Output

  /// Hands pending output to the closure and slides the window: the last 32 KiB move to the front.
  /// Returns false (and sets `stopped`) if the closure asked to stop.
  mutating func flush(_ sink: (UnsafeRawBufferPointer) -> Bool) -> Bool {
    if pos > flushed {
      let ok = sink(UnsafeRawBufferPointer(start: out + flushed, count: pos - flushed))
      flushed = pos
      if !ok {
        stopped = true
        return false
      }
    }
    let keep = Inflate.windowSize
    if pos > keep {
      // Regions may overlap when chunkSize < 32 KiB; copyMemory is a memmove.
      UnsafeMutableRawPointer(out).copyMemory(from: out + (pos - keep), byteCount: keep)
      base += pos - keep
      pos = keep
      flushed = keep
    }
    flushAt = flushed + chunkSize
    return true
  }

  // MARK: Blocks

  /// Decodes blocks until the final one ends (or the closure stops), then flushes the rest.
  mutating func run(_ sink: (UnsafeRawBufferPointer) -> Bool) throws(InflateError) {
    var isFinal = false
    repeat {
      isFinal = try bits(1) == 1
      switch try bits(2) {
      case 0:
        try storedBlock(sink)
      case 1:
        if !tablesAreFixed { try buildFixedTables() }
        try huffmanBlock(sink)
      case 2:
        try readDynamicTables()
        try huffmanBlock(sink)
      default:
        throw .invalidBlockType(offset: errorOffset)
      }
      if stopped { return }
    } while !isFinal
    _ = flush(sink)
  }

  /// Copies a stored block (byte-aligned LEN, NLEN, then LEN raw bytes).
  mutating func storedBlock(_ sink: (UnsafeRawBufferPointer) -> Bool) throws(InflateError) {
    consume(bitCount & 7)
    // Give back whole bytes still in the bit buffer and read directly from the input.
    inPtr -= (bitCount - overread * 8) / 8
    bitBuf = 0
    bitCount = 0
    overread = 0
    guard inEnd - inPtr >= 4 else { throw .truncatedInput(offset: inEnd - inStart) }
    let len = Int(inPtr.load(as: UInt8.self)) | Int(inPtr.load(fromByteOffset: 1, as: UInt8.self)) << 8
    let nlen =
      Int(inPtr.load(fromByteOffset: 2, as: UInt8.self)) | Int(inPtr.load(fromByteOffset: 3, as: UInt8.self)) << 8
    guard len == (~nlen & 0xFFFF) else { throw .storedLengthMismatch(offset: inPtr - inStart) }
    inPtr += 4
    if producedOutput + len > outputLimit { throw .outputLimitExceeded(limit: outputLimit) }
    var remaining = len
    while remaining > 0 {
      if pos >= flushAt, !flush(sink) { return }
      let available = inEnd - inPtr
      guard available > 0 else { throw .truncatedInput(offset: inEnd - inStart) }
      let n = min(remaining, flushAt - pos, available)
      (out + pos).update(from: inPtr.assumingMemoryBound(to: UInt8.self), count: n)
      inPtr += n
      pos += n
      remaining -= n
    }
  }

  /// Decodes one Huffman-coded block with the current tables.
  mutating func huffmanBlock(_ sink: (UnsafeRawBufferPointer) -> Bool) throws(InflateError) {
    while true {
      if pos >= flushAt, !flush(sink) { return }
      if try fastLoop() { return }
      if pos >= flushAt { continue }
      if try slowSymbol() { return }
    }
  }

  /// Decodes symbols while at least 8 input bytes and 258 bytes of output room remain.
  /// Returns true at the end of the block, false when the slow path must take over.
  mutating func fastLoop() throws(InflateError) -> Bool {
    var bb = bitBuf
    var bl = bitCount
    var ip = inPtr
    var p = pos
    defer {
      bitBuf = bb
      bitCount = bl
      inPtr = ip
      pos = p
    }
    let out = self.out
    let lit = self.lit
    let dist = self.dist
    if inEnd - ip < 8 { return false }
    let fastInEnd = inEnd - 8
    let fastOutEnd = min(flushAt, outputLimit - base - 258)
    let litMask = UInt64(1 &<< Inflate.litRootBits) &- 1
    let distMask = UInt64(1 &<< Inflate.distRootBits) &- 1
    while p < fastOutEnd && ip <= fastInEnd {
      // Refill to 56...63 bits: load 8 bytes, keep as many whole bytes as fit.
      bb |= UInt64(littleEndian: ip.loadUnaligned(as: UInt64.self)) &<< UInt64(bl)
      ip += (63 &- bl) &>> 3
      bl |= 56

      var e = lit[Int(truncatingIfNeeded: bb & litMask)]
      if e & Inflate.flagSubtable != 0 {
        let subMask = (UInt64(1) &<< UInt64((e >> 8) & 0xF)) &- 1
        e = lit[Int(e >> 16) &+ Int(truncatingIfNeeded: (bb &>> UInt64(Inflate.litRootBits)) & subMask)]
      }
      bb = bb &>> UInt64(e & 0xFF)
      bl &-= Int(e & 0xFF)
      if e & Inflate.flagLiteral != 0 {
        out[p] = UInt8(truncatingIfNeeded: e >> 16)
        p &+= 1
        // A second literal without refilling when enough bits remain (at least 15 for any code).
        if bl >= 15 {
          let e2 = lit[Int(truncatingIfNeeded: bb & litMask)]
          if e2 & Inflate.flagLiteral != 0 {
            bb = bb &>> UInt64(e2 & 0xFF)
            bl &-= Int(e2 & 0xFF)
            out[p] = UInt8(truncatingIfNeeded: e2 >> 16)
            p &+= 1
          }
        }
        continue
      }
      if e & (Inflate.flagEndOfBlock | Inflate.flagInvalid) != 0 {
        if e & Inflate.flagEndOfBlock != 0 { return true }
        throw .invalidCode(.literalLength, offset: ((ip - inStart) * 8 - bl) / 8)
      }
      let lenExtra = UInt64((e >> 8) & 0xF)
      let length = Int(e >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< lenExtra) &- 1))
      bb = bb &>> lenExtra
      bl &-= Int(lenExtra)

      var d = dist[Int(truncatingIfNeeded: bb & distMask)]
      if d & Inflate.flagSubtable != 0 {
        let subMask = (UInt64(1) &<< UInt64((d >> 8) & 0xF)) &- 1
        d = dist[Int(d >> 16) &+ Int(truncatingIfNeeded: (bb &>> UInt64(Inflate.distRootBits)) & subMask)]
      }
      if d & Inflate.flagInvalid != 0 {
        throw .invalidCode(.distance, offset: ((ip - inStart) * 8 - bl) / 8)
      }
      bb = bb &>> UInt64(d & 0xFF)
      bl &-= Int(d & 0xFF)
      let distExtra = UInt64((d >> 8) & 0xF)
      let distance = Int(d >> 16) &+ Int(truncatingIfNeeded: bb & ((1 &<< distExtra) &- 1))
      bb = bb &>> distExtra
      bl &-= Int(distExtra)
      if distance > p {
        throw .distanceTooFar(distance: distance, available: base + p, offset: ((ip - inStart) * 8 - bl) / 8)
      }
      InflateState.copyMatch(out + p, distance: distance, length: length)
      p &+= length
    }
    return false
  }

  /// Copies a match of `length` bytes from `distance` bytes back; may write up to 15 bytes past the end
  /// (the buffer has room), which later output overwrites.
  @inline(__always)
  static func copyMatch(_ dst: UnsafeMutablePointer<UInt8>, distance: Int, length: Int) {
    var d = UnsafeMutableRawPointer(dst)
    let end = d + length
    var s = UnsafeRawPointer(dst - distance)
    if distance >= 16 {
      repeat {
        let a = s.loadUnaligned(as: UInt64.self)
        let b = s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        d.storeBytes(of: a, as: UInt64.self)
        d.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
        s += 16
        d += 16
      } while d < end
    } else if distance >= 8 {
      repeat {
        d.storeBytes(of: s.loadUnaligned(as: UInt64.self), as: UInt64.self)
        s += 8
        d += 8
      } while d < end
    } else if distance == 1 {
      let v = UInt64(s.load(as: UInt8.self)) &* 0x0101_0101_0101_0101
      repeat {
        d.storeBytes(of: v, as: UInt64.self)
        d += 8
      } while d < end
    } else {
      // Short period: copy byte by byte until the period repeats often enough, then by words.
      let src = dst - distance
      for i in 0..<min(length, 16) { dst[i] = src[i] }
      if length > 16 {
        // dst[0..<16] now holds the pattern; a step that is a multiple of the period keeps it.
        let step = (16 / distance) * distance
        s = UnsafeRawPointer(dst)
        d = UnsafeMutableRawPointer(dst + step)
        repeat {
          d.storeBytes(of: s.loadUnaligned(as: UInt64.self), as: UInt64.self)
          s += 8
          d += 8
        } while d < end
      }
    }
  }

  /// Decodes one symbol with every bound checked (near the end of input, output room or limit).
  /// Returns true at the end of the block. The caller guarantees `pos < flushAt`.
  mutating func slowSymbol() throws(InflateError) -> Bool {
    refillSlow()
    let e = lookup(lit, rootBits: Inflate.litRootBits)
    consume(Int(e & 0xFF))
    if overranInput { throw .truncatedInput(offset: inEnd - inStart) }
    if e & Inflate.flagLiteral != 0 {
      if producedOutput + 1 > outputLimit { throw .outputLimitExceeded(limit: outputLimit) }
      out[pos] = UInt8(truncatingIfNeeded: e >> 16)
      pos += 1
      return false
    }
    if e & Inflate.flagEndOfBlock != 0 { return true }
    if e & Inflate.flagInvalid != 0 {
      throw .invalidCode(.literalLength, offset: errorOffset)
    }
    let lenExtra = Int((e >> 8) & 0xF)
    let length = Int(e >> 16) + Int(truncatingIfNeeded: bitBuf & ((1 &<< UInt64(lenExtra)) &- 1))
    consume(lenExtra)
    let d = lookup(dist, rootBits: Inflate.distRootBits)
    consume(Int(d & 0xFF))
    if overranInput { throw .truncatedInput(offset: inEnd - inStart) }
    if d & Inflate.flagInvalid != 0 {
      throw .invalidCode(.distance, offset: errorOffset)
    }
    let distExtra = Int((d >> 8) & 0xF)
    let distance = Int(d >> 16) + Int(truncatingIfNeeded: bitBuf & ((1 &<< UInt64(distExtra)) &- 1))
    consume(distExtra)
    if overranInput { throw .truncatedInput(offset: inEnd - inStart) }
    if distance > pos { throw .distanceTooFar(distance: distance, available: base + pos, offset: errorOffset) }
    if producedOutput + length > outputLimit { throw .outputLimitExceeded(limit: outputLimit) }
    let src = out + (pos - distance)
    let dst = out + pos
    for i in 0..<length { dst[i] = src[i] }
    pos += length
    return false
  }

  // MARK: Tables

  /// Installs the fixed literal/length and distance codes of RFC 1951 section 3.2.6.
  mutating func buildFixedTables() throws(InflateError) {
    for i in 0..<144 { lens[i] = 8 }
    for i in 144..<256 { lens[i] = 9 }
    for i in 256..<280 { lens[i] = 7 }
    for i in 280..<288 { lens[i] = 8 }
    for i in 288..<320 { lens[i] = 5 }
    try buildTable(lengths: lens, count: 288, kind: .literalLength)
    try buildTable(lengths: lens + 288, count: 32, kind: .distance)
    tablesAreFixed = true
  }

  /// Reads the code-length code and the code lengths of a dynamic block, then builds its tables.
  mutating func readDynamicTables() throws(InflateError) {
    tablesAreFixed = false
    let headerOffset = errorOffset
    let nlit = try bits(5) + 257
    let ndist = try bits(5) + 1
    let nclen = try bits(4) + 4
    guard nlit <= 286, ndist <= 30 else {
      throw .tooManySymbols(literalLength: nlit, distance: ndist, offset: headerOffset)
    }
    for i in 0..<19 { lens[i] = 0 }
    for i in 0..<nclen { lens[Inflate.codeLengthOrder[i]] = UInt8(try bits(3)) }
    try buildTable(lengths: lens, count: 19, kind: .codeLengths)

    let total = nlit + ndist
    var i = 0
    while i < total {
      refillSlow()
      let e = cl[Int(truncatingIfNeeded: bitBuf & 0x7F)]
      consume(Int(e & 0xFF))
      if overranInput { throw .truncatedInput(offset: inEnd - inStart) }
      let symbol = Int(e >> 16)
      if symbol < 16 {
        lens[i] = UInt8(symbol)
        i += 1
        continue
      }
      let value: UInt8
      let repeatCount: Int
      switch symbol {
      case 16:
        guard i > 0 else { throw .repeatWithoutPrevious(offset: errorOffset) }
        value = lens[i - 1]
        repeatCount = 3 + (try bits(2))
      case 17:
        value = 0
        repeatCount = 3 + (try bits(3))
      default:
        value = 0
        repeatCount = 11 + (try bits(7))
      }
      guard i + repeatCount <= total else { throw .codeLengthsOverflow(offset: errorOffset) }
      for k in i..<(i + repeatCount) { lens[k] = value }
      i += repeatCount
    }
    guard lens[256] != 0 else { throw .missingEndOfBlock(offset: errorOffset) }
    // The distance lengths follow the literal/length ones; the table reads them in place.
    try buildTable(lengths: lens, count: nlit, kind: .literalLength)
    try buildTable(lengths: lens + nlit, count: ndist, kind: .distance)
  }

  /// The table entry for `symbol` of a code of `kind`, with a code length of `length` bits.
  @inline(__always)
  static func entry(_ kind: HuffmanCodeKind, symbol: Int, length: Int) -> UInt32 {
    let len = UInt32(length)
    switch kind {
    case .codeLengths:
      return UInt32(symbol) << 16 | len
    case .literalLength:
      if symbol < 256 { return UInt32(symbol) << 16 | Inflate.flagLiteral | len }
      if symbol == 256 { return Inflate.flagEndOfBlock | len }
      if symbol <= 285 {
        let i = symbol - 257
        return UInt32(Inflate.lengthBase[i]) << 16 | UInt32(Inflate.lengthExtra[i]) << 8 | len
      }
      return Inflate.flagInvalid | len
    case .distance:
      if symbol < 30 {
        return UInt32(Inflate.distanceBase[symbol]) << 16 | UInt32(Inflate.distanceExtra[symbol]) << 8 | len
      }
      return Inflate.flagInvalid | len
    }
  }

  /// Builds the decode table of a canonical Huffman code from its code lengths (zlib's inftrees method).
  ///
  /// Over-subscribed lengths are always an error; an incomplete code is allowed only for a
  /// literal/length or distance code made of a single one-bit code (as zlib), or a distance code
  /// with no codes at all. Unused bit patterns decode to invalid entries.
  mutating func buildTable(
    lengths: UnsafeMutablePointer<UInt8>, count: Int, kind: HuffmanCodeKind
  ) throws(InflateError) {
    let table: UnsafeMutablePointer<UInt32>
    let root: Int
    let capacity: Int
    switch kind {
    case .codeLengths: (table, root, capacity) = (cl, Inflate.codeLengthRootBits, 1 << Inflate.codeLengthRootBits)
    case .literalLength: (table, root, capacity) = (lit, Inflate.litRootBits, Inflate.litTableCapacity)
    case .distance: (table, root, capacity) = (dist, Inflate.distRootBits, Inflate.distTableCapacity)
    }
    let sorted = scratch
    let counts = scratch + 320
    let offsets = scratch + 336
    for l in 0..<16 { counts[l] = 0 }
    for s in 0..<count { counts[Int(lengths[s])] += 1 }
    var maxLen = 15
    while maxLen > 0 && counts[maxLen] == 0 { maxLen -= 1 }
    let rootSize = 1 << root
    if maxLen == 0 {
      // No codes: legal for distances only (a block of literals); any lookup is invalid.
      if kind != .distance { throw .incompleteCode(kind, offset: errorOffset) }
      for k in 0..<rootSize { table[k] = Inflate.flagInvalid }
      return
    }
    var left = 1
    for l in 1...15 {
      left <<= 1
      left -= Int(counts[l])
      if left < 0 { throw .overSubscribedCode(kind, offset: errorOffset) }
    }
    if left > 0 {
      if kind == .codeLengths || maxLen != 1 { throw .incompleteCode(kind, offset: errorOffset) }
      for k in 0..<rootSize { table[k] = Inflate.flagInvalid | 1 }
    }
    offsets[1] = 0
    for l in 1..<15 { offsets[l + 1] = offsets[l] + counts[l] }
    for s in 0..<count where lengths[s] != 0 {
      let l = Int(lengths[s])
      sorted[Int(offsets[l])] = UInt16(s)
      offsets[l] += 1
    }

    let mask = rootSize - 1
    var huff = 0  // current code, bit-reversed
    var sym = 0
    var len = Int(lengths[Int(sorted[0])])
    var curr = root  // index bits of the table being filled
    var drop = 0  // bits resolved by the primary table (0 while filling it)
    var low = -1  // primary index of the current secondary table
    var next = 0  // start of the table being filled
    var used = rootSize
    while true {
      let e = InflateState.entry(kind, symbol: Int(sorted[sym]), length: len)
      let incr = 1 << (len - drop)
      var fill = 1 << curr
      let size = fill
      repeat {
        fill -= incr
        table[next + (huff >> drop) + fill] = e
      } while fill != 0
      // Increment the bit-reversed code.
      var step = 1 << (len - 1)
      while huff & step != 0 { step >>= 1 }
      huff = step != 0 ? (huff & (step - 1)) + step : 0
      sym += 1
      counts[len] -= 1
      if counts[len] == 0 {
        if len == maxLen { break }
        len = Int(lengths[Int(sorted[sym])])
      }
      if len > root && (huff & mask) != low {
        if drop == 0 { drop = root }
        next += size
        curr = len - drop
        var room = 1 << curr
        while curr + drop < maxLen {
          room -= Int(counts[curr + drop])
          if room <= 0 { break }
          curr += 1
          room <<= 1
        }
        used += 1 << curr
        // Cannot happen for a complete code within the proven bounds; guards memory regardless.
        if used > capacity { throw .overSubscribedCode(kind, offset: errorOffset) }
        low = huff & mask
        table[low] = UInt32(next) << 16 | Inflate.flagSubtable | UInt32(curr) << 8 | UInt32(root)
      }
    }
  }
}
