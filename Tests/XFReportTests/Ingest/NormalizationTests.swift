import Testing
@testable import XFReport

/// The source text at a token's span is the token's text before normalisation.
@Suite struct NormalizationTests {
  @Test(arguments: [
    // (source, token as normalized, the source text behind it)
    ("受理来信４６件，办结率９８．５％。", "46", "４６"),
    ("受理来信４６件，办结率９８．５％。", "98.5%", "９８．５％"),
    ("20\\_\\_年，全区上访总量为2675人次。", "20__", "20\\_\\_"),
    ("**全年受理来信**56件。", "来信", "来信"),
    ("今年以来我们坚持以人民为中心的发展思想，认真做好群众工作，全年共接待群众来\n\n访46批次。", "来访", "来\n\n访"),
    ("我們收到的信訪，受理來信46件。", "信访", "信訪"),
    ("我們收到的信訪，受理來信46件。", "来信", "來信"),
    ("一键复制全文保存为WORD\n全年受理群众来信来访300余人次。", "300余", "300余"),
  ])
  func sourceAtSpan(source: String, token: String, expected: String) throws {
    let doc = try Fixtures.process(source)
    let tok = try #require(doc.tokens.first { doc.text($0.range) == token }, "no token \(token) in \(doc.words)")
    #expect(doc.source.text(doc.sourceSpan(of: tok)) == expected)
    #expect(doc.invariantViolations().isEmpty)
  }

  @Test func boilerplateLinesAreDropped() throws {
    let doc = try Fixtures.process("标题\n一键复制全文保存为WORD\n下载 打印 全屏 收藏\n受理来信56件。")
    #expect(!doc.normalized.string.contains("一键复制"))
    #expect(!doc.normalized.string.contains("收藏"))
    #expect(doc.normalized.string.contains("受理来信56件"))
  }

  @Test func markdownHeadingsAndEmphasisAreRemoved() throws {
    let doc = try Fixtures.process("## 一、基本情况\n\n**全年**受理来信*件。")
    #expect(doc.normalized.string == "一、基本情况\n\n全年受理来信*件。")
  }

  @Test func shortTitlesAreNotJoined() throws {
    let doc = try Fixtures.process("信访工作总结\n\n今年以来，全县共受理来信56件。")
    #expect(doc.normalized.string.contains("总结\n\n今年"))
  }

  @Test func crlfAndNulBecomeLineBreaksAndSpaces() throws {
    let doc = try Fixtures.process("受理来信\r\n56件\u{0}。")
    #expect(doc.normalized.string == "受理来信\n56件 。")
    #expect(doc.invariantViolations().isEmpty)
  }

  @Test func offsetMapComposesThroughDeletionsAndReplacements() {
    let source = SourceText("a\\_b**c**")
    var text = NormalizedText(identity: source)
    text = MarkdownCleaner().normalize(text)
    #expect(text.string == "a_bc")
    #expect(text.sourceSpan(1..<2) == SourceSpan(1, 3))  // `_` came from `\_`
    #expect(text.sourceSpan(3..<4) == SourceSpan(6, 7))  // `c`
    #expect(text.sourceSpan(0..<4) == SourceSpan(0, 7))
  }
}
