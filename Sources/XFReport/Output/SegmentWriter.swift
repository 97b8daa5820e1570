/// Writes the segmentation of a document: one sentence per line, tokens separated by spaces
/// (like `python -m jieba -d " "`), or one JSON object per sentence.
public struct SegmentWriter: Sendable {
  public enum Format: String, Sendable, CaseIterable { case text, jsonl }

  public let format: Format
  public let explain: Bool

  public init(format: Format, explain: Bool) {
    self.format = format
    self.explain = explain
  }

  public func write(_ doc: Document, to out: inout String) {
    // The text format without notes is one String for the whole document: String appends per
    // token or line cost more than segmenting (this is the hot path of `segment`).
    if format == .text && !explain {
      out += doc.wordLines(doc.sentences.indices)
      return
    }
    let icu = explain ? (try? Explainer.icuSegments(doc)) ?? [] : []
    for (k, sentence) in doc.sentences.enumerated() {
      switch format {
      case .text:
        out += doc.wordLines(k..<(k + 1))
        if explain {
          for tok in doc.tokens[sentence.tokens] {
            if let note = Explainer.note(tok, doc: doc, icu: icu) { out += "\t# \(note)\n" }
          }
        }
      case .jsonl:
        out += jsonLine(sentence, doc: doc, icu: icu)
        out += "\n"
      }
    }
  }

  func jsonLine(_ sentence: Sentence, doc: Document, icu: [Range<Int>]) -> String {
    var o = JSONObjectWriter()
    o.add("doc", doc.id)
    o.add("path", doc.name)
    let article = doc.articles.first { $0.index == sentence.article }
    o.add("article", sentence.article)
    o.add("article_title", article?.title)
    let section = sentence.section.map { doc.sections[$0] }
    o.add("section", section?.index)
    o.add("section_title", section?.title)
    o.add("sentence", sentence.index)
    o.add("span", span: doc.sourceSpan(sentence.range))
    o.add("text", doc.text(sentence.range))
    var tokens: [String] = []
    for tok in doc.tokens[sentence.tokens] where tok.kind != .whitespace {
      var t = JSONObjectWriter()
      t.add("text", doc.text(tok.range))
      t.add("source", doc.sourceText(tok.range))
      t.add("kind", tok.kind.rawValue)
      t.add("span", span: doc.sourceSpan(of: tok))
      if explain {
        t.add("origin", Explainer.originName(tok.origin))
        if case .lexicon = tok.origin {
          t.add("merged", raw: JSONText.array(Explainer.pieces(tok, icu: icu).map { JSONText.string(doc.text($0)) }))
        }
      }
      tokens.append(t.close())
    }
    o.add("tokens", raw: JSONText.array(tokens))
    return o.close()
  }
}

/// Says where tokens came from: ICU as is, or which lexicon entry merged which ICU pieces.
public enum Explainer {
  /// ICU's own word segments of the normalized text, before numbers and the lexicon.
  public static func icuSegments(_ doc: Document) throws -> [Range<Int>] {
    let it = try BreakIterator(.word)
    let (units, index) = UTF16Scalars.encode(doc.normalized.scalars[...])
    var result: [Range<Int>] = []
    var start = 0
    for b in it.segments(units, scalarIndex: index).bounds {
      result.append(start..<Int(b))
      start = Int(b)
    }
    return result
  }

  static func pieces(_ tok: Token, icu: [Range<Int>]) -> [Range<Int>] {
    icu.filter { $0.overlaps(tok.range) }.map { max($0.lowerBound, tok.range.lowerBound)..<min($0.upperBound, tok.range.upperBound) }
  }

  public static func originName(_ o: TokenOrigin) -> String {
    switch o {
    case .icu: "icu"
    case .icuSplit: "icu-split"
    case .lexicon: "lexicon"
    case .number: "number"
    }
  }

  static func note(_ tok: Token, doc: Document, icu: [Range<Int>]) -> String? {
    let span = doc.sourceSpan(of: tok)
    switch tok.origin {
    case .lexicon(let term, _):
      let parts = pieces(tok, icu: icu).map { doc.text($0) }
      return "lexicon \(term) ← \(parts.joined(separator: "|")) @\(span)"
    case .number:
      let parts = pieces(tok, icu: icu).map { doc.text($0) }
      return parts.count > 1 ? "number \(doc.text(tok.range)) ← \(parts.joined(separator: "|")) @\(span)" : nil
    case .icuSplit:
      return "split \(doc.text(tok.range)) (part of an ICU token) @\(span)"
    case .icu:
      return nil
    }
  }
}
