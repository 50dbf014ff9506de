import Testing

@testable import PARIndex

/// The JSON writer renders a long generated array (a country's units) in pieces on every core:
/// the pieces must join into exactly what writing the elements one after another gives.
struct JSONOutputTests {
  static let element: @Sendable (Int) -> JSONOutput = { index in
    .object([
      ("i", .number(String(index))), ("text", .string(String(repeating: "é\"", count: index % 5))),
      ("nested", .generated(count: index % 3) { .string("n\($0)") }), ("none", .null),
    ])
  }

  @Test(arguments: [0, 1, 2, 15, 16, 17, 31, 32, 33, 100, 257, 1000])
  func aGeneratedArrayRendersAsTheSameArrayWritten(count: Int) {
    let generated = JSONOutput.object([
      ("units", .generated(count: count, element: Self.element)), ("end", .bool(true)),
    ])
    let written = JSONOutput.object([("units", .array((0..<count).map(Self.element))), ("end", .bool(true))])
    #expect(generated.renderedUTF8() == written.renderedUTF8())
    #expect(generated.rendered() == String(decoding: written.renderedUTF8(), as: UTF8.self))
  }

  @Test func theLayoutIsTheDocumentedOne() {
    // Two-space indentation, members in the order given, `[]` and `{}` for empty ones.
    let document = JSONOutput.object([
      ("a", .array([.number("1"), .string("x\ny")])), ("b", .object([])), ("c", .generated(count: 0) { _ in .null }),
    ])
    #expect(document.rendered() == "{\n  \"a\": [\n    1,\n    \"x\\ny\"\n  ],\n  \"b\": {},\n  \"c\": []\n}\n")
  }
}
