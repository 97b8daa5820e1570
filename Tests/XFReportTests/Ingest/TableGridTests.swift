import Foundation
import Testing
@testable import XFReport

/// Tables keep their grid: merged cells (HTML rowspan/colspan, DOCX w:gridSpan/w:vMerge) cover
/// their slots, every cell's span is its text in the source, and in the text a row is one line.
@Suite struct TableGridTests {
  func html(_ body: String) throws -> Document {
    try Fixtures.pipeline.process(RawDocument(name: "t.html", bytes: Array("<html><body>\(body)</body></html>".utf8)), through: .extract)
  }

  func docx(_ body: String) throws -> Document {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("xf-grid-\(UUID().uuidString).docx")
    defer { try? FileManager.default.removeItem(at: url) }
    try ZIPMaker.zip([("word/document.xml", Data(DOCXStructureTests.xml(body).utf8))], to: url)
    return try Fixtures.pipeline.process(RawDocument(name: "t.docx", bytes: Array(try Data(contentsOf: url))), through: .extract)
  }

  /// The text of the cell at each slot, row by row ("" where none).
  func slots(_ t: TableGrid) -> [[String]] {
    (0..<t.rowCount).map { r in (0..<t.columnCount).map { c in t.cell(row: r, column: c).map { t.cells[$0].text } ?? "" } }
  }

  @Test func htmlRowspanAndColspan() throws {
    let doc = try html("""
      <table><tr><th rowspan="2">乡镇</th><th colspan="2">来访</th></tr>
      <tr><th>批次</th><th>人次</th></tr>
      <tr><td>云屏镇</td><td> 31 </td><td>86</td></tr></table>
      """)
    let t = try #require(doc.tables.first)
    #expect(slots(t) == [["乡镇", "来访", "来访"], ["乡镇", "批次", "人次"], ["云屏镇", "31", "86"]])
    let merged = try #require(t.cell(row: 1, column: 0))
    #expect(t.cells[merged].rowSpan == 2 && t.cells[merged].row == 0)
    #expect(t.cell(row: 0, column: 1) == t.cell(row: 0, column: 2))
    // Spans point into the markup, without the cell's spaces; ranges into the text.
    for cell in t.cells {
      #expect(doc.source.text(cell.span) == cell.text)
      #expect(doc.text(cell.range) == cell.text)
    }
    #expect(doc.normalized.string.contains("云屏镇\t31\t86"))
  }

  /// A page laid out in a table holding the content's table: only the inner one is a grid;
  /// a block inside a cell does not break its row.
  @Test func layoutTablesAndBlocksInCells() throws {
    let doc = try html("<table><tr><td><table><tr><td><p>来信</p></td><td>12件</td></tr><tr><td>来访</td><td>30件</td></tr></table></td></tr></table>")
    #expect(doc.tables.count == 1)
    #expect(slots(doc.tables[0]) == [["来信", "12件"], ["来访", "30件"]])
    #expect(doc.normalized.string.contains("来信\t12件"))
  }

  @Test func docxGridSpanAndVMerge() throws {
    func tc(_ text: String, _ pr: String = "") -> String { "<w:tc><w:tcPr>\(pr)</w:tcPr><w:p>\(DOCXStructureTests.run(text))</w:p></w:tc>" }
    let cont = #"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#
    let body = "<w:p>\(DOCXStructureTests.run("表1 来访"))</w:p><w:tbl>"
      + "<w:tr>\(tc("类别", #"<w:gridSpan w:val="2"/>"#))\(tc("一季度"))\(tc("二季度"))</w:tr>"
      + "<w:tr>\(tc("到县访", #"<w:vMerge w:val="restart"/>"#))\(tc("批次"))\(tc("98"))\(tc("112"))</w:tr>"
      + "<w:tr>\(cont)\(tc("人次"))\(tc("270"))\(tc("301"))</w:tr></w:tbl>"
    let doc = try docx(body)
    let t = try #require(doc.tables.first)
    #expect(slots(t) == [["类别", "类别", "一季度", "二季度"], ["到县访", "批次", "98", "112"], ["到县访", "人次", "270", "301"]])
    let k = try #require(t.cell(row: 2, column: 0))
    #expect(t.cells[k].rowSpan == 2)
    // The source is the paragraph texts joined by newlines, a row its cells apart by tabs.
    #expect(doc.source.string == "表1 来访\n类别\t一季度\t二季度\n到县访\t批次\t98\t112\n\t人次\t270\t301")
    for cell in t.cells { #expect(doc.source.text(cell.span) == cell.text) }
  }

  /// Hostile spans do not make huge grids.
  @Test func spansAreBounded() throws {
    let doc = try html(#"<table><tr><td rowspan="100000000" colspan="99999999">来信</td><td>1件</td></tr><tr><td>2件</td></tr></table>"#)
    let t = try #require(doc.tables.first)
    #expect(t.rowCount == 2 && t.columnCount <= 1001)
  }
}
