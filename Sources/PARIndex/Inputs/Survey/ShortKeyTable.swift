/// Exact lookup of a few short byte keys (survey questions and answer codes): each key of at
/// most 7 bytes is packed with its length into one integer and found by a scan of a small
/// array, which beats hashing for the handful of keys a survey has. Longer keys, or many, use
/// a ``ByteInterner``.
struct ShortKeyTable: Sendable {
  private var interner = ByteInterner()
  /// Key bytes, little-endian, with the length in the top byte (a key may hold a 0 byte).
  private var packed: [UInt64] = []
  private var scans = true

  /// The largest table scanned rather than hashed.
  private static let scanLimit = 32

  /// Adds `key` (when new); returns its id, dense from 0 in order of first appearance.
  @discardableResult
  mutating func intern(_ key: String) -> Int {
    let id = interner.intern(key)
    guard id == packed.count else { return id }
    var key = key
    key.withUTF8 { bytes in
      packed.append(bytes.count <= 7 ? Self.pack(bytes) : 0)
      if bytes.count > 7 { scans = false }
    }
    if packed.count > Self.scanLimit { scans = false }
    return id
  }

  /// The id of `key`, or `nil`.
  @inline(__always)
  func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    guard scans else { return interner.find(key) }
    guard key.count <= 7 else { return nil }
    let value = Self.pack(key)
    for index in packed.indices where packed[index] == value { return index }
    return nil
  }

  @inline(__always)
  private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var value = UInt64(bytes.count) << 56
    guard let base = bytes.baseAddress else { return value }
    for index in 0..<bytes.count { value |= UInt64(base[index]) << UInt64(8 * index) }
    return value
  }
}
