import Foundation
import Testing

@testable import PARIndex
@testable import PARIndexCLI

/// The trail from an output to its files: manifests, their SHA-256, and `verify`.
struct ManifestTests {
  static let criteria = Repository.path("criteria/department-2025.json")

  /// A copy of the departments' year, and of its criteria file, in a temporary folder.
  static func copy() throws -> (year: TemporaryYear, criteria: String) {
    let year = try AppraisalRoundsTests.departmentsWith([:])
    let criteriaCopy = year.sibling("criteria.json")
    try FileManager.default.copyItem(atPath: criteria, toPath: criteriaCopy)
    return (year, criteriaCopy)
  }

  @Test func aDigestIsTheFilesSHA256() throws {
    // FIPS 180-4 example: SHA-256("abc").
    let year = try TemporaryYear(["abc.txt": "abc"])
    let digest = try #require(try FileDigest.of(path: year.path + "/abc.txt"))
    #expect(digest.size == 3)
    #expect(digest.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func theManifestListsEveryFileReadInOrderWithItsDigest() throws {
    let (year, criteriaPath) = try Self.copy()
    let criteriaFile = InputData(
      name: criteriaPath, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: criteriaPath))))
    let set = try Assessment.loadCriteria(criteriaFile)
    let data = try YearLoader.load(folder: year.path, criteria: set, options: LoadOptions(digests: true))
    let manifest = Manifest(criteria: set, criteriaFile: criteriaFile, folder: year.path, inputs: data.inputs)
    #expect(
      manifest.files.map(\.path) == [
        "units.csv", "assessment.csv", "appraisal-1.csv", "appraisal-2.csv", "adjustments.csv", "evidence.csv",
        "explanation.csv", "survey.csv",
      ])
    for file in manifest.files {
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: year.path + "/" + file.path)))
      #expect(file.size == bytes.count)
      #expect(file.sha256 == SHA256.hex(SHA256.hash(bytes)), "\(file.path)")
    }
    #expect(manifest.criteriaID == "department-2025" && manifest.criteria.sha256?.count == 64)
    // Read back from its JSON, the same manifest.
    #expect(try Manifest.read(Array(manifest.json.rendered().utf8), file: "m.json") == manifest)
    #expect(try manifest.verify(criteria: criteriaPath, folder: year.path).isEmpty)
  }

  @Test func verifyNamesExactlyTheFileThatChanged() throws {
    let (year, criteriaPath) = try Self.copy()
    let manifest = year.sibling("manifest.json")
    let made = Capture.run(["manifest", criteriaPath, year.path, "-o", manifest])
    #expect(made.code == .success)
    let unchanged = Capture.run(["verify", manifest, criteriaPath, year.path])
    #expect(unchanged.code == .success)
    #expect(unchanged.out.hasPrefix("Unchanged: all 9 files"))
    // One byte of one file: a 7 becomes an 8 in the evidence file, same size.
    let path = year.path + "/evidence.csv"
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let position = try #require(bytes.firstIndex(of: UInt8(ascii: "7")))
    bytes[position] = UInt8(ascii: "8")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let changed = Capture.run(["verify", manifest, criteriaPath, year.path])
    #expect(changed.code == .problemsFound)
    #expect(changed.out == "CHANGED: evidence.csv (same size, other bytes)\n1 difference from the manifest.\n")
  }

  @Test func verifyNamesARoundAddedAndAFileRemoved() throws {
    let (year, criteriaPath) = try Self.copy()
    let manifest = year.sibling("manifest.json")
    let made = Capture.run(["manifest", criteriaPath, year.path, "-o", manifest])
    #expect(made.code == .success)
    try year.write("appraisal-3.csv", "unit_id,code,value,points,reason\n")
    try FileManager.default.removeItem(atPath: year.path + "/explanation.csv")
    let result = Capture.run(["verify", manifest, criteriaPath, year.path])
    #expect(result.code == .problemsFound)
    #expect(result.out.contains("REMOVED: explanation.csv\n"))
    #expect(result.out.contains("ADDED: appraisal-3.csv (appraisal)\n"))
    // A listed file that is now a folder is unreadable, not removed.
    try FileManager.default.removeItem(atPath: year.path + "/units.csv")
    try FileManager.default.createDirectory(atPath: year.path + "/units.csv", withIntermediateDirectories: false)
    let folder = Capture.run(["verify", manifest, criteriaPath, year.path])
    #expect(folder.out.contains("UNREADABLE: units.csv ("), "\(folder.out)")
  }

  @Test func everyJSONAndHTMLOutputCarriesAManifestThatVerifyReads() throws {
    let (year, criteriaPath) = try Self.copy()
    let outputs = [
      ["rank", criteriaPath, year.path, "--format", "json"], ["score", criteriaPath, year.path, "--format", "html"],
      ["report", criteriaPath, year.path], ["sensitivity", criteriaPath, year.path, "--runs", "5", "--format", "json"],
      ["validate", criteriaPath, year.path, "--format", "json"],
    ]
    for (index, arguments) in outputs.enumerated() {
      let output = year.sibling("out-\(index)" + (arguments.contains("json") ? ".json" : ".html"))
      // `validate` has no -o: its standard output is the document.
      if arguments[0] == "validate" {
        let run = Capture.run(arguments)
        #expect(run.code == .success)
        try Data(run.out.utf8).write(to: URL(fileURLWithPath: output))
      } else {
        #expect(Capture.run(arguments + ["-o", output]).code == .success, "\(arguments[0])")
      }
      let check = Capture.run(["verify", output, criteriaPath, year.path])
      #expect(check.code == .success, "\(arguments[0]): \(check.out)\(check.err)")
    }
    // The ranking CSV stays exactly the published format: no manifest in it.
    let csv = Capture.run(["rank", criteriaPath, year.path, "--format", "csv"])
    #expect(csv.out.hasPrefix("group,rank,unit_id,name,") && !csv.out.contains("sha256"))
  }

  @Test func aFileWithoutAManifestIsNamed() throws {
    let year = try TemporaryYear(["not.json": "{\"format\": \"parindex-results/1\"}"])
    let result = Capture.run(["verify", year.path + "/not.json", Self.criteria, year.path])
    #expect(result.code == .dataError)
    #expect(result.err.contains("not.json: no valid manifest here"))
  }
}
