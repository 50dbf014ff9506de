import Foundation
import Testing

@testable import PARIndex

/// Test helpers: fixture loading and a bit writer to craft DEFLATE streams by hand.
enum ZIPFixtures {
  /// The folder holding the committed fixtures.
  static let directory: URL = URL(fileURLWithPath: Repository.fixtures + "/ZIP")

  /// The bytes of fixture `name`; fails the test (and returns []) when it is missing.
  static func bytes(_ name: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
      Issue.record("missing fixture \(name)")
      return []
    }
    return [UInt8](data)
  }

  /// True if fixture `name` exists (tool-made fixtures are optional).
  static func exists(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
  }

  /// One line of `inflate.tsv`: a deflate stream and what it must decode to.
  struct InflateCase: Sendable, CustomTestStringConvertible {
    let file: String
    let spec: String
    let size: Int
    let crc: UInt32
    let consumed: Int
    var testDescription: String { file }
  }

  /// All cases of `inflate.tsv`.
  static let inflateCases: [InflateCase] = {
    let text = String(decoding: bytes("inflate.tsv"), as: UTF8.self)
    return text.split(separator: "\n").map { line in
      let f = line.split(separator: "\t").map(String.init)
      return InflateCase(file: f[0], spec: f[1], size: Int(f[2])!, crc: UInt32(f[3], radix: 16)!, consumed: Int(f[4])!)
    }
  }()

  /// The bytes an inflate case must decode to, built from its spec.
  static func expected(_ c: InflateCase) -> [UInt8] {
    let parts = c.spec.split(separator: ":").map(String.init)
    switch parts[0] {
    case "empty": return []
    case "file": return bytes(parts[1])
    case "prefix": return Array(bytes(parts[1]).prefix(Int(parts[2])!))
    case "zeros": return [UInt8](repeating: 0, count: Int(parts[1])!)
    case "repeat":
      let hex = Array(parts[1].utf8)
      var pattern: [UInt8] = []
      var i = 0
      while i < hex.count {
        pattern.append(UInt8(String(decoding: hex[i..<i + 2], as: UTF8.self), radix: 16)!)
        i += 2
      }
      return Array([[UInt8]](repeating: pattern, count: Int(parts[2])!).joined())
    default:
      Issue.record("unknown spec \(c.spec)")
      return []
    }
  }
}

/// Inflates `input` with a given chunk size, collecting the output and checking each piece's size.
func inflateCollect(
  _ input: [UInt8], limit: Int = 1 << 30, chunkSize: Int = Inflate.chunkSize
) throws(InflateError) -> (output: [UInt8], consumed: Int) {
  var out: [UInt8] = []
  let result = try input.withRawBytes { (raw) throws(InflateError) in
    try Inflate.inflate(raw, outputLimit: limit, chunkSize: chunkSize) { piece in
      #expect(piece.count > 0 && piece.count < chunkSize + 258)
      out.append(contentsOf: piece)
      return true
    }
  }
  #expect(result.producedOutput == out.count)
  return (out, result.consumedInput)
}

/// Inflates `input` expecting an error, and returns it (nil, with a recorded issue, on success).
func inflateError(_ input: [UInt8], limit: Int = 1 << 30) -> InflateError? {
  do {
    _ = try inflateCollect(input, limit: limit)
    Issue.record("inflate succeeded, expected an error")
    return nil
  } catch {
    return error
  }
}

/// An LSB-first bit writer for hand-made DEFLATE streams (Huffman codes are written MSB first).
struct BitWriter {
  private(set) var bytes: [UInt8] = []
  private var acc: UInt64 = 0
  private var count = 0

  /// Appends the low `n` bits of `value`, least significant first.
  mutating func bits(_ value: Int, _ n: Int) {
    acc |= UInt64(value) << UInt64(count)
    count += n
    while count >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: acc))
      acc >>= 8
      count -= 8
    }
  }

  /// Appends an `n`-bit Huffman code, most significant bit first.
  mutating func code(_ code: Int, _ n: Int) {
    for i in stride(from: n - 1, through: 0, by: -1) { bits((code >> i) & 1, 1) }
  }

  /// Appends raw bytes after padding to a byte boundary.
  mutating func alignedBytes(_ raw: [UInt8]) {
    if count > 0 { bits(0, 8 - count) }
    bytes += raw
  }

  /// Appends a block header.
  mutating func header(final: Bool, type: Int) {
    bits(final ? 1 : 0, 1)
    bits(type, 2)
  }

  /// Appends a fixed-Huffman literal/length symbol.
  mutating func fixedSymbol(_ s: Int) {
    switch s {
    case 0..<144: code(0x30 + s, 8)
    case 144..<256: code(0x190 + s - 144, 9)
    case 256..<280: code(s - 256, 7)
    default: code(0xC0 + s - 280, 8)
    }
  }

  /// Appends a fixed-Huffman match (length 3...258, distance 1...32768).
  mutating func fixedMatch(length: Int, distance: Int) {
    var li = Inflate.lengthBase.lastIndex { Int($0) <= length }!
    if length == 258 { li = 28 }
    fixedSymbol(257 + li)
    bits(length - Int(Inflate.lengthBase[li]), Int(Inflate.lengthExtra[li]))
    let di = Inflate.distanceBase.lastIndex { Int($0) <= distance }!
    code(di, 5)
    bits(distance - Int(Inflate.distanceBase[di]), Int(Inflate.distanceExtra[di]))
  }

  /// Appends a dynamic block header whose code-length code gives length 4 to the 16 `clSymbols`
  /// (a complete code: symbol k of the sorted set has code k), then the `lengths` sequence.
  /// `lengths` items below 16 are lengths; (16/17/18, extra) pairs are repeats.
  mutating func dynamicHeader(
    nlit: Int, ndist: Int, clSymbols: [Int] = Array(0...15), lengths: [(Int, Int)], clLengths: [Int]? = nil
  ) {
    bits(nlit - 257, 5)
    bits(ndist - 1, 5)
    bits(19 - 4, 4)
    var cl = [Int](repeating: 0, count: 19)
    for s in clSymbols { cl[s] = 4 }
    if let clLengths { cl = clLengths }
    for s in Inflate.codeLengthOrder { bits(cl[s], 3) }
    let sortedSymbols = clSymbols.sorted()
    for (symbol, extra) in lengths {
      code(sortedSymbols.firstIndex(of: symbol)!, 4)
      switch symbol {
      case 16: bits(extra, 2)
      case 17: bits(extra, 3)
      case 18: bits(extra, 7)
      default: break
      }
    }
  }

  /// The bytes written, the last partial byte zero-padded.
  func finish() -> [UInt8] {
    var out = bytes
    if count > 0 { out.append(UInt8(truncatingIfNeeded: acc)) }
    return out
  }
}

/// `n` copies of a plain code length, as `dynamicHeader` items.
func lengths(_ value: Int, _ n: Int) -> [(Int, Int)] {
  [(Int, Int)](repeating: (value, 0), count: n)
}

/// A deterministic pseudo-random byte generator (xorshift64*) for tests.
struct TestRandom {
  var state: UInt64

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 2_685_821_657_736_338_717
  }

  /// `n` random bytes.
  mutating func bytes(_ n: Int) -> [UInt8] {
    (0..<n).map { _ in UInt8(truncatingIfNeeded: next() >> 24) }
  }
}

// MARK: ZIP helpers

/// Writes a little-endian 16-bit value into `bytes` at `offset`.
func poke16(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt16) {
  bytes[offset] = UInt8(truncatingIfNeeded: value)
  bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
}

/// Writes a little-endian 32-bit value into `bytes` at `offset`.
func poke32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
  for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
}

/// One entry for `rawZIP`: every header field is set by hand, so tests can make any inconsistency.
struct RawEntry {
  var name: [UInt8]
  var data: [UInt8]
  var method: UInt16 = 0
  var flags: UInt16 = 0
  var crc: UInt32? = nil
  var compressedSize: UInt32? = nil
  var uncompressedSize: UInt32? = nil
  /// Central directory's local header offset, when not the real one.
  var localOffset: UInt32? = nil

  /// An entry with default (consistent) header fields.
  init(_ name: String, _ data: [UInt8], method: UInt16 = 0, flags: UInt16 = 0) {
    self.name = Array(name.utf8)
    self.data = data
    self.method = method
    self.flags = flags
  }
}

/// Builds an archive from raw entries (local headers, data, central directory, end record).
/// CRC and sizes default to those of `data` (uncompressed size to `data.count` unless given).
func rawZIP(_ entries: [RawEntry], comment: [UInt8] = []) -> [UInt8] {
  var body: [UInt8] = []
  var central: [UInt8] = []
  for e in entries {
    let crc = e.crc ?? CRC32.checksum(e.data)
    let csize = e.compressedSize ?? UInt32(e.data.count)
    let usize = e.uncompressedSize ?? UInt32(e.data.count)
    let offset = UInt32(body.count)
    let descriptor = e.flags & 8 != 0
    body.appendLE32(0x0403_4B50)
    body.appendLE16(20)
    body.appendLE16(e.flags)
    body.appendLE16(e.method)
    body.appendLE32(0)
    body.appendLE32(descriptor ? 0 : crc)
    body.appendLE32(descriptor ? 0 : csize)
    body.appendLE32(descriptor ? 0 : usize)
    body.appendLE16(UInt16(e.name.count))
    body.appendLE16(0)
    body += e.name + e.data
    if descriptor {
      body.appendLE32(0x0807_4B50)
      body.appendLE32(crc)
      body.appendLE32(csize)
      body.appendLE32(usize)
    }
    central.appendLE32(0x0201_4B50)
    central.appendLE16(20)
    central.appendLE16(20)
    central.appendLE16(e.flags)
    central.appendLE16(e.method)
    central.appendLE32(0)
    central.appendLE32(crc)
    central.appendLE32(csize)
    central.appendLE32(usize)
    central.appendLE16(UInt16(e.name.count))
    central += [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    central.appendLE32(e.localOffset ?? offset)
    central += e.name
  }
  var out = body + central
  out.appendLE32(0x0605_4B50)
  out += [0, 0, 0, 0]
  out.appendLE16(UInt16(entries.count))
  out.appendLE16(UInt16(entries.count))
  out.appendLE32(UInt32(central.count))
  out.appendLE32(UInt32(body.count))
  out.appendLE16(UInt16(comment.count))
  return out + comment
}

/// Opens `bytes`, expecting `ZIPArchive.init` to throw; returns the error.
func openError(_ bytes: [UInt8], limits: ZIPLimits = .init()) -> ZIPError? {
  do {
    _ = try ZIPArchive(bytes: bytes, limits: limits)
    Issue.record("archive opened, expected an error")
    return nil
  } catch {
    return error
  }
}

/// Reads entry `name` of `archive`, expecting an error; returns it.
func readError(_ archive: ZIPArchive, _ name: String) -> ZIPError? {
  guard let entry = archive.entry(named: name) else {
    Issue.record("no entry \(name)")
    return nil
  }
  do {
    _ = try archive.contents(of: entry)
    Issue.record("entry \(name) read, expected an error")
    return nil
  } catch {
    return error
  }
}

/// `n` deterministic pseudo-random bytes from `seed`.
func randomBytes(_ n: Int, seed: UInt64) -> [UInt8] {
  var rng = TestRandom(state: seed)
  return rng.bytes(n)
}
