/// The language messages are written in: Vietnamese for the secretaries who read them
/// (the default everywhere), English for developers and tools.
public enum Language: String, Sendable, Hashable, CaseIterable {
  /// Tiếng Việt — the default.
  case vietnamese = "vi"
  /// English — for developers, tools and logs.
  case english = "en"

  /// The language named by a `--lang` value or the `PARINDEX_LANG` variable (`vi`, `en`,
  /// also `vi_VN.UTF-8`-style locale names); `nil` for anything else.
  public init?(code: String) {
    let lowered = code.lowercased()
    if lowered.hasPrefix("vi") {
      self = .vietnamese
    } else if lowered.hasPrefix("en") {
      self = .english
    } else {
      return nil
    }
  }

  /// `vi` or `en` for a pair of texts.
  @inlinable
  public func pick(vi: @autoclosure () -> String, en: @autoclosure () -> String) -> String {
    self == .vietnamese ? vi() : en()
  }
}
