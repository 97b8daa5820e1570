import Foundation
import Testing
@testable import XFReport

/// `analyze --format csv xlsx` over three fixtures and a missing file, then the workbook read back
/// as the ZIP of XML parts it is: the sheets, frozen header, filter, percent format, notes on
/// blanked figures, one row per CSV row, and the README sheet from the schema.
/// (Scripts/check_xlsx.py compares every cell with the CSV files through openpyxl.)
@Suite struct XLSXWriterTests {
  static let inputs = [
    "inconsistent-figures.txt", "township-collection.txt", "placeholders-template.txt",
  ].map { Fixtures.corpora.appendingPathComponent($0).path } + ["/nonexistent/missing.txt"]

  static let output: URL = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-xlsx-\(UUID().uuidString)")
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = [.csv, .xlsx]
    _ = try! run.run(InputCollector().collect(inputs), output: dir.path)
    atexit { try? FileManager.default.removeItem(at: XLSXWriterTests.output) }
    return dir
  }()

  static let zip: ZIPEntryReader = ZIPEntryReader(bytes: [UInt8](try! Data(contentsOf: output.appendingPathComponent("xfreport.xlsx"))))

  func part(_ name: String) throws -> String {
    String(decoding: try Self.zip.read(name, limit: 64 << 20), as: UTF8.self)
  }

  func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test func workbookHasASheetPerTableAndTheReadme() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.output.path)
    #expect(names.contains("xfreport.xlsx"))
    #expect(!names.contains { $0.hasPrefix(".xfreport-staging") }, "\(names)")
    let workbook = try part("xl/workbook.xml")
    let sheets = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    #expect(sheets == ["summary", "facts", "findings", "categories", "duplicates", "totals", "category_totals", "errors", "README"])
    // Printed, each data sheet repeats its header row and its first column (the document).
    for name in ["summary", "facts", "errors"] {
      #expect(workbook.contains("'\(name)'!$A:$A,'\(name)'!$1:$1") || workbook.contains("\(name)!$A:$A,\(name)!$1:$1"), "\(name) print titles")
    }
  }

  @Test func sheetsHaveAFrozenFilteredHeaderAndEveryCSVRow() throws {
    for (i, t) in TableSchema.sheets.enumerated() {
      let xml = try part("xl/worksheets/sheet\(i + 1).xml")
      #expect(xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""), "\(t.name) header frozen")
      #expect(xml.contains("<autoFilter ref=\"A1:"), "\(t.name) filter")
      #expect(xml.contains("<cols>"), "\(t.name) column widths")
      let csv = try String(contentsOf: Self.output.appendingPathComponent(t.name + ".csv"), encoding: .utf8)
      let csvRows = csv.split(separator: "\r\n", omittingEmptySubsequences: true).count
      #expect(count("<row ", in: xml) == csvRows, "\(t.name): rows against \(t.name).csv")
      for c in t.columns { #expect(xml.contains("<t>\(c.name)</t>"), "\(t.name) header \(c.name)") }
    }
  }

  @Test func ratesArePercentFormattedNumbersAndBlanksHaveNotes() throws {
    let styles = try part("xl/styles.xml")
    #expect(styles.contains("formatCode=\"General&quot;%&quot;\""))
    // township-collection.txt's 息诉率 97.7 is a number cell, not text.
    let summary = try part("xl/worksheets/sheet1.xml")
    #expect(summary.contains("<v>97.7</v>"))
    // placeholders-template.txt's blanked figures: empty cells with the note.
    let comments = try part("xl/comments2.xml")
    #expect(comments.contains(XLSXAnalysisWriter.placeholderNote))
    let csv = try String(contentsOf: Self.output.appendingPathComponent("facts.csv"), encoding: .utf8)
    let blanks = csv.split(separator: "\r\n").filter { $0.contains("placeholders-template.txt") && $0.split(separator: ",", omittingEmptySubsequences: false)[TableSchema.facts.columnNames.firstIndex(of: "placeholder")!] == "true" }.count
    #expect(blanks > 0)
    #expect(count("<comment ref=", in: comments) == blanks)
  }

  @Test func readmeDescribesEveryColumnFromTheSchema() throws {
    let readme = try part("xl/worksheets/sheet\(TableSchema.sheets.count + 1).xml")
    #expect(readme.contains("schema_version \(TableSchema.version)"))
    for t in TableSchema.sheets {
      #expect(readme.contains("<t>\(XMLEscape(t.about))</t>"), "\(t.name)")
      for c in t.columns { #expect(readme.contains("<t>\(XMLEscape(c.about))</t>"), "\(t.name).\(c.name)") }
    }
  }

  /// Every renderer row has the schema's width, so no sheet's cells slide under another column.
  @Test func renderedRowsHaveTheSchemaWidth() throws {
    let doc = try Fixtures.process(String(contentsOf: Fixtures.corpora.appendingPathComponent("township-collection.txt"), encoding: .utf8))
    var analyzer = Analyzer(dictionaries: Fixtures.pipeline.dictionaries, keepDuplicates: false)
    let analysis = analyzer.analyze(doc)
    let chunk = XLSXAnalysisWriter.Renderer().render(analysis, shared: SharedRendering(analysis))
    for (i, rows) in chunk.rows.enumerated() {
      for r in rows { #expect(r.count == TableSchema.sheets[i].columns.count, "\(TableSchema.sheets[i].name)") }
    }
    #expect(!chunk.rows[0].isEmpty && !chunk.rows[1].isEmpty)
  }

  /// Past the row limit a table goes on in `<name> (2)`, header repeated, no row lost.
  @Test func fullSheetsGoOnInTheNext() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-xlsx-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = [.csv]
    run.extraWriters = [{ AnyAnalysisWriter(try XLSXAnalysisWriter($0, rowLimit: 40)) }]
    _ = try run.run(InputCollector().collect([Fixtures.corpora.appendingPathComponent("township-collection.txt").path]), output: dir.path)
    let zip = ZIPEntryReader(bytes: [UInt8](try Data(contentsOf: dir.appendingPathComponent("xfreport.xlsx"))))
    let workbook = String(decoding: try zip.read("xl/workbook.xml", limit: 1 << 20), as: UTF8.self)
    let sheets = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    let csv = try String(contentsOf: dir.appendingPathComponent("facts.csv"), encoding: .utf8).split(separator: "\r\n").count
    let parts = sheets.filter { $0 == "facts" || $0.hasPrefix("facts (") }
    #expect(parts.count == (csv - 1 + 38) / 39, "\(sheets)")
    var rows = 0
    for name in parts {
      let xml = String(decoding: try zip.read("xl/worksheets/sheet\(sheets.firstIndex(of: name)! + 1).xml", limit: 64 << 20), as: UTF8.self)
      #expect(xml.contains("<t>rule</t>") && xml.contains("<autoFilter"), "\(name)")
      rows += count("<row ", in: xml) - 1
    }
    #expect(rows == csv - 1)
  }

  @Test func widthsCountWideCharactersTwiceAndLongTextIsCut() {
    #expect(XLSXAnalysisWriter.displayWidth("信访ab１") == 8)
    let long = String(repeating: "信", count: XLSXAnalysisWriter.cellLimit + 5)
    let cut = XLSXAnalysisWriter.fitting(long)
    #expect(cut.unicodeScalars.count == XLSXAnalysisWriter.cellLimit && cut.hasSuffix("…"))
    #expect(XLSXAnalysisWriter.fitting("短") == "短")
  }

  func XMLEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }
}
