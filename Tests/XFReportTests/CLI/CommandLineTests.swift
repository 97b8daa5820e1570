import Foundation
import Testing

/// Runs the built `xfreport` binary as a user would.
@Suite(.serialized) struct CommandLineTests {
  static let binary: URL = {
    // The test bundle lives next to the package's built executables.
    var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<3 {
      let candidate = dir.appendingPathComponent("xfreport")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return Fixtures.packageRoot.appendingPathComponent(".build/debug/xfreport")
  }()

  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  func run(_ args: [String], stdin: String? = nil, cwd: URL? = nil) throws -> Result {
    let p = Process()
    p.executableURL = Self.binary
    p.arguments = args
    if let cwd { p.currentDirectoryURL = cwd }
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "XFREPORT_DICTIONARIES")
    p.environment = env
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }

  func tempDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }

  @Test func binaryExists() {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the package first: \(Self.binary.path)")
  }

  @Test func explainShowsTheFrameCandidatesAndRule() throws {
    let r = try run(["extract", "--explain", "-"], stdin: "到县访42批130人次(含集体访6批)，县长接待了一名上访人。")
    #expect(r.status == 0)
    let lines = try r.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    let explain = lines.map { $0["explain"] as! [String: Any] }
    #expect(lines.compactMap { $0["metric"] as? String } == ["local", "local", "collective"])
    #expect(explain.map { $0["rule"] as! String } == ["cue.before", "pair.same_metric", "cue.before", "refuse.indefinite_one"])
    // The number inside the parenthesis has its scope and its own cue among the candidates.
    #expect(explain[2]["scope"] as? String == "(含集体访6批)")
    #expect((explain[2]["candidates"] as! [[String: Any]]).map { $0["cue"] as! String } == ["集体访"])
    #expect(lines[3]["kind"] as? String == "refused" && lines[3]["number"] as? String == "一名")
  }

  @Test func standardInputTextFormat() throws {
    let r = try run(["segment", "-"], stdin: "全年受理群众来信来访300余人次。办结率98.5%。")
    #expect(r.status == 0)
    #expect(r.stdout.split(separator: "\n").count == 2)
    #expect(r.stdout.contains("300余 人次"))
  }

  @Test func jsonlCarriesSpansKindsAndStructure() throws {
    let r = try run(["segment", "--format", "jsonl", "--explain", "-"], stdin: "信访工作总结篇一\n受理上访46人次。")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    let obj = try #require(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
    #expect(obj["article"] as? Int == 1)
    let tokens = try #require(obj["tokens"] as? [[String: Any]])
    let shangfang = try #require(tokens.first { $0["text"] as? String == "上访" })
    #expect(shangfang["span"] as? [Int] == [11, 13])
    #expect(shangfang["origin"] as? String == "lexicon")
    #expect(shangfang["merged"] as? [String] == ["上", "访"])
    #expect(tokens.first { $0["text"] as? String == "46" }?["kind"] as? String == "number")
  }

  @Test func badInputsAreReportedAndOthersProcessed() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    fm.createFile(atPath: dir.appendingPathComponent("a-empty.txt").path, contents: Data())
    fm.createFile(atPath: dir.appendingPathComponent("b-image.txt").path, contents: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
    fm.createFile(atPath: dir.appendingPathComponent("c-truncated.docx").path, contents: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]))
    fm.createFile(atPath: dir.appendingPathComponent("d-invalid-utf8.txt").path, contents: Data("受理来信".utf8) + Data([0xFF]) + Data("56件。".utf8))
    fm.createFile(atPath: dir.appendingPathComponent("e-good.txt").path, contents: Data("受理来信56件。".utf8))
    let r = try run(["segment", dir.path, dir.appendingPathComponent("missing.txt").path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("a-empty.txt: error: [XF-I003]"))
    #expect(r.stderr.contains("b-image.txt: error: [XF-I004]"))
    #expect(r.stderr.contains("c-truncated.docx: error: [XF-I007]"))
    #expect(r.stderr.contains("missing.txt: error: [XF-I001]"))
    #expect(r.stderr.contains("d-invalid-utf8.txt: warning: [XF-W001]"))
    #expect(r.stdout.contains("受理 来信 56 件 。"))
    #expect(r.stdout.split(separator: "\n").count == 2)
  }

  @Test func dictionariesAreFoundFromAnyDirectoryAndUserFilesAdd() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "term\tweight\ttag\n群众工作站\t10\tbody\n".write(to: dir.appendingPathComponent("mine.tsv"), atomically: true, encoding: .utf8)
    let plain = try run(["segment", "-"], stdin: "在群众工作站接待上访。", cwd: dir)
    #expect(plain.status == 0)
    #expect(plain.stdout.contains("上访"))
    #expect(!plain.stdout.contains("群众工作站"))
    let user = try run(["segment", "--dictionary", "mine.tsv", "-"], stdin: "在群众工作站接待上访。", cwd: dir)
    #expect(user.stdout.contains("群众工作站"))
  }

  @Test func usageErrorsExit64() throws {
    #expect(try run(["segment"]).status == 64)
    #expect(try run(["segment", "--format", "xml", "-"]).status == 64)
  }

  @Test func badDictionaryLineIsNamed() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "term\tweight\n信访\tmany\n".write(to: dir.appendingPathComponent("bad.tsv"), atomically: true, encoding: .utf8)
    let r = try run(["segment", "--dictionary", dir.appendingPathComponent("bad.tsv").path, "-"], stdin: "信访")
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.tsv:2: weight `many`"))
  }

  @Test func analyzeWritesOutputsAndReportsBadInputs() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try Data().write(to: input.appendingPathComponent("empty.txt"))
    try FileManager.default.copyItem(at: Fixtures.corpora.appendingPathComponent("inconsistent-figures.txt"), to: input.appendingPathComponent("report.txt"))
    // Old Word and Excel files and a picture are not read from a folder, and the analyst is told.
    for name in ["old.doc", "older.DOC", "figures.xls", "scan.png"] { try Data("x".utf8).write(to: input.appendingPathComponent(name)) }
    let out = dir.appendingPathComponent("out")
    let r = try run(["analyze", input.path, "--output", out.path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("empty.txt: error: [XF-I003]"))
    #expect(r.stderr.contains("analysed 2 files (1 failed), 1 article (0 repeated), "))
    #expect(r.stderr.contains("; skipped 4 files: 2 .doc, 1 .png, 1 .xls in "))
    let corpus = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("corpus.json"))) as? [String: Any]
    #expect(corpus?["skipped_files"] as? Int == 4)
    #expect((corpus?["skipped_by_kind"] as? [[String: Any]])?.first?["kind"] as? String == ".doc")
    let streamed = try run(["extract", input.path])
    #expect(streamed.stderr.hasPrefix("note: skipped 4 files: 2 .doc, 1 .png, 1 .xls"))
    let errors = try String(contentsOf: out.appendingPathComponent("errors.csv"), encoding: .utf8)
    #expect(errors.contains("empty.txt,") && errors.contains("XF-I003"))
    let findings = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8)
    #expect(findings.contains("parts_sum") && findings.contains("rate_mismatch"))
    let quiet = try run(["analyze", input.appendingPathComponent("report.txt").path, "-o", out.path, "--quiet", "--format", "csv", "--no-bom"])
    #expect(quiet.status == 0)
    #expect(quiet.stderr.isEmpty)
    #expect(try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8).hasPrefix("doc,article,title"))
  }

  @Test func analyzeUsageAndOutputErrors() throws {
    #expect(try run(["analyze", "Corpora"]).status == 64, "--output is required")
    #expect(try run(["analyze", "-o", "/tmp/x", "--format", "pdf", "Corpora"]).status == 64)
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("plain-file")
    try Data("x".utf8).write(to: file)
    let r = try run(["analyze", "-o", file.path, Fixtures.corpora.appendingPathComponent("township-collection.txt").path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("is not a directory"))
  }

  /// --format as a comma list, repeated, or both; each format once; unknown names are usage errors.
  @Test func formatListsAndUnknownFormats() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = Fixtures.corpora.appendingPathComponent("township-collection.txt").path
    func files(_ formats: [String]) throws -> [String] {
      let out = dir.appendingPathComponent(UUID().uuidString)
      let r = try run(["analyze", input, "-o", out.path, "--quiet"] + formats)
      #expect(r.status == 0, "\(formats): \(r.stderr)")
      // The run's own folder (.xfreport: run folders, lock, marker) is no output file.
      return try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != ".xfreport" }.sorted()
    }
    let csv = ["categories.csv", "category_totals.csv", "duplicates.csv", "errors.csv", "facts.csv", "findings.csv", "summary.csv", "totals.csv"]
    #expect(try files(["--format", "csv,xlsx"]) == (csv + ["xfreport.xlsx"]).sorted())
    #expect(try files(["--format", "csv", "--format", "xlsx"]) == (csv + ["xfreport.xlsx"]).sorted())
    #expect(try files(["--format", "jsonl,csv", "csv", "--format", "CSV"]) == (csv + ["facts.jsonl"]).sorted())
    #expect(try files(["--format", "sqlite, html"]) == ["report", "report.html", "xfreport.sqlite"])
    for bad in ["csv,pdf", "csv,", "excel"] {
      let r = try run(["analyze", input, "-o", dir.appendingPathComponent("bad").path, "--format", bad])
      #expect(r.status == 64, "\(bad)")
      #expect(r.stderr.contains("valid formats: jsonl, json, csv, sqlite, html, xlsx"), "\(bad): \(r.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path), "a usage error writes nothing")
  }

  /// Help is wrapped once: ArgumentParser wraps each line at the terminal's width, so a line of
  /// ours past 80 columns came out as a long line and an orphan. Printed 200 wide, no line of a
  /// discussion (between the overview and USAGE) is longer than 80; no example needs ../shared.
  @Test(arguments: [[], ["analyze"], ["extract"], ["segment"], ["eval"]])
  func helpIsWrappedOnceAndRunsOnCorpora(_ command: [String]) throws {
    let p = Process()
    p.executableURL = Self.binary
    p.arguments = command + ["--help"]
    p.environment = ProcessInfo.processInfo.environment.merging(["COLUMNS": "200"]) { $1 }
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let usage = try #require(lines.firstIndex { $0.hasPrefix("USAGE:") })
    for line in lines[1..<usage] { #expect(line.count <= 80, "\(line)") }
    #expect(!text.contains("../shared"))
  }

  @Test func aMisspelledSubcommandGetsADidYouMean() throws {
    let r = try run(["analyz", "Corpora", "--output", "out"])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("Error: unknown subcommand 'analyz'. Did you mean 'analyze'? Subcommands: analyze, segment, extract, eval."))
    let far = try run(["summarise"])
    #expect(far.status == 64)
    #expect(!far.stderr.contains("Did you mean") && far.stderr.contains("unknown subcommand 'summarise'"))
    // An unknown option is named as such.
    let option = try run(["extract", "--bogus", "-"], stdin: "")
    #expect(option.status == 64 && option.stderr.contains("Unknown option '--bogus'"))
    // A misspelled required option is named as unknown, not reported as the missing one.
    let typo = try run(["analyze", "Corpora", "--ouput", "out"])
    #expect(typo.status == 64 && typo.stderr.contains("Unknown option '--ouput'") && !typo.stderr.contains("Missing expected"), "\(typo.stderr)")
    let missing = try run(["analyze", "Corpora"])
    #expect(missing.status == 64 && missing.stderr.contains("Missing expected argument '--output <dir>'"))
  }

  @Test func jobsDoNotChangeTheOutput() throws {
    let one = try run(["extract", "-j", "1", Fixtures.corpora.path])
    let two = try run(["extract", "--jobs", "2", Fixtures.corpora.path])
    #expect(one.status == 0 && two.status == 0)
    #expect(one.stdout.count > 10_000)
    #expect(one.stdout == two.stdout)
    #expect(try run(["extract", "-j", "0", "-"]).status == 64)
  }

  /// A mixed hostile set (numerals past Int, runs of numerals, template reports, lying encodings,
  /// hidden markup, bad files): every output the same with one job or two, and on a rerun.
  @Test func jobsDoNotChangeTheOutputOnHostileInput() throws {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("xf-hostile-\(UUID().uuidString)")
    let input = dir.appendingPathComponent("in")
    try fm.createDirectory(at: input, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: input.appendingPathComponent(name)) }
    try write("overflow.txt", Array("受理来信一亿亿亿亿亿件，来访1e400人次，诉求12,3456件，工单1，234件，办结率百分之百。".utf8))
    try write("numeral-run.txt", Array(("来信" + String(repeating: "一", count: 3000) + "件。" + String(repeating: "7", count: 5000) + "件。").utf8))
    var similar = ""
    for i in 0..<400 { similar += "第\(i + 1)篇\n本月共受理群众来信来访\(100 + i % 37)件，其中来信\(20 + i % 13)件，来访\(80 + i % 29)件次，均已按期办理完毕。\n" }
    try write("similar.txt", Array(similar.utf8))
    for t in 0..<3 {
      try write("town\(t).txt", Array("镇\(t)2023年5月信访工作情况报告\n\n本月共受理群众来信来访\(40 + t * 7)件次，其中来信\(5 + t)件，来访\(35 + t * 6)件次。\n镇党委、政府高度重视信访工作，严格落实领导干部接访下访制度，畅通群众诉求表达渠道，推动矛盾纠纷就地化解，全镇信访形势总体平稳。\n".utf8))
    }
    try write("gbk.txt", [0xC0, 0xB4, 0xD0, 0xC5, 0x31, 0x32, 0xBC, 0xFE, 0xA1, 0xA3])  // 来信12件。 in GBK
    try write("utf32.txt", [0xFF, 0xFE, 0, 0] + "来信56件。".unicodeScalars.flatMap { v in (0..<4).map { UInt8(v.value >> (8 * $0) & 0xFF) } })
    try write("bad-utf8.txt", Array("受理来信".utf8) + [0xE5] + Array("12件。".utf8))
    try write("page.html", Array("<html><body><p>受理来信12件。</p><p hidden>来访99人次。</p></body></html>".utf8))
    try write("bold.md", Array("# 报告\n\n全年来信**120**件。\n".utf8))
    try write("empty.txt", [])
    try write("cut.docx", Array(try Data(contentsOf: Fixtures.corpora.appendingPathComponent("formats/county-annual-2019.docx")).prefix(3000)))
    var outputs: [[String: Data]] = []
    for jobs in ["1", "2", "2"] {
      let out = dir.appendingPathComponent("out-\(outputs.count)")
      let r = try run(["analyze", "-j", jobs, input.path, "--output", out.path, "--format", "jsonl,json,csv,sqlite,html,xlsx", "--quiet"])
      #expect(r.status == 2, "two bad files")
      outputs.append(try XFReportProcess.contents(out))
    }
    #expect(outputs[0].keys.filter { !$0.hasPrefix("report/") }.count >= 14)
    for name in outputs[0].keys.sorted() {
      #expect(outputs[0][name] == outputs[1][name], "\(name): -j 1 and -j 2 differ")
      #expect(outputs[1][name] == outputs[2][name], "\(name): a rerun differs")
    }
  }

  @Test func extractReadsOneDocumentPerJSONLine() throws {
    let text = try String(contentsOf: Fixtures.corpora.appendingPathComponent("county-annual-2019.txt"), encoding: .utf8)
    let doc = String(decoding: try JSONSerialization.data(withJSONObject: ["id": "county-annual-2019.txt", "text": text]), as: UTF8.self)
    let stdin = "\(doc)\nnot json\n{\"id\": 7, \"text\": \"\"}\n\n"
    let r = try run(["extract", "--input", "jsonl"], stdin: stdin)
    #expect(r.status == 0, "errors are in-band")
    let direct = try run(["extract", Fixtures.corpora.appendingPathComponent("county-annual-2019.txt").path])
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let errors = lines.filter { $0.contains("\"kind\":\"error\"") }
    #expect(errors == [
      "{\"doc\":\"line 2\",\"kind\":\"error\",\"code\":\"XF-I009\",\"message\":\"line 2 is not a JSON object\"}",
      "{\"doc\":\"7\",\"kind\":\"error\",\"code\":\"XF-I003\",\"message\":\"the file is empty (no text)\"}",
    ])
    #expect(lines.filter { !$0.contains("\"kind\":\"error\"") }.joined(separator: "\n") + "\n" == direct.stdout)
    #expect(try run(["extract", "--input", "jsonl", "a.txt"]).status == 64)
  }

  /// An id is any string: one that Foundation's path functions trap on must not stop the stream.
  @Test func jsonLinesIdsNeedNotBePaths() throws {
    let r = try run(["extract", "--input", "jsonl"], stdin: "{\"id\": \"///a//\", \"text\": \"全年共受理来信56件。\"}\n")
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("{\"doc\":\"a\",\"kind\":\"count\",\"metric\":\"letters\",\"value\":56,"))
  }
}
