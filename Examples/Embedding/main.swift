// An embedding example: how a provincial portal uses the PARIndex library directly,
// without the command line. Run it with:
//
//   swift run embedding-example criteria/commune-2025.json Examples/2025/communes
//
// It loads a criteria set and a year folder, prints each group's top three, shows where one
// unit lost the most points, and handles input errors the way a portal would: every
// problem, one line each, ready to show to the unit that sent the file.

import PARIndex

let arguments = CommandLine.arguments.dropFirst()
let criteriaPath = arguments.first ?? "criteria/commune-2025.json"
let folder = arguments.dropFirst().first ?? "Examples/2025/communes"

do {
  let criteria = try Assessment.loadCriteria(at: criteriaPath)
  let results = try Assessment.run(criteria: criteria, folder: folder)

  for group in results.groups {
    print("Khối \(group.name): \(group.units.count) đơn vị")
    for unit in group.units.prefix(3) {
      let index = unit.index.formatted(places: criteria.indexPlaces, decimalSeparator: ",")
      print("  \(unit.rank). \(unit.unit.name): \(index) % (\(unit.classLabel))")
    }
  }

  // Where the last-ranked unit of the first group lost the most points.
  if let weakest = results.groups.first?.units.last {
    let losses = weakest.leaves
      .filter { $0.isApplicable && $0.points < $0.maxPoints }
      .sorted { ($0.maxPoints - $0.points) > ($1.maxPoints - $1.points) }
    print("\n\(weakest.unit.name): các tiêu chí mất nhiều điểm nhất")
    for leaf in losses.prefix(5) {
      let lost = (leaf.maxPoints - leaf.points).formatted(places: criteria.pointsPlaces, decimalSeparator: ",")
      print("  \(leaf.code): −\(lost) điểm (\(leaf.status.rawValue))")
    }
  }

  // Machine-readable output for another system: the ranking CSV of docs/FORMATS.md §3.
  let csv = RankingCSV.render(results)
  print("\nRanking CSV: \(csv.split(separator: "\n").count - 1) rows")
} catch {
  // Diagnostics lists every problem with file, line, field, value and what was expected.
  for problem in error.errors { print("lỗi dữ liệu: \(problem)") }
}
