import Foundation
import Testing

@testable import PARIndex

/// The message catalogue (`Diagnostics/Message.swift`): one switch gives every message its
/// code and both texts, so the compiler already asks for both languages. What it cannot check
/// is that codes are unique and well formed — an embedding program switches on them.
struct MessageCatalogueTests {
  static let source = try! String(
    contentsOfFile: Repository.path("Sources/PARIndex/Diagnostics/Message.swift"), encoding: .utf8)

  static var codes: [String] {
    let pattern = try! NSRegularExpression(pattern: #""([EW]-[A-Z0-9-]+)""#)
    let range = NSRange(source.startIndex..., in: source)
    return pattern.matches(in: source, range: range).map { String(source[Range($0.range(at: 1), in: source)!]) }
  }

  @Test func codesAreUniqueAndWellFormed() {
    let codes = Self.codes
    #expect(codes.count > 150)
    var seen: Set<String> = []
    for code in codes {
      #expect(seen.insert(code).inserted, "code \(code) is used twice")
      #expect(code.range(of: #"^[EW]-[A-Z0-9]+(-[A-Z0-9]+)*$"#, options: .regularExpression) != nil, "\(code)")
    }
  }

  /// Messages carry their values; the words around them are in the chosen language, and the
  /// code and kind do not depend on it.
  @Test(arguments: [
    Message.noSuchUnit, .fileNotFound, .twoForms(other: "assessment.xlsx"), .looksWindows1258(byte: 0xD2, offset: 7),
    .percentAsFraction(shown: "96,2"), .unknownYearFile(expected: ["units", "assessment"]),
  ])
  func bothLanguages(message: Message) {
    let vi = message.text(.vietnamese)
    let en = message.text(.english)
    #expect(!vi.isEmpty && !en.isEmpty && vi != en)
    #expect(Self.codes.contains(message.code))
    #expect(message.isWarning == message.code.hasPrefix("W-"))
  }

  @Test func kindsDecideExitCodes() {
    #expect(Message.fileNotFound.kind == .notFound)
    #expect(Message.noSuchUnit.kind == .request)
    #expect(Message.percentAsFraction(shown: "96,2").kind == .invalid)
  }
}
