import Foundation
import Testing
@testable import XFReport

/// File names that are not UTF-8 (GBK names from Windows ZIPs) are read, walked or named on the
/// command line, and shown with each byte outside a valid UTF-8 sequence as `\xNN`.
@Suite(.serialized) struct FileNameTests {
  /// 报告.txt in GBK: B1 A8 B8 E6, none of which starts a valid UTF-8 sequence here.
  static let gbkName: [UInt8] = [0xB1, 0xA8, 0xB8, 0xE6] + Array(".txt".utf8)
  static let shown = #"\xB1\xA8\xB8\xE6.txt"#
  static let report = "县信访局工作总结\n全年共受理群众来信120件，来访316件次。\n"

  @Test func displayEscapesEachInvalidByteOnly() {
    #expect(FileName.display(Array("信访 报告.txt".utf8)) == "信访 报告.txt")
    #expect(FileName.display(Self.gbkName) == Self.shown)
    #expect(FileName.display([0x61, 0xFF, 0x62]) == #"a\xFFb"#)
    // An overlong NUL, a surrogate, a sequence cut short, a value past U+10FFFF.
    #expect(FileName.display([0xC0, 0x80]) == #"\xC0\x80"#)
    #expect(FileName.display([0xED, 0xA0, 0x80]) == #"\xED\xA0\x80"#)
    #expect(FileName.display(Array("信".utf8) + [0xE4, 0xBD]) == #"信\xE4\xBD"#)
    #expect(FileName.display([0xF4, 0x90, 0x80, 0x80]) == #"\xF4\x90\x80\x80"#)
    // Valid sequences inside an invalid name stay readable.
    #expect(FileName.display([0xB1] + Array("信".utf8) + [0x0A]) == "\\xB1信\n")
  }

  /// Creates `dir/<GBK name>` with POSIX calls on the raw bytes.
  func makeGBKFile(in dir: URL) throws {
    let path = Array(dir.path.utf8) + [UInt8(ascii: "/")] + Self.gbkName + [0]
    let fd = path.withUnsafeBufferPointer { b in b.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) } }
    try #require(fd >= 0, "\(String(cString: strerror(errno)))")
    let bytes = Array(Self.report.utf8)
    #expect(write(fd, bytes, bytes.count) == bytes.count)
    close(fd)
  }

  @Test func aGBKNamedFileIsWalkedAndShownEscaped() throws {
    let dir = try XFReportProcess.tempDir("gbk-walk")
    defer { try? FileManager.default.removeItem(at: dir) }
    try makeGBKFile(in: dir)
    let items = InputCollector().collect([dir.path])
    #expect(items.map(\.name) == [dir.path + "/" + Self.shown])
    guard case .rawFile(let bytes) = try #require(items.first) else { Issue.record("\(items)"); return }
    #expect(bytes.suffix(Self.gbkName.count).elementsEqual(Self.gbkName))
    #expect(try InputCollector().read(items[0]).bytes == Array(Self.report.utf8))

    let extract = try XFReportProcess.run(["extract", dir.path])
    #expect(extract.status == 0, "\(extract.stderr)")
    #expect(extract.stdout.contains(#"{"doc":"\\xB1\\xA8\\xB8\\xE6.txt","kind":"count","metric":"letters","value":120"#), "\(extract.stdout)")
    let out = dir.appendingPathComponent("out")
    let analyze = try XFReportProcess.run(["analyze", dir.path, "-o", out.path, "-q", "--format", "jsonl", "json", "csv", "sqlite"])
    #expect(analyze.status == 0, "\(analyze.stderr)")
    #expect(try XFReportProcess.factsByDoc(out).keys.sorted() == [Self.shown])
    let documents = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("documents.json"))) as? [[String: Any]]
    #expect(documents?.first?["doc"] as? String == Self.shown)
    #expect(documents?.first?["path"] as? String == dir.path + "/" + Self.shown)
    #expect(documents?.first?["status"] as? String == "ok")
    let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
    #expect(summary.contains("\r\n" + Self.shown + ",0,"), "\(summary.prefix(400))")
  }

  /// Named on the command line: the argument's bytes are the file's, though Swift's
  /// `CommandLine.arguments` would have turned them into U+FFFD.
  @Test func aGBKNamedFileNamedOnTheCommandLineIsRead() throws {
    let dir = try XFReportProcess.tempDir("gbk-named")
    defer { try? FileManager.default.removeItem(at: dir) }
    try makeGBKFile(in: dir)
    let octal = Self.gbkName.prefix(4).map { "\\" + String($0, radix: 8) }.joined()
    let script = """
      export SWIFT_BACKTRACE=enable=no
      f=$(printf '%s/\(octal).txt' '\(dir.path)')
      '\(CommandLineTests.binary.path)' extract "$f"; echo "extract $?"
      '\(CommandLineTests.binary.path)' analyze "$f" -o '\(dir.path)/out' -q --format jsonl; echo "analyze $?"
      '\(CommandLineTests.binary.path)' extract "$f.missing" 2>&1; echo "missing $?"
      """
    let r = try XFReportProcess.shell(script)
    #expect(r.output.contains(#"{"doc":"\\xB1\\xA8\\xB8\\xE6.txt","kind":"count","metric":"letters","value":120"#), "\(r.output)")
    #expect(r.output.contains("extract 0") && r.output.contains("analyze 0"), "\(r.output)")
    #expect(try XFReportProcess.factsByDoc(dir.appendingPathComponent("out")).keys.sorted() == [Self.shown])
    // A missing one is named the same way in its error.
    #expect(r.output.contains("\(dir.path)/\(Self.shown).missing: error: [XF-I001] no such file or directory"), "\(r.output)")
    #expect(r.output.contains("missing 2"), "\(r.output)")
  }
}
