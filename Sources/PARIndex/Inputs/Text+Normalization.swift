import Foundation

extension String {
  /// The text in Unicode normalisation form C (composed), as every text in this library is
  /// kept and written: `Xã` typed with a combining accent compares and prints like `Xã`.
  var nfc: String {
    // Pure ASCII is already NFC; skip Foundation's bridging cost.
    isASCII ? self : precomposedStringWithCanonicalMapping
  }

  /// True when every byte is below 0x80; eight bytes at a time over contiguous storage.
  var isASCII: Bool {
    var copy = self
    return copy.withUTF8 { buffer in
      var index = 0
      let count = buffer.count
      let raw = UnsafeRawBufferPointer(buffer)
      while index + 8 <= count {
        if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
        index += 8
      }
      while index < count {
        if buffer[index] >= 0x80 { return false }
        index += 1
      }
      return true
    }
  }
}
