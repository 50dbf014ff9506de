/// Small byte helpers shared by the archive reader and writer.
extension Array where Element == UInt8 {
  /// `withUnsafeBytes` with a typed error: the standard one only rethrows `any Error`.
  @inline(__always)
  func withRawBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    let result: Result<R, E> = withUnsafeBytes { raw in
      do throws(E) {
        return .success(try body(raw))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// The little-endian 16-bit value at `offset`; the caller has checked the bounds.
  @inline(__always)
  func le16(_ offset: Int) -> UInt16 {
    UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
  }

  /// The little-endian 32-bit value at `offset`; the caller has checked the bounds.
  @inline(__always)
  func le32(_ offset: Int) -> UInt32 {
    UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16
      | UInt32(self[offset + 3]) << 24
  }

  /// Appends `value` as two little-endian bytes.
  @inline(__always)
  mutating func appendLE16(_ value: UInt16) {
    append(UInt8(truncatingIfNeeded: value))
    append(UInt8(truncatingIfNeeded: value >> 8))
  }

  /// Appends `value` as four little-endian bytes.
  @inline(__always)
  mutating func appendLE32(_ value: UInt32) {
    append(UInt8(truncatingIfNeeded: value))
    append(UInt8(truncatingIfNeeded: value >> 8))
    append(UInt8(truncatingIfNeeded: value >> 16))
    append(UInt8(truncatingIfNeeded: value >> 24))
  }
}
