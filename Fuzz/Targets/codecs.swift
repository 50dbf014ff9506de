// Run with Fuzz/run.sh codecs SECONDS (the library compiled with this file and Fuzz/Support).
// libFuzzer entry point for the three codecs: runs each on arbitrary bytes and checks invariants.
//
// Build and run (from the package root):
//   swiftc -sanitize=fuzzer,address -parse-as-library -O Sources/Codecs/*.swift Fuzz/codecs.swift -o /tmp/fuzz-codecs
//   mkdir -p /tmp/fuzz-corpus && cp Tests/CodecsTests/Fixtures/* /tmp/fuzz-corpus/
//   /tmp/fuzz-codecs -max_total_time=300 -max_len=4096 /tmp/fuzz-corpus
// Every check is a `precondition`, which stays on under -O, so a broken invariant is a crash libFuzzer reports.

/// Runs all checks on one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  FuzzChecks.sha256(bytes)
  FuzzChecks.windows1258(bytes)
  FuzzChecks.utf16(bytes)
  return 0
}

/// The invariants, one function per codec.
enum FuzzChecks {
  /// In-pieces hashing equals one-shot hashing, wherever the input itself says to cut it.
  static func sha256(_ bytes: [UInt8]) {
    let expected = SHA256.hash(bytes)
    precondition(expected.count == 32)
    // Cut points taken from the data, so libFuzzer can steer them into every block position.
    var cuts = bytes.prefix(3).map { Int($0) * bytes.count / 256 }.sorted()
    cuts.append(bytes.count)
    var hasher = SHA256()
    var start = 0
    for cut in cuts {
      hasher.update(Array(bytes[start..<cut]))
      start = cut
    }
    precondition(hasher.finalize() == expected, "pieces differ from one-shot")
    precondition(hasher.finalize() == expected, "finalize changed the hasher")
    if bytes.count <= 300 {
      var single = SHA256()
      for byte in bytes { single.update([byte]) }
      precondition(single.finalize() == expected, "byte-at-a-time differs from one-shot")
    }
  }

  /// The decoder fails exactly at the first undefined byte, and otherwise yields valid UTF-8 of the table's scalars.
  static func windows1258(_ bytes: [UInt8]) {
    let firstUndefined = bytes.firstIndex { Windows1258.scalar(for: $0) == nil }
    do {
      let decoded = try Windows1258.decode(bytes)
      precondition(firstUndefined == nil, "an undefined byte was decoded")
      var expected = String.UnicodeScalarView()
      for byte in bytes { expected.append(Windows1258.scalar(for: byte)!) }
      precondition(decoded.utf8 == Array(String(expected).utf8), "decoding differs from the table")
      precondition(String(validating: decoded.utf8, as: UTF8.self) != nil, "output is not valid UTF-8")
      let hasMark = bytes.contains { [0xCC, 0xEC, 0xDE, 0xD2, 0xF2].contains($0) }
      precondition(decoded.containsCombiningMarks == hasMark, "combining-mark flag is wrong")
    } catch {
      let offset = firstUndefined!
      precondition(error == .undefinedByte(bytes[offset], offset: offset), "wrong error \(error)")
    }
  }

  /// The decoder agrees with a plain reference decoder in both byte orders; valid UTF-16 round-trips.
  static func utf16(_ bytes: [UInt8]) {
    for endianness in [UTF16Decoder.Endianness.littleEndian, .bigEndian] {
      let expected = reference(bytes, from: 0, endianness)
      let actual = Result { () throws(UTF16Error) in try UTF16Decoder.decode(bytes, endianness: endianness) }
      precondition(actual == expected, "decode(\(endianness)) disagrees with the reference")
      if case let .success(utf8) = actual {
        // Re-encoding the output gives back the input.
        precondition(encode(utf8, endianness) == bytes, "decoded text does not re-encode to the input")
      }

      // Any text, encoded validly (with and without a BOM), decodes back to itself.
      let text = String(decoding: bytes, as: UTF8.self)
      let encoded = encode(Array(text.utf8), endianness)
      let mark: [UInt8] = endianness == .littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
      precondition((try? UTF16Decoder.decode(encoded, endianness: endianness)) == Array(text.utf8))
      precondition((try? UTF16Decoder.decodeWithByteOrderMark(mark + encoded)) == Array(text.utf8))
      if UTF16Decoder.sniff(encoded) == nil && text.utf8.count >= 64 && text.utf8.allSatisfy({ 0x01...0x7F ~= $0 }) {
        preconditionFailure("sniffer missed ASCII text in UTF-16")
      }
    }

    // With a BOM, the result is that of the explicit decoder on the rest, offsets counting the BOM.
    let withMark = Result { () throws(UTF16Error) in try UTF16Decoder.decodeWithByteOrderMark(bytes) }
    if let endianness = UTF16Decoder.byteOrderMark(of: bytes) {
      precondition(withMark == reference(bytes, from: 2, endianness), "decodeWithByteOrderMark disagrees")
    } else {
      precondition(withMark == .failure(.missingByteOrderMark), "missing BOM not reported")
    }
    _ = UTF16Decoder.sniff(bytes)
  }

  /// A deliberately simple UTF-16 decoder to compare with: one code unit at a time, the standard library's encoder.
  static func reference(
    _ bytes: [UInt8], from start: Int, _ endianness: UTF16Decoder.Endianness
  ) -> Result<[UInt8], UTF16Error> {
    func unit(_ offset: Int) -> UInt16 {
      let (first, second) = (UInt16(bytes[offset]), UInt16(bytes[offset + 1]))
      return endianness == .littleEndian ? second << 8 | first : first << 8 | second
    }
    var scalars = String.UnicodeScalarView()
    var offset = start
    while offset + 1 < bytes.count {
      let high = unit(offset)
      if let scalar = Unicode.Scalar(high) {
        scalars.append(scalar)
        offset += 2
      } else if high < 0xDC00, offset + 3 < bytes.count, (0xDC00...0xDFFF).contains(unit(offset + 2)) {
        let low = unit(offset + 2)
        scalars.append(Unicode.Scalar(0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(low - 0xDC00))!)
        offset += 4
      } else {
        return .failure(.unpairedSurrogate(high, offset: offset))
      }
    }
    if offset < bytes.count { return .failure(.oddByteCount(offset: offset)) }
    return .success(Array(String(scalars).utf8))
  }

  /// `utf8` (valid UTF-8) encoded as UTF-16 in the given byte order by the standard library, without a BOM.
  static func encode(_ utf8: [UInt8], _ endianness: UTF16Decoder.Endianness) -> [UInt8] {
    String(decoding: utf8, as: UTF8.self).utf16.flatMap { unit in
      let (low, high) = (UInt8(truncatingIfNeeded: unit), UInt8(truncatingIfNeeded: unit >> 8))
      return endianness == .littleEndian ? [low, high] : [high, low]
    }
  }
}
