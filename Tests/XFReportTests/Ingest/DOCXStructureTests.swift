import Foundation
import Testing
@testable import XFReport

/// What a DOCX holds twice, or holds but does not show, is read once or not at all; a table
/// row stays one line.
@Suite struct DOCXStructureTests {
  static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

  static func xml(_ body: String, declaration: String = #"<?xml version="1.0" encoding="UTF-8"?>"#) -> String {
    declaration
      + #"<w:document xmlns:w="\#(w)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>"#
      + body + "</w:body></w:document>"
  }

  static func run(_ text: String, hidden: String? = nil) -> String {
    let rPr = hidden.map { $0.isEmpty ? "<w:rPr><w:vanish/></w:rPr>" : #"<w:rPr><w:vanish w:val="\#($0)"/></w:rPr>"# } ?? ""
    return "<w:r>\(rPr)<w:t>\(text)</w:t></w:r>"
  }

  func lines(_ body: String) throws -> [String] { try DOCXTextExtractor().paragraphs(Data(Self.xml(body).utf8)) }

  /// A text box written for new and old readers: the Choice and, again, the Fallback.
  @Test func aTextBoxIsReadOnce() throws {
    let box = "<w:txbxContent><w:p>\(Self.run("全年受理来信85件。"))</w:p></w:txbxContent>"
    let body = "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><wps:txbx>\(box)</wps:txbx></mc:Choice><mc:Fallback><v:textbox>\(box)</v:textbox></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    #expect(try lines(body).filter { !$0.isEmpty } == ["全年受理来信85件。"])
    // A Fallback alone is read.
    let onlyFallback = "<w:p><w:r><mc:AlternateContent><mc:Fallback><v:textbox>\(box)</v:textbox></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    #expect(try lines(onlyFallback).filter { !$0.isEmpty } == ["全年受理来信85件。"])
  }

  /// A tracked move keeps the text at both places; it is read where it was moved to.
  @Test func aTrackedMoveIsReadWhereItWentTo() throws {
    let body = "<w:p><w:moveFrom w:id=\"1\">\(Self.run("来访42人次。"))</w:moveFrom>\(Self.run("办结率96%。"))</w:p>"
      + "<w:p>\(Self.run("本年"))<w:moveTo w:id=\"2\">\(Self.run("来访42人次。"))</w:moveTo></w:p>"
      + "<w:p><w:del w:id=\"3\"><w:r><w:delText>来信7件</w:delText></w:r></w:del>\(Self.run("来信8件。"))</w:p>"
    #expect(try lines(body) == ["办结率96%。", "本年来访42人次。", "来信8件。"])
  }

  @Test func hiddenRunsAreNotRead() throws {
    let body = "<w:p>\(Self.run("受理来信30件"))\(Self.run("（内部核对数31件）", hidden: ""))\(Self.run("，来访12人次", hidden: "0"))\(Self.run("，越级访2人次", hidden: "true"))。</w:p>"
    #expect(try lines(body) == ["受理来信30件，来访12人次"])
  }

  /// A row's cells on one line, a tab between them: the cue in the first cell names the figure
  /// in the second.
  @Test func aTableRowIsOneLine() throws {
    func cell(_ t: String) -> String { "<w:tc><w:p>\(Self.run(t))</w:p></w:tc>" }
    let table = "<w:tbl><w:tr>\(cell("项目"))\(cell("数量"))</w:tr><w:tr>\(cell("来信"))\(cell("120件"))</w:tr><w:tr>\(cell("来访"))\(cell("46人次"))</w:tr></w:tbl>"
    let body = "<w:p>\(Self.run("表1 信访情况"))</w:p>" + table
    #expect(try lines(body) == ["表1 信访情况", "项目\t数量", "来信\t120件", "来访\t46人次"])
    let docx = FileManager.default.temporaryDirectory.appendingPathComponent("xf-table-\(UUID().uuidString).docx")
    defer { try? FileManager.default.removeItem(at: docx) }
    try ZIPMaker.zip([("word/document.xml", Data(Self.xml(body).utf8))], to: docx)
    let doc = try Fixtures.pipeline.process(RawDocument(name: "t.docx", bytes: Array(try Data(contentsOf: docx))))
    #expect(doc.facts.map { "\($0.metric.rawValue) \($0.value.map { "\($0)" } ?? "nil") \(doc.source.text($0.span))" } == ["letters 120 120", "visits 46 46"])
  }

  /// A document.xml in UTF-16 (with its BOM) or declared GBK is read, not refused as malformed.
  @Test func documentXMLInOtherEncodings() throws {
    let body = "<w:p>\(Self.run("全年受理来信85件。"))</w:p>"
    var utf16: [UInt8] = [0xFF, 0xFE]
    for u in Self.xml(body, declaration: #"<?xml version="1.0" encoding="UTF-16"?>"#).utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
    #expect(try DOCXTextExtractor().paragraphs(Data(utf16)) == ["全年受理来信85件。"])
    let gbk = try #require(TextEncoder.encode(Self.xml(body, declaration: #"<?xml version="1.0" encoding="GBK"?>"#), as: .gb18030))
    #expect(try DOCXTextExtractor().paragraphs(Data(gbk)) == ["全年受理来信85件。"])
  }
}
