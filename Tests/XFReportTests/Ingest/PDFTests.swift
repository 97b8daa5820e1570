import Foundation
import Testing
@testable import XFReport

/// PDF (Scripts/make_pdf_fixtures.py): the text file's report set on four pages — running
/// header, `- N -` footers, page 2 in two columns, page 4 a table — gives the text file's facts,
/// each on its page; encrypted, scanned, damaged and over-limit PDFs are clear errors.
@Suite struct PDFTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("PDF")

  func load(_ relative: String, pipeline: Pipeline = Fixtures.pipeline) throws -> Document {
    try pipeline.process(RawDocument(name: relative, bytes: try Fixtures.bytes(relative)), through: .extract)
  }

  func key(_ f: Fact) -> String { "\(f.kind.rawValue) \(f.metric.rawValue) \(f.value.map { "\($0)" } ?? "null") \(f.unit)" }

  /// The pages the generator set each stretch of the text file on.
  func pagesOfText() throws -> [(page: Int, range: Range<Int>)] {
    let tsv = try String(contentsOf: Self.fixtures.appendingPathComponent("county-annual-2019.pages.tsv"), encoding: .utf8)
    return tsv.split(separator: "\n").dropFirst().map { line in
      let c = line.split(separator: "\t").map { Int($0)! }
      return (c[0], c[1]..<c[2])
    }
  }

  @Test func proseGivesTheTextFilesFactsOnTheirPages() throws {
    let txt = try load("county-annual-2019.txt")
    let pdf = try load("formats/county-annual-2019.pdf")
    #expect(pdf.format == .pdf)
    #expect(pdf.pageStarts.count == 4)
    let prose = pdf.facts.filter { $0.page != 4 }
    #expect(prose.map(key) == txt.facts.map(key))
    let pages = try pagesOfText()
    for (p, t) in zip(prose, txt.facts) {
      let expected = pages.first { $0.range.contains(t.span.start) }?.page
      #expect(p.page == expected, "\(key(p)) at \(t.span)")
    }
    #expect(Set(prose.compactMap(\.page)) == [1, 2], "page 3 holds the closing lines, without figures")
    #expect(txt.facts.allSatisfy { $0.page == nil })
    #expect(pdf.checkInvariants() == [])
  }

  /// Spans point into the extracted text (pages joined by form feeds): the source at each
  /// fact's span is its number, and a sentence's page is that of its start.
  @Test func spansPointIntoTheExtractedText() throws {
    let pdf = try load("formats/county-annual-2019.pdf")
    let s = pdf.source.string
    #expect(s.filter { $0 == "\u{0C}" }.count == 3)
    for f in pdf.facts where !f.placeholder {
      let text = pdf.source.text(f.span)
      #expect(text.first!.isNumber || "百千万两一二三四五六七八九十零".contains(text.first!), "\(text)")
      #expect(pdf.page(at: f.span.start) == f.page)
    }
    let last = try #require(pdf.sentences.last)
    #expect(pdf.page(of: last) == 4)
  }

  /// Header (青河县人民政府信访局) and footers (- N -) are not in the analysis text; the title on
  /// page 1 is; page 2's two columns are read left column first; the table's rows stay rows.
  @Test func layout() throws {
    let pdf = try load("formats/county-annual-2019.pdf")
    let text = pdf.normalized.string
    #expect(pdf.source.string.contains("青河县人民政府信访局"))
    #expect(!text.contains("青河县人民政府信访局"))
    #expect(!text.contains("- 1 -") && !text.contains("- 2 -"))
    #expect(text.hasPrefix("青河县信访局2019年工作总结\n"))
    // A sentence the page break cut, and one the column break cut, joined again.
    #expect(text.contains("12号)，明确各乡镇党委书记为本辖区信访工作第一责任人"))
    #expect(text.contains("全年共接待来访群众213批684人次，当场解决或明确答复的159件。"))
    let left = try #require(text.range(of: "推进阳光信访建设。")), right = try #require(text.range(of: "关心困难群众诉求。"))
    #expect(left.lowerBound < right.lowerBound)
    #expect(pdf.source.string.contains("来信\t412件\t—\t增加12件"))
    #expect(pdf.facts.filter { $0.page == 4 }.map(\.value).contains(412))
  }

  @Test func pageFurniture() {
    for k in ["#", "-#-", "—#—", "第#页", "第#页共#页", "第#页，共#页", "#/#", "page#of#"] { #expect(PageFurniture.isPageNumber(k), "\(k)") }
    for k in ["#件", "一、基本情况", "#年"] { #expect(!PageFurniture.isPageNumber(k), "\(k)") }
    let s = Array("第 3 页 共 12 页".unicodeScalars)
    #expect(PageFurniture.key(0..<s.count, s) == "第#页共#页")
  }

  @Test func encryptedScannedDamagedAndLimits() throws {
    func error(_ bytes: [UInt8], _ pipeline: Pipeline = Fixtures.pipeline) -> IngestError? {
      do { _ = try pipeline.ingest(RawDocument(name: "x.pdf", bytes: bytes)); return nil } catch { return error as? IngestError }
    }
    let encrypted = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("encrypted.pdf")))
    let scanned = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("scanned.pdf")))
    let good = try Fixtures.bytes("formats/county-annual-2019.pdf")
    #expect(error(encrypted)?.description.contains("encrypted") == true)
    #expect(error(scanned)?.description.contains("no text layer — scanned? run OCR first, e.g. ocrmypdf") == true)
    #expect(error(Array(good.prefix(good.count / 3)))?.description.contains("damaged") == true)
    #expect(error(Array("%PDF-1.4\n garbage".utf8))?.code == "XF-I010")
    var options = PipelineOptions()
    options.maxPDFPages = 3
    #expect(error(good, Pipeline(dictionaries: Fixtures.dictionaries, options: options))?.description.contains("--max-pdf-pages") == true)
    options = PipelineOptions()
    options.maxPDFBytes = 2048
    #expect(error(good, Pipeline(dictionaries: Fixtures.dictionaries, options: options))?.description.contains("--max-pdf-bytes") == true)
    #expect(try DocumentFormat.detect(good, name: "report.txt") == .pdf)
  }

  /// extract's JSON lines carry the page; a text file's are null.
  @Test func extractWritesThePage() throws {
    let pdf = try load("formats/county-annual-2019.pdf")
    var buffer: [UInt8] = []
    FactWriter().write(pdf, to: &buffer)
    let first = try #require(String(decoding: buffer, as: UTF8.self).split(separator: "\n").first)
    #expect(first.hasSuffix(#","page":1}"#))
    let txt = try load("county-annual-2019.txt")
    let line = FactWriter().line(txt.facts[0], doc: "t", title: nil)
    #expect(line.hasSuffix(#","page":null}"#))
  }
}
