import Foundation
import Testing

@testable import PARIndex

/// Every criteria set shipped in `criteria/` loads, is complete, and says what it is.
struct CriteriaFilesTests {
  static let files: [String] = {
    let folder = Repository.path("criteria")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
  }()

  @Test func thereIsASetForCommunesAndOneForDepartments() throws {
    let levels = try Self.files.map { try Assessment.loadCriteria(at: $0).level }
    #expect(levels.contains(.commune) && levels.contains(.department))
  }

  @Test(arguments: files)
  func loadsAndSaysWhatItIs(path: String) throws {
    let set = try Assessment.loadCriteria(at: path)
    #expect(set.scale == FixedDecimal(100))
    #expect(!set.leaves.isEmpty)
    #expect(!set.source.isEmpty)
    if set.status == .modelled {
      // A modelled set cites what each leaf is modelled on.
      for leaf in set.leaves {
        #expect(!(leaf.source ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "leaf \(leaf.code) has no source")
      }
    } else {
      // An official set names a decision: a number like 2712/QĐ-UBND and a date.
      #expect(set.source.contains("/QĐ-"), "an official set must cite its decision")
    }
  }

  @Test(arguments: files)
  func usesEveryRuleType(path: String) throws {
    let types = Set(try Assessment.loadCriteria(at: path).leaves.compactMap { $0.rule?.typeName })
    #expect(types == ["check", "choice", "tiers", "proportional", "deadline", "deduction", "survey", "manual"])
  }
}
