import Foundation

extension String {
  /// The text in Unicode normalisation form C (composed), as every text in this library is
  /// kept and written: `Xã` typed with a combining accent compares and prints like `Xã`.
  var nfc: String {
    // Pure ASCII is already NFC; skip Foundation's bridging cost.
    utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
  }
}
