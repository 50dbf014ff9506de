// An embedding example: how a provincial portal uses the PARIndex library directly,
// without the command line. Run it with:
//
//   swift run embedding-example criteria/commune-2025.json Examples/2025/communes
//
// It loads a criteria set and a year folder, prints each group's top three, shows where one
// unit lost the most points, and handles input errors the way a portal would: every
// problem, one line each, ready to show to the unit that sent the file, and a non-zero exit
// status (65 for bad data, 66 for a missing file) so that a script calling it can tell.

import Foundation
import PARIndex

let arguments = CommandLine.arguments.dropFirst()
let criteriaPath = arguments.first ?? "criteria/commune-2025.json"
let folder = arguments.dropFirst().first ?? "Examples/2025/communes"

do {
  let criteria = try Assessment.loadCriteria(at: criteriaPath)
  let results = try Assessment.run(criteria: criteria, folder: folder)
  // Values accepted but looking wrong (a percentage written as 0,962, a date in another year).
  for warning in results.warnings { print("cảnh báo [\(warning.code)]: \(warning)") }

  for group in results.groups {
    print("Khối \(group.name): \(group.units.count) đơn vị")
    for unit in group.units.prefix(3) {
      let index = unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ",")
      print("  \(unit.rank). \(unit.unit.name): \(index) % (\(unit.classLabel))")
    }
  }

  // Where the last-ranked unit of the first group lost the most points.
  if let weakest = results.groups.first?.units.last {
    let losses = weakest.leaves.filter { $0.lostPoints > .zero }.sorted { $0.lostPoints > $1.lostPoints }
    print("\n\(weakest.unit.name): các tiêu chí mất nhiều điểm nhất")
    for leaf in losses.prefix(5) {
      let lost = leaf.lostPoints.formatted(places: criteria.pointsPlaces, decimalSeparator: ",")
      let source = leaf.source?.label() ?? leaf.status.label()
      print("  \(leaf.code): −\(lost) điểm (\(source))")
    }
  }

  // Machine-readable output for another system: the ranking CSV of docs/FORMATS.md §3.
  let csv = RankingCSV.render(results)
  print("\nRanking CSV: \(csv.split(separator: "\n").count - 1) rows")
} catch {
  // Diagnostics lists every problem with file, line, field, value and what was expected, in
  // Vietnamese (`problem.rendered(.english)` for English), each with a stable code.
  for problem in error.errors {
    FileHandle.standardError.write(Data("lỗi dữ liệu [\(problem.code)]: \(problem)\n".utf8))
  }
  exit(error.hasMissingInput ? 66 : 65)
}
