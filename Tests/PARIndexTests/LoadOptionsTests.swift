import Foundation
import Testing

@testable import PARIndex

/// A ranking on totals reads evidence documents without their texts (issue 14: a tenth of
/// `rank`'s memory per unit): the same documents, checks and ranking, only the texts left out.
struct LoadOptionsTests {
  @Test(arguments: GoldenTests.examples.map(\.0))
  func documentsWithoutTextsChangeNothingButTheTexts(example: String) throws {
    let (_, criteriaPath, folderPath) = GoldenTests.examples.first { $0.0 == example }!
    let criteria = try Assessment.loadCriteria(at: Repository.path(criteriaPath))
    let folder = Repository.path(folderPath)
    let full = try YearLoader.load(folder: folder, criteria: criteria)
    let lean = try YearLoader.load(folder: folder, criteria: criteria, options: LoadOptions(documentTexts: false))
    // The same documents: ids, units and dates; no texts.
    #expect(full.evidence.keys.sorted() == lean.evidence.keys.sorted())
    var withTitle = 0
    for (unit, documents) in full.evidence {
      let leanDocuments = lean.evidence(of: unit)
      #expect(documents.keys.sorted() == leanDocuments.keys.sorted())
      for (id, document) in documents {
        let leanDocument = try #require(leanDocuments[id])
        #expect(leanDocument.date == document.date && leanDocument.unitID == document.unitID)
        #expect(leanDocument.title.isEmpty && leanDocument.documentNumber == nil && leanDocument.issuer == nil)
        #expect(leanDocument.location == nil)
        if !document.title.isEmpty { withTitle += 1 }
      }
    }
    #expect(withTitle > 0, "the example's documents have titles: the full load keeps them")
    // The same warnings and the same ranking, byte for byte.
    let fullTotals = try Assessment.rank(criteria: criteria, data: full)
    let leanTotals = try Assessment.rank(criteria: criteria, data: lean)
    #expect(fullTotals.warnings == leanTotals.warnings)
    #expect(RankingCSV.render(fullTotals) == RankingCSV.render(leanTotals))
    // `rank(folder:)` reads without texts on its own, and ranks the same.
    let ranked = try Assessment.rank(criteria: criteria, folder: folder)
    #expect(RankingCSV.render(ranked) == RankingCSV.render(fullTotals))
    #expect(RankingCSV.render(ranked) == RankingCSV.render(try Assessment.run(criteria: criteria, folder: folder)))
  }

  @Test func documentsWithoutTextsAreCheckedAsBefore() throws {
    // A repeated id and a bad date: the same two errors, texts or not.
    let evidence =
      "evidence_id,unit_id,title,date\nE1,A,Kế hoạch,10/01/2025\nE1,A,Kế hoạch lại,\nE2,A,Báo cáo,32/01/2025\n"
    let files = ScoringTests.year.merging(["units.csv": Mini.units, "evidence.csv": evidence]) { $1 }
    let inputs = files.map { InputData(name: $0.key, bytes: Array($0.value.utf8)) }
    func problems(_ texts: Bool) -> [String] {
      do {
        _ = try YearLoader.load(files: inputs, criteria: try Mini.criteria, options: LoadOptions(documentTexts: texts))
        return []
      } catch let error as Diagnostics {
        return error.all.map { $0.rendered(.english) }
      } catch {
        return ["\(error)"]
      }
    }
    let withTexts = problems(true)
    #expect(withTexts.count == 2, "\(withTexts)")
    #expect(problems(false) == withTexts)
  }
}
