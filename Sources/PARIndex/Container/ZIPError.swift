/// A local-header field that disagrees with the central directory.
enum ZIPHeaderField: String, Sendable, Equatable {
  case signature
  case name
  case method
  case flags
  case crc = "CRC-32"
  case compressedSize = "compressed size"
  case uncompressedSize = "uncompressed size"
}

/// Why an archive or one of its entries was refused.
///
/// Each case carries what a message needs (entry name, method, limit, offset) so the host
/// library can render its own Vietnamese or English text; `description` is a short English one.
enum ZIPError: Error, Equatable, Sendable, CustomStringConvertible {
  // MARK: Archive structure

  /// No end-of-central-directory record: not a ZIP archive.
  case notAZIP
  /// The file starts like a ZIP archive but has no end record: it looks cut off at `size` bytes.
  case truncated(size: Int)
  /// The central directory or end record is inconsistent at `offset`.
  case invalidCentralDirectory(offset: Int)
  /// The archive is split over several disks.
  case multiDisk
  /// ZIP64 records or 0xFFFFFFFF size/offset fields (for `entry`, or the archive when nil).
  case zip64(entry: String?)
  /// More entries than the limit.
  case tooManyEntries(count: Int, limit: Int)
  /// The name of the entry at `index` (central directory order) is longer than the limit.
  case nameTooLong(index: Int, length: Int, limit: Int)
  /// The entry at `index` is flagged UTF-8 but its name is not valid UTF-8.
  case invalidName(index: Int)
  /// Two entries with the same name.
  case duplicateEntry(name: String)
  /// The entry's header or data lies outside the file area before the central directory.
  case entryOutOfBounds(name: String)
  /// The entry's header or data overlaps entry `other` (a zip-bomb technique).
  case overlappingEntries(name: String, other: String)

  // MARK: Limits

  /// The entry declares more uncompressed bytes than the per-entry limit.
  case entryTooLarge(name: String, size: UInt64, limit: UInt64)
  /// The entries together declare more uncompressed bytes than the total limit.
  case totalSizeExceeded(total: UInt64, limit: UInt64)
  /// The entry's declared uncompressed size is more than `limit` times its compressed size.
  case ratioExceeded(name: String, compressedSize: UInt64, uncompressedSize: UInt64, limit: UInt64)

  // MARK: Entries

  /// No entry of that name (or the entry is not from this archive).
  case entryNotFound(name: String)
  /// The entry is encrypted.
  case encrypted(name: String)
  /// The entry uses a compression method other than 0 (stored) or 8 (deflate).
  case unsupportedMethod(name: String, method: UInt16)
  /// The entry's local header disagrees with its central directory record.
  case localHeaderMismatch(name: String, field: ZIPHeaderField)
  /// The entry's deflate data is malformed.
  case corruptData(name: String, InflateError)
  /// The entry decompresses to more than its declared size (stopped there: a zip bomb or corruption).
  case dataExceedsDeclaredSize(name: String, declared: UInt64)
  /// The entry decompresses to fewer bytes than declared, or a stored entry's two sizes differ.
  case sizeMismatch(name: String, declared: UInt64, actual: UInt64)
  /// The entry's deflate data ends before its declared compressed size.
  case compressedSizeMismatch(name: String, declared: UInt64, actual: UInt64)
  /// The entry's data does not match its CRC-32.
  case crcMismatch(name: String, expected: UInt32, actual: UInt32)

  // MARK: Writer

  /// The archive would need ZIP64: more entries than `limit`.
  case writerTooManyEntries(limit: Int)
  /// The archive would need ZIP64: larger than `limit` bytes.
  case writerArchiveTooLarge(limit: UInt64)
  /// The name is longer than a ZIP header can hold (65,535 bytes of UTF-8).
  case writerNameTooLong(name: String, length: Int)
  /// An entry of that name was already added.
  case writerDuplicateName(name: String)

  /// A short English message.
  var description: String {
    switch self {
    case .notAZIP: return "not a ZIP archive (no end of central directory record)"
    case .truncated(let size): return "the ZIP archive is truncated (it ends at \(size) bytes without its end record)"
    case .invalidCentralDirectory(let offset): return "invalid ZIP central directory at byte \(offset)"
    case .multiDisk: return "multi-disk ZIP archives are not supported"
    case .zip64(let entry):
      return entry.map { "ZIP64 is not supported (entry \($0))" } ?? "ZIP64 archives are not supported"
    case .tooManyEntries(let count, let limit): return "the archive has \(count) entries (limit \(limit))"
    case .nameTooLong(let index, let length, let limit):
      return "entry #\(index) has a \(length)-byte name (limit \(limit))"
    case .invalidName(let index): return "entry #\(index) has a name that is not valid UTF-8"
    case .duplicateEntry(let name): return "duplicate entry \(name)"
    case .entryOutOfBounds(let name): return "entry \(name) lies outside the archive data"
    case .overlappingEntries(let name, let other): return "entry \(name) overlaps entry \(other)"
    case .entryTooLarge(let name, let size, let limit):
      return "entry \(name) is \(size) bytes uncompressed (limit \(limit))"
    case .totalSizeExceeded(let total, let limit):
      return "the entries total \(total) bytes uncompressed (limit \(limit))"
    case .ratioExceeded(let name, let compressed, let uncompressed, let limit):
      return "entry \(name) expands \(compressed) to \(uncompressed) bytes (ratio limit \(limit):1)"
    case .entryNotFound(let name): return "no entry \(name)"
    case .encrypted(let name): return "entry \(name) is encrypted"
    case .unsupportedMethod(let name, let method): return "entry \(name) uses unsupported compression method \(method)"
    case .localHeaderMismatch(let name, let field):
      return "entry \(name): local header \(field.rawValue) does not match the central directory"
    case .corruptData(let name, let error): return "entry \(name) is corrupt: \(error)"
    case .dataExceedsDeclaredSize(let name, let declared):
      return "entry \(name) holds more data than its declared \(declared) bytes"
    case .sizeMismatch(let name, let declared, let actual):
      return "entry \(name) is \(actual) bytes, not the declared \(declared)"
    case .compressedSizeMismatch(let name, let declared, let actual):
      return "entry \(name): compressed data ends at \(actual) of its declared \(declared) bytes"
    case .crcMismatch(let name, let expected, let actual):
      return "entry \(name) fails its CRC-32 check (\(hex(actual)), expected \(hex(expected)))"
    case .writerTooManyEntries(let limit): return "a ZIP archive without ZIP64 holds at most \(limit) entries"
    case .writerArchiveTooLarge(let limit): return "a ZIP archive without ZIP64 holds at most \(limit) bytes"
    case .writerNameTooLong(let name, let length): return "name \(name.prefix(40))… is \(length) bytes (limit 65535)"
    case .writerDuplicateName(let name): return "entry \(name) was already added"
    }
  }
}

/// `value` as eight hex digits.
private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: 8 - digits.count) + digits
}
