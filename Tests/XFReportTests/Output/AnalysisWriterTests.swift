import Foundation
import Testing
@testable import XFReport

/// Every `analyze` output of a small archive against a reviewed snapshot, plus the CSV rules.
/// After a deliberate change, rerun with XFREPORT_RECORD_SNAPSHOTS=1 and review the diff.
@Suite(.serialized) struct AnalysisWriterTests {
  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/analyze")

  static let reportA = """
    XX县信访局2020年信访工作总结

    2020年，全县共受理群众来信来访436件次，其中来信120件，来访316件次，同比下降6.2%。全年办结信访事项401件，办结率92%；息诉罢访380件，息诉率94.8%。
    从反映的问题看，土地征收问题较多，其次是拆迁安置和劳动社保问题。
    全年登记受理群众来信16件次，办结息诉13起，息诉率82%。
    =SUM(A1) 本行以等号开头，用于检验公式防护。"引号",逗号

    """
  static let reportB = """
    2020年，全县共受理群众来信来访436件次，其中来信120件，来访316件次，同比下降6.2%。全年办结信访事项401件，办结率92%；息诉罢访380件，息诉率94.8%。
    另据统计，全县发生集体访n批xx人次。

    """

  func runAnalysis(formats: [AnalysisFormat] = AnalysisFormat.defaults) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-writers-\(UUID().uuidString)")
    let input = root.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try Self.reportA.write(to: input.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    try Self.reportB.write(to: input.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
    try Data().write(to: input.appendingPathComponent("c-empty.txt"))
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = formats
    let out = root.appendingPathComponent("out")
    _ = try run.run(InputCollector().collect([input.path]), output: out.path)
    return out
  }

  static let files = [
    "facts.jsonl", "documents.json", "corpus.json", "summary.csv", "facts.csv", "categories.csv", "findings.csv",
    "duplicates.csv", "errors.csv", "totals.csv", "category_totals.csv",
  ]

  @Test func outputsMatchSnapshots() throws {
    let out = try runAnalysis()
    let record = ProcessInfo.processInfo.environment["XFREPORT_RECORD_SNAPSHOTS"] == "1"
    let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(written == ([".xfreport"] + Self.files).sorted(), "no other file left behind")
    #expect(XFReportProcess.runFolders(out).count == 1, "one run folder, the one in use")
    for name in Self.files {
      var text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
      // The error record names the temporary input path.
      text = text.replacingOccurrences(of: out.deletingLastPathComponent().path, with: "<tmp>")
      let snapshot = Self.snapshots.appendingPathComponent(name)
      if record {
        try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
        try text.write(to: snapshot, atomically: true, encoding: .utf8)
      } else {
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its snapshot")
      }
    }
  }

  /// `extract`'s record: the interchange keys, then `rule`, then article, title, period, page.
  @Test func factLineHasTheRuleAfterTheInterchangeKeys() throws {
    let doc = try Fixtures.process("全年共受理群众来信来访973批次。")
    #expect(FactWriter().line(doc.facts[0], doc: doc.baseName, title: nil) == """
      {"doc":"t.txt","kind":"count","metric":"received","value":973,"unit":"批次","span":[11,14],"approx":false,\
      "bound":null,"target":false,"category":null,"placeholder":false,"text":"全年共受理群众来信来访973批次",\
      "rule":"cue.before","article":0,"title":null,"period":null,"page":null}
      """)
  }

  /// documents.json nests each fact in its document and article, so the fact leaves out `doc`,
  /// `article` and `title`; everything else is the facts.jsonl record, key for key.
  @Test func nestedFactsAreTheLinesWithoutWhatTheNestingStates() throws {
    let out = try runAnalysis()
    let lines = try String(contentsOf: out.appendingPathComponent("facts.jsonl"), encoding: .utf8).split(separator: "\n")
      .map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary) }
    let documents = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("documents.json"))) as? [[String: Any]])
    var nested: [NSDictionary] = []
    for d in documents {
      for a in d["articles"] as? [[String: Any]] ?? [] {
        for f in a["facts"] as? [[String: Any]] ?? [] {
          #expect(f["doc"] == nil && f["article"] == nil && f["title"] == nil)
          var whole = f
          whole["doc"] = d["doc"]
          whole["article"] = a["article"]
          whole["title"] = a["title"] ?? NSNull()
          nested.append(whole as NSDictionary)
        }
      }
    }
    #expect(!lines.isEmpty)
    #expect(nested == lines)
  }

  @Test func rerunsAreByteIdentical() throws {
    let a = try runAnalysis(), b = try runAnalysis()
    for name in Self.files where name != "errors.csv" && name != "documents.json" {
      #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
    }
  }

  @Test func csvHasBOMAndCRLFButJSONHasNoBOM() throws {
    let out = try runAnalysis()
    let csv = try Data(contentsOf: out.appendingPathComponent("facts.csv"))
    #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(String(decoding: csv, as: UTF8.self).contains("\r\n"))
    for name in ["facts.jsonl", "documents.json", "corpus.json"] {
      let data = try Data(contentsOf: out.appendingPathComponent(name))
      #expect(data.first == UInt8(ascii: "{") || data.first == UInt8(ascii: "["), "\(name) starts with JSON, no BOM")
      if name != "facts.jsonl" { #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) parses") }
    }
    for line in try String(contentsOf: out.appendingPathComponent("facts.jsonl"), encoding: .utf8).split(separator: "\n") {
      #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
    }
  }

  @Test func csvQuotingAndFormulaGuard() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-csv-\(UUID().uuidString)")
    let out = try OutputDirectory(root.path)
    let table = try CSVTable(file: try out.create("t.csv"), header: ["a", "b", "c"], style: .init(bom: false, guardFormulas: true))
    try table.row([.text("=SUM(A1)"), .text("x,\"y\"\nz"), .number(-6.2)])
    try table.row([.text(nil), .int(3), .bool(true)])
    try table.close()
    try out.commit()
    let text = try String(contentsOf: root.appendingPathComponent("t.csv"), encoding: .utf8)
    #expect(text == "a,b,c\r\n'=SUM(A1),\"x,\"\"y\"\"\nz\",-6.2\r\n,3,true\r\n")
  }

  /// A writer that fails (a full disk, say) at its second document or when it finishes.
  final class FailingWriter: AnalysisWriter {
    struct Renderer: DocumentRenderer {
      func render(_ document: DocumentAnalysis, shared: SharedRendering) {}
    }
    let renderer = Renderer()
    let atTheEnd: Bool
    var seen = 0
    init(atTheEnd: Bool) { self.atTheEnd = atTheEnd }
    func append(_ chunk: Void) throws {
      seen += 1
      if !atTheEnd, seen == 2 { throw OutputError.notWritable("x", "No space left on device") }
    }
    func finish(_ totals: CorpusTotals) throws {
      if atTheEnd { throw OutputError.notWritable("x", "No space left on device") }
    }
  }

  /// Half-way through the documents, or while the writers finish (at once, with several jobs).
  @Test(arguments: [(1, false), (2, false), (1, true), (2, true)])
  func aFailedRunLeavesThePreviousOutputs(jobs: Int, atTheEnd: Bool) throws {
    let out = try runAnalysis()
    let before = try Self.files.map { try Data(contentsOf: out.appendingPathComponent($0)) }
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = AnalysisFormat.allCases
    run.jobs = jobs
    run.extraWriters = [{ _ in AnyAnalysisWriter(FailingWriter(atTheEnd: atTheEnd)) }]
    let input = out.deletingLastPathComponent().appendingPathComponent("in")
    #expect(throws: OutputError.self) { try run.run(InputCollector().collect([input.path]), output: out.path) }
    let after = try Self.files.map { try Data(contentsOf: out.appendingPathComponent($0)) }
    #expect(after == before)
    #expect(try XFReportProcess.visibleNames(out) == Self.files.sorted())
    #expect(XFReportProcess.runFolders(out).count == 1, "the failed run's folder is gone")
  }

  /// Documents are prepared and rendered on worker threads; every file must come out as with one job.
  @Test func jobsDoNotChangeAnyOutput() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-jobs-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    // Corpora twice: the second copy is all duplicates of the first, which crosses documents.
    let items = InputCollector().collect([Fixtures.corpora.path, Fixtures.corpora.path])
    var outputs: [[String: Data]] = []
    for jobs in [1, 3] {
      var run = AnalysisRun(pipeline: Fixtures.pipeline)
      run.formats = AnalysisFormat.allCases
      run.jobs = jobs
      let out = root.appendingPathComponent("j\(jobs)")
      _ = try run.run(items, output: out.path)
      outputs.append(try XFReportProcess.contents(out))
    }
    #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
    // 14 files, and report/ with a page per document.
    #expect(outputs[0].keys.filter { !$0.hasPrefix("report/") }.count == 14)
    #expect(outputs[0].keys.contains("report/doc-00001.html"))
    for (name, data) in outputs[0] { #expect(outputs[1][name] == data, "\(name) differs with 3 jobs") }
  }
}
