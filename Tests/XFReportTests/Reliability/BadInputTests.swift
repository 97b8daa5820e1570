import Foundation
import Testing
@testable import XFReport

/// Bad inputs next to good ones: each bad one is named on standard error with its code and has
/// an error record, the good ones are analysed exactly as on their own, the run exits 2.
@Suite(.serialized) struct BadInputTests {
  /// Expected outcome per bad input: the code on standard error (`nil`: analysed, no message).
  struct Expectation {
    let name: String
    let code: String?
    /// Whether it is an error (errors.csv, `"status": "error"`) rather than a warning.
    var isError: Bool { code?.hasPrefix("XF-I") ?? false }
  }

  static let good = ["good report.txt", "报告 2019 年 工作总结.txt"]

  /// Writes every bad input into `dir`; returns what each should give.
  func makeBadInputs(in dir: URL) throws -> [Expectation] {
    let fm = FileManager.default
    func write(_ name: String, _ data: Data) throws { try data.write(to: dir.appendingPathComponent(name)) }
    var expected: [Expectation] = []
    try write("empty.txt", Data())
    expected.append(.init(name: "empty.txt", code: "XF-I003"))
    try write("whitespace.txt", Data(" \n\t\r\n\u{3000}  \n".utf8))
    expected.append(.init(name: "whitespace.txt", code: "XF-I003"))
    try write("image-png.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data((0..<4096).map { UInt8($0 % 251) }))
    expected.append(.init(name: "image-png.txt", code: "XF-I004"))
    // No extension: read when walking a folder, like a report saved without one.
    var elf = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) + Data(count: 56)
    elf += Data((0..<8192).map { UInt8(($0 * 7) % 256) })
    try write("program-elf", elf)
    expected.append(.init(name: "program-elf", code: "XF-I004"))
    // A damaged UTF-8 report: read as UTF-8 with replacements, and said so.
    let township = try Data(contentsOf: Fixtures.corpora.appendingPathComponent("township-collection.txt"))
    try write("invalid-utf8.txt", township.prefix(600) + Data([0xFF, 0xFE, 0xC3, 0x28]) + township.dropFirst(600))
    expected.append(.init(name: "invalid-utf8.txt", code: "XF-W001"))
    try write("mixed-endings-nul.txt", Data("信访工作总结\r\n全年受理来信56件。\r来访120人次。\n".utf8) + Data([0, 0]) + Data("办结率98%。\u{0}\r\n".utf8))
    expected.append(.init(name: "mixed-endings-nul.txt", code: "XF-W002"))
    // 50 MB on one line.
    let unit = Data("全县受理群众来信来访共计若干件次，".utf8)
    var line = Data(capacity: 50 << 20)
    while line.count < 50 << 20 { line.append(unit) }
    try write("one-long-line.txt", line)
    expected.append(.init(name: "one-long-line.txt", code: "XF-I005"))
    let docx = try Data(contentsOf: Fixtures.corpora.appendingPathComponent("formats/county-annual-2019.docx"))
    try write("truncated.docx", docx.prefix(docx.count / 2))
    expected.append(.init(name: "truncated.docx", code: "XF-I007"))
    try ZIPMaker.zip([("readme.txt", Data("not a document".utf8))], to: dir.appendingPathComponent("plain-zip.docx"))
    expected.append(.init(name: "plain-zip.docx", code: "XF-I007"))
    // 300 MB of spaces inside the paragraph: past the 256 MiB default.
    try ZIPMaker.bomb("word/document.xml", size: 300 << 20, byte: 0x20, to: dir.appendingPathComponent("zip-bomb.docx"))
    expected.append(.init(name: "zip-bomb.docx", code: "XF-I007"))
    // The same, its headers claiming 4 KB: stopped while inflating.
    var lying = [UInt8](try Data(contentsOf: dir.appendingPathComponent("zip-bomb.docx")))
    for (signature, field) in [([UInt8]([0x50, 0x4B, 0x03, 0x04]), 22), ([0x50, 0x4B, 0x01, 0x02], 24)] {
      let at = try #require((0...(lying.count - 4)).first { Array(lying[$0..<($0 + 4)]) == signature })
      lying.replaceSubrange((at + field)..<(at + field + 4), with: [0x00, 0x10, 0, 0])
    }
    try write("zip-bomb-lying-sizes.docx", Data(lying))
    expected.append(.init(name: "zip-bomb-lying-sizes.docx", code: "XF-I007"))
    let depth = 100_000
    try write("deep.html", Data(("<html><body>" + String(repeating: "<div>", count: depth) + "受理来信56件。" + String(repeating: "</div>", count: depth) + "</body></html>").utf8))
    expected.append(.init(name: "deep.html", code: "XF-I008"))
    try write("big-attribute.html", Data(("<html><body><p title=\"" + String(repeating: "x", count: 10 << 20) + "\">全年受理来信56件。</p></body></html>").utf8))
    expected.append(.init(name: "big-attribute.html", code: nil))
    let xxe = #"<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#
    try ZIPMaker.zip([("word/document.xml", ZIPMaker.document(ZIPMaker.paragraph("全年受理来信56件&xxe;。"), prolog: xxe))], to: dir.appendingPathComponent("xxe.docx"))
    expected.append(.init(name: "xxe.docx", code: nil))
    var laughs = #"<!DOCTYPE w:document [<!ENTITY a "lollollollollollollollollollol">"#
    for k in 1...9 {
      let prev = Character(UnicodeScalar(UInt8(96 + k)))
      laughs += "<!ENTITY \(Character(UnicodeScalar(UInt8(97 + k)))) \"" + String(repeating: "&\(prev);", count: 10) + "\">"
    }
    laughs += "]>"
    try ZIPMaker.zip([("word/document.xml", ZIPMaker.document(ZIPMaker.paragraph("受理来信56件&j;。"), prolog: laughs))], to: dir.appendingPathComponent("billion-laughs.docx"))
    expected.append(.init(name: "billion-laughs.docx", code: "XF-I007"))
    try write("xxe.html", Data((xxe.replacingOccurrences(of: "w:document", with: "html") + "<html><body><p>全年受理来信56件&xxe;。</p></body></html>").utf8))
    expected.append(.init(name: "xxe.html", code: nil))
    try write("xxe.xhtml", Data((#"<?xml version="1.0"?>"# + xxe.replacingOccurrences(of: "w:document", with: "html") + "<html><body><p>全年受理来信56件&xxe;。</p></body></html>").utf8))
    expected.append(.init(name: "xxe.xhtml", code: nil))
    // Unreadable: root reads any file; see `unreadableWrapper`.
    try write("unreadable.txt", Data("受理来信56件。".utf8))
    chmod(dir.appendingPathComponent("unreadable.txt").path, 0)
    expected.append(.init(name: "unreadable.txt", code: "XF-I002"))
    #expect(mkfifo(dir.appendingPathComponent("fifo.txt").path, 0o644) == 0)
    expected.append(.init(name: "fifo.txt", code: "XF-I002"))
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.txt").path, withDestinationPath: "nowhere.txt")
    expected.append(.init(name: "dangling.txt", code: "XF-I001"))
    try fm.createDirectory(at: dir.appendingPathComponent("loop"), withIntermediateDirectories: true)
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop/up").path, withDestinationPath: "..")
    expected.append(.init(name: "loop/up", code: "XF-I002"))
    return expected
  }

  /// Root ignores file modes; without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH it does not.
  static var unreadableWrapper: [String]? {
    if geteuid() != 0 { return [] }
    return FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") ? ["/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search"] : nil
  }

  @Test func badInputsAreRecordedAndGoodOnesAnalysedAsAlone() throws {
    let root = try XFReportProcess.tempDir("bad")
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("in")
    let goodDir = root.appendingPathComponent("good")
    for d in [input, goodDir] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
    let started = Date()
    var expected = try makeBadInputs(in: input)
    let generated = Date().timeIntervalSince(started)
    let wrapper = Self.unreadableWrapper
    if wrapper == nil {
      // Running as root without setpriv: the file mode cannot make a file unreadable.
      try FileManager.default.removeItem(at: input.appendingPathComponent("unreadable.txt"))
      expected.removeAll { $0.name == "unreadable.txt" }
    }
    for (k, name) in Self.good.enumerated() {
      let source = Fixtures.corpora.appendingPathComponent(k == 0 ? "county-annual-2019.txt" : "police-quarterly-2021.txt")
      try FileManager.default.copyItem(at: source, to: input.appendingPathComponent(name))
      try FileManager.default.copyItem(at: source, to: goodDir.appendingPathComponent(name))
    }
    // Named inside the walked folder: every id is then a plain name (the folder is the shared root).
    let missing = input.appendingPathComponent("does-not-exist.txt").path
    expected.append(.init(name: "does-not-exist.txt", code: "XF-I001"))

    let out = root.appendingPathComponent("out")
    let r = try XFReportProcess.run(["analyze", input.path, missing, "-o", out.path], wrapper: wrapper ?? [], timeout: 300)
    #expect(r.status == 2, "\(r.stderr)")
    print("bad inputs: made in \(String(format: "%.1f", generated)) s, analysed in \(String(format: "%.1f", r.seconds)) s")
    let errors = try String(contentsOf: out.appendingPathComponent("errors.csv"), encoding: .utf8)
    let documents = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("documents.json"))) as? [[String: Any]])
    for e in expected {
      guard let code = e.code else {
        #expect(!r.stderr.contains("\(e.name):"), "\(e.name) should be analysed without a message")
        continue
      }
      let level = e.isError ? "error" : "warning"
      #expect(r.stderr.contains("\(e.name): \(level): [\(code)]"), "\(e.name): no \(level) \(code) on standard error")
      let record = documents.first { $0["doc"] as? String == e.name }
      if e.isError {
        #expect(errors.contains("\n\(e.name),") && errors.contains(code), "\(e.name): no row in errors.csv")
        #expect(record?["status"] as? String == "error", "\(e.name): not an error in documents.json")
        #expect((record?["error"] as? [String: Any])?["code"] as? String == code)
      } else {
        let warnings = record?["warnings"] as? [[String: Any]] ?? []
        #expect(warnings.contains { $0["code"] as? String == code }, "\(e.name): no warning \(code) in documents.json")
      }
    }
    #expect(r.stderr.contains("zip-bomb-lying-sizes.docx: error: [XF-I007] not a readable DOCX: word/document.xml expands past"), "\(r.stderr)")
    let failed = expected.filter(\.isError).count
    #expect(r.stderr.contains("(\(failed) failed)"), "\(r.stderr)")

    // Nothing from /etc/passwd, in any output.
    for (name, data) in try XFReportProcess.contents(out) {
      #expect(!String(decoding: data, as: UTF8.self).contains("root:"), "\(name) holds text of an external entity")
    }
    // The XXE and big-attribute inputs still give their own text's facts.
    let facts = try XFReportProcess.factsByDoc(out)
    for name in ["xxe.docx", "xxe.html", "big-attribute.html"] {
      #expect(facts[name]?.contains { $0.contains("\"value\":56") } == true, "\(name): the fact of its text is missing")
    }

    // Good files: the same facts as a run over them alone.
    let aloneOut = root.appendingPathComponent("alone")
    let alone = try XFReportProcess.run(["analyze", goodDir.path, "-o", aloneOut.path, "-q"])
    #expect(alone.status == 0, "\(alone.stderr)")
    let aloneFacts = try XFReportProcess.factsByDoc(aloneOut)
    for name in Self.good {
      #expect((aloneFacts[name]?.count ?? 0) > 10)
      #expect(facts[name] == aloneFacts[name], "\(name): facts differ from a run over the good files alone")
    }
  }

  @Test func wrongEncodingIsAnErrorForThatFile() throws {
    let dir = try XFReportProcess.tempDir("enc")
    defer { try? FileManager.default.removeItem(at: dir) }
    let gb = try Data(contentsOf: Fixtures.corpora.appendingPathComponent("encodings/county-annual-2019.gb18030.txt"))
    try gb.write(to: dir.appendingPathComponent("gb18030.txt"))
    try FileManager.default.copyItem(at: Fixtures.corpora.appendingPathComponent("township-collection.txt"), to: dir.appendingPathComponent("utf8.txt"))
    let out = dir.appendingPathComponent("out")
    let r = try XFReportProcess.run(["analyze", dir.appendingPathComponent("gb18030.txt").path, dir.appendingPathComponent("utf8.txt").path, "--encoding", "utf-8", "-o", out.path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("gb18030.txt: error: [XF-I006] cannot decode as UTF-8"), "\(r.stderr)")
    #expect(r.stderr.contains("is --encoding right?"))
    #expect(try XFReportProcess.factsByDoc(out)["utf8.txt"]?.isEmpty == false)
  }

  @Test func limitsAreOptions() throws {
    let dir = try XFReportProcess.tempDir("limits")
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = Fixtures.corpora.appendingPathComponent("county-annual-2019.txt")
    let html = Fixtures.corpora.appendingPathComponent("formats/county-annual-2019.html")
    let docx = Fixtures.corpora.appendingPathComponent("formats/county-annual-2019.docx")
    let small = try XFReportProcess.run(["extract", "--max-input-bytes", "1K", report.path])
    #expect(small.status == 2)
    #expect(small.stderr.contains("[XF-I005] the file is too large") && small.stderr.contains("--max-input-bytes"))
    let line = try XFReportProcess.run(["extract", "--max-line-length", "50", report.path])
    #expect(line.status == 2)
    #expect(line.stderr.contains("[XF-I005] a line of") && line.stderr.contains("--max-line-length"))
    let deep = try XFReportProcess.run(["extract", "--max-html-depth", "3", html.path])
    #expect(deep.status == 2)
    #expect(deep.stderr.contains("[XF-I008]") && deep.stderr.contains("--max-html-depth"))
    let inflate = try XFReportProcess.run(["extract", "--max-docx-bytes", "2K", docx.path])
    #expect(inflate.status == 2)
    #expect(inflate.stderr.contains("[XF-I007]") && inflate.stderr.contains("--max-docx-bytes"))
    let ok = try XFReportProcess.run(["extract", "--max-input-bytes", "1M", "--max-line-length", "64K", "--max-html-depth", "64", "--max-docx-bytes", "16MiB", report.path, html.path, docx.path])
    #expect(ok.status == 0, "\(ok.stderr)")
    for bad in ["0", "-3", "12X", "99999999999G"] {
      #expect(try XFReportProcess.run(["extract", "--max-input-bytes", bad, report.path]).status == 64, "\(bad)")
    }
  }

  /// A long line costs linear time: 2.8 MB (under a million characters) on one line, a number every 12 characters.
  @Test func longLineWithManyNumbersIsLinear() throws {
    let dir = try XFReportProcess.tempDir("line")
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("line.txt")
    try Data(String(repeating: "全县受理群众来信56件，", count: 80_000).utf8).write(to: file)
    let r = try XFReportProcess.run(["extract", file.path], timeout: 120)
    #expect(r.status == 0)
    #expect(r.stdout.split(separator: "\n").count > 40_000, "\(r.stderr)")
    // Quadratic, this took minutes (3 minutes for 1 MB in a debug build).
    #expect(r.seconds < 60, "took \(r.seconds) s")
  }

  /// Every input the fuzzer found a problem with, replayed through the pipeline it used.
  @Test func fuzzRegressionInputs() throws {
    let dir = Fixtures.packageRoot.appendingPathComponent("Tests/XFReportTests/Reliability/FuzzRegressions")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(!names.isEmpty)
    for name in names {
      let data = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
      guard let selector = data.first, let raw = FuzzInput.document(data) else { continue }
      let pipeline = Pipeline(dictionaries: Fixtures.dictionaries, options: FuzzInput.options(selector))
      guard let doc = try? pipeline.process(raw) else { continue }
      #expect(doc.checkInvariants() == [], "\(name)")
      var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
      #expect(analyzer.analyze(doc).failure == nil, "\(name)")
    }
  }

  @Test func corporaHoldTheInvariants() throws {
    let fm = FileManager.default
    let dirs = [Fixtures.corpora, Fixtures.corpora.appendingPathComponent("formats"), Fixtures.corpora.appendingPathComponent("encodings")]
    for dir in dirs {
      for name in try fm.contentsOfDirectory(atPath: dir.path) where !name.hasSuffix(".jsonl") && !name.hasSuffix(".md") || dir.lastPathComponent == "formats" {
        let url = dir.appendingPathComponent(name)
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue, name != "README.md" else { continue }
        let doc = try Fixtures.pipeline.process(RawDocument(name: name, bytes: [UInt8](try Data(contentsOf: url))))
        #expect(doc.checkInvariants() == [], "\(name)")
        #expect(!doc.facts.isEmpty, "\(name)")
      }
    }
  }
}
