import Foundation
import Testing
@testable import XFReport

/// Documents are told apart by their path below the folder the inputs share: three report.txt
/// in three folders are three documents everywhere, and standard input is `-` everywhere.
@Suite struct DocumentIdentityTests {
  @Test func idsArePathsBelowTheSharedFolder() {
    let three = DocumentIdentity([.file("archive/a/report.txt"), .file("archive/b/report.txt"), .file("archive/c/sub/report.txt")])
    #expect(three.id(of: .file("archive/a/report.txt")) == "a/report.txt")
    #expect(three.id(of: .file("archive/c/sub/report.txt")) == "c/sub/report.txt")
    // One file, or the files of one folder: plain names.
    #expect(DocumentIdentity([.file("../x/2019.txt")]).id(of: .file("../x/2019.txt")) == "2019.txt")
    let folder = DocumentIdentity([.file("./in/a.txt"), .file("in//b.txt")])
    #expect(folder.id(of: .file("in//b.txt")) == "b.txt")
    // Nothing shared but `/`: the whole path. Standard input, a given id, a missing path.
    let apart = DocumentIdentity([.file("/srv/a/x.txt"), .file("/home/b/y.txt")])
    #expect(apart.id(of: .file("/home/b/y.txt")) == "/home/b/y.txt")
    #expect(three.id(of: .standardInput) == "-")
    #expect(three.id(of: .invalid("/elsewhere/gone.txt", .notFound(path: "gone.txt"))) == "gone.txt")
  }

  @Test func threeReportsOfOneNameAreThreeDocuments() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("xf-ids-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: root) }
    let texts = ["甲镇": "全年受理来信120件，来访45人次，办结率98%。", "乙镇": "全年受理来信88件，来访30人次，办结率96%。", "丙镇": "全年受理来信57件，来访21人次，办结率95%。"]
    var items: [InputItem] = []
    for (k, (town, text)) in texts.sorted(by: { $0.key < $1.key }).enumerated() {
      let dir = root.appendingPathComponent("in/\(["a", "b", "c"][k])")
      try fm.createDirectory(at: dir, withIntermediateDirectories: true)
      try Data("\(town)2023年信访工作总结\n\n\(text)\n".utf8).write(to: dir.appendingPathComponent("report.txt"))
    }
    items = InputCollector().collect([root.appendingPathComponent("in").path])
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = [.csv, .json, .sqlite]
    let out = root.appendingPathComponent("out")
    _ = try run.run(items, output: out.path)
    let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
    let docs = summary.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    #expect(docs == ["a/report.txt", "b/report.txt", "c/report.txt"])
    let documents = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("documents.json"))) as? [[String: Any]])
    #expect(documents.map { $0["doc"] as? String } == ["a/report.txt", "b/report.txt", "c/report.txt"])
    #expect(documents.map { $0["file"] as? String } == ["report.txt", "report.txt", "report.txt"])
    let duplicates = try String(contentsOf: out.appendingPathComponent("duplicates.csv"), encoding: .utf8)
    #expect(duplicates.split(separator: "\r\n").count == 1, "no copy of itself: \(duplicates)")
    let facts = try String(contentsOf: out.appendingPathComponent("facts.csv"), encoding: .utf8)
    #expect(Set(facts.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) }) == ["a/report.txt", "b/report.txt", "c/report.txt"])
  }

  /// `-` is no formula: not guarded in CSV, so it joins with the JSON outputs.
  @Test func standardInputIsADashInCSV() {
    var line: [UInt8] = []
    CSVTable.Style().append([.text("-"), .text("-5"), .text("=1+1")], to: &line)
    #expect(String(decoding: line, as: UTF8.self) == "-,'-5,'=1+1\r\n")
  }
}
