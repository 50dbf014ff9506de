/// Upper bounds that keep tokenizing untrusted input fast and bounded in memory.
///
/// Every violation is reported as `XMLError.limitExceeded(limit, limit: value, at:)` naming the `XMLLimit`.
/// All values must be positive.
/// Lengths are in bytes of UTF-8. Memory use is bounded by roughly `2 * maxTagLength + maxTextLength +
/// maxNameTableBytes + maxDepth * maxNameLength`, whatever the input.
struct XMLLimits: Sendable, Equatable {
  /// Maximum number of elements open at once (nesting depth).
  var maxDepth: Int = 256
  /// Maximum length of an element, attribute or processing-instruction name, and of an entity reference.
  var maxNameLength: Int = 1_024
  /// Maximum number of attributes on one element, namespace declarations included.
  var maxAttributes: Int = 256
  /// Maximum decoded length of one attribute value.
  var maxAttributeValueLength: Int = 1 << 20
  /// Maximum decoded length of one text event (a run of character data and CDATA between tags).
  var maxTextLength: Int = 1 << 20
  /// Maximum raw length of one start tag, end tag or XML declaration, from `<` to `>`.
  var maxTagLength: Int = 4 << 20
  /// Maximum total number of input bytes (the caller sets it from the ZIP entry's declared size, say).
  var maxInputSize: Int = 1 << 30
  /// Maximum total bytes of distinct names and namespace URIs interned while reading.
  var maxNameTableBytes: Int = 4 << 20
}

/// Names one of the `XMLLimits`, so a message can say which bound the input broke.
enum XMLLimit: String, Sendable, Equatable, CaseIterable {
  /// `XMLLimits.maxDepth`.
  case depth
  /// `XMLLimits.maxNameLength`.
  case nameLength
  /// `XMLLimits.maxAttributes`.
  case attributeCount
  /// `XMLLimits.maxAttributeValueLength`.
  case attributeValueLength
  /// `XMLLimits.maxTextLength`.
  case textLength
  /// `XMLLimits.maxTagLength`.
  case tagLength
  /// `XMLLimits.maxInputSize`.
  case inputSize
  /// `XMLLimits.maxNameTableBytes`.
  case nameTableSize
}
