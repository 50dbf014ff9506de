import Foundation

/// A text file decoded to UTF-8, and how it was encoded.
struct DecodedText: Sendable {
  /// UTF-8 (a UTF-8 byte order mark may remain at the start).
  var bytes: [UInt8]
  /// `UTF-8`, `UTF-16LE`, `Windows-1258`…, for the year's summary.
  var encoding: String
}

/// Decoding the bytes of a text file (CSV, or Excel's "Unicode Text" `.txt`) to UTF-8.
///
/// UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are always
/// recognised; Windows-1258 only when asked for (`--encoding windows-1258`), and then only for
/// files that are not valid UTF-8. Anything else is an error that names what the bytes really
/// are: a workbook, an old `.xls`, gzip, UTF-16 without its byte order mark, or text that reads
/// as Windows-1258 (then: save as 'CSV UTF-8', or pass the option).
enum TextDecoding {
  static func decode(_ bytes: [UInt8], file: String, encoding: TextEncoding = .utf8) throws(Diagnostic) -> DecodedText {
    func fail(_ message: Message, line: Int? = nil) -> Diagnostic {
      Diagnostic(message, at: InputLocation(file: file, place: line.map { .line($0) } ?? .file))
    }
    if let container = FileSniffer.container(bytes) { throw fail(FileSniffer.message(for: container)) }
    if let order = UTF16Decoder.byteOrderMark(of: bytes) {
      do {
        return DecodedText(
          bytes: try UTF16Decoder.decodeWithByteOrderMark(bytes),
          encoding: order == .littleEndian ? "UTF-16LE" : "UTF-16BE")
      } catch {
        switch error {
        case .oddByteCount(let offset), .unpairedSurrogate(_, let offset): throw fail(.badUTF16(offset: offset))
        case .missingByteOrderMark: throw fail(.badUTF16(offset: 0))
        }
      }
    }
    let invalid = bytes.withUnsafeBufferPointer { UTF8Text.firstInvalidOffset(in: $0) }
    guard let invalid else {
      if let zero = firstZero(in: bytes) {
        if UTF16Decoder.sniff(bytes) != nil { throw fail(.looksUTF16WithoutBOM) }
        throw fail(.binaryData(offset: zero), line: line(of: zero, in: bytes))
      }
      return DecodedText(bytes: bytes, encoding: utf8Name(of: bytes))
    }
    if UTF16Decoder.sniff(bytes) != nil { throw fail(.looksUTF16WithoutBOM) }
    let decoded: [UInt8]
    do {
      decoded = try Windows1258.decode(bytes) { $0.precomposedStringWithCanonicalMapping }
    } catch {
      guard case .undefinedByte(let byte, let offset) = error else {
        throw fail(.notUTF8(byte: bytes[invalid], offset: invalid))
      }
      if encoding == .windows1258 {
        throw fail(.windows1258Undefined(byte: byte, offset: offset), line: line(of: offset, in: bytes))
      }
      throw fail(.notUTF8(byte: bytes[invalid], offset: invalid), line: line(of: invalid, in: bytes))
    }
    guard encoding == .windows1258 else {
      throw fail(.looksWindows1258(byte: bytes[invalid], offset: invalid), line: line(of: invalid, in: bytes))
    }
    return DecodedText(bytes: decoded, encoding: "Windows-1258")
  }

  /// The offset of the first NUL byte, found by the C library's `memchr` (a word at a time,
  /// where `firstIndex(of:)` takes a dozen instructions a byte of every file read).
  static func firstZero(in bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { firstZero(in: $0) }
  }

  /// As above, in a buffer (a block of a file read in pieces).
  static func firstZero(in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// The name of valid UTF-8 text starting with `start`, for the year's summary.
  static func utf8Name<Bytes: Sequence<UInt8>>(of start: Bytes) -> String {
    start.starts(with: [0xEF, 0xBB, 0xBF]) ? "UTF-8 BOM" : "UTF-8"
  }

  /// The line of the byte at `offset`: one more than the line feeds before it (as every reader
  /// of this library places a bad byte).
  static func line(of offset: Int, in bytes: [UInt8]) -> Int {
    1 + bytes.withUnsafeBufferPointer { CSVReader.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[..<offset])) }
  }
}
