/// A processed document: it owns the source, the normalized text, and every layer the
/// pipeline adds (articles, sections, sentences, tokens, numbers). Everything else is a range
/// into it, as in spaCy's `Doc`.
public struct Document: Sendable {
  public let name: String
  /// How outputs name it (`doc`): the path relative to the run's shared folder, or the base
  /// name (``DocumentIdentity``).
  public var id: String = ""
  public let format: DocumentFormat
  public let encoding: String
  public let source: SourceText
  public let normalized: NormalizedText
  public internal(set) var articles: [Article] = []
  public internal(set) var sections: [Section] = []
  public internal(set) var sentences: [Sentence] = []
  public internal(set) var tokens: [Token] = []
  public internal(set) var numbers: [NumberMatch] = []
  public internal(set) var warnings: [IngestWarning] = []
  public internal(set) var facts: [Fact] = []
  public internal(set) var categoryMentions: [CategoryMention] = []
  /// The period each article states in its heading (title and first lines), by article index.
  public internal(set) var articlePeriods: [Int: Period] = [:]
  /// Why each number got its reading; filled only when the pipeline explains (`extract --explain`).
  public internal(set) var explanations: [FactExplanation] = []

  /// The tables of an HTML page, a DOCX or a PDF, as their grids (``TableGrid``); each cell's
  /// range points into ``normalized``.
  public internal(set) var tables: [TableGrid] = []

  /// PDF only: the source offset where each page starts (pages joined by form feeds).
  public internal(set) var pageStarts: [Int] = []

  /// The 1-based page holding a source offset; nil for a document without pages (not a PDF).
  public func page(at sourceOffset: Int) -> Int? {
    guard !pageStarts.isEmpty else { return nil }
    var lo = 0, hi = pageStarts.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if pageStarts[mid] <= sourceOffset { lo = mid } else { hi = mid }
    }
    return lo + 1
  }

  /// The page a sentence starts on (nil when not a PDF).
  public func page(of sentence: Sentence) -> Int? { page(at: sourceSpan(sentence.range).start) }

  /// The file's own name (`file` of documents.json), whatever folder it is in.
  public var baseName: String { RawDocument.baseName(of: name) }

  /// Span in code points of ``source`` of a range of the normalized text.
  public func sourceSpan(_ range: Range<Int>) -> SourceSpan { normalized.sourceSpan(range) }
  public func sourceSpan(of token: Token) -> SourceSpan { normalized.sourceSpan(token.range) }

  /// The text format of `segment` for `sentences` (indices into ``sentences``): per sentence
  /// one line of its tokens, whitespace tokens left out, separated by spaces. Written as UTF-8
  /// straight into one String: a String append or Token copy per token costs more than
  /// segmenting.
  func wordLines(_ sentences: Range<Int>) -> String {
    guard !sentences.isEmpty else { return "" }
    return tokens.withUnsafeBufferPointer { tokens in
      // At most 4 bytes a scalar, a space a token and a newline a sentence.
      var capacity = 0
      for k in sentences {
        capacity += 1
        for t in self.sentences[k].tokens { capacity += tokens[t].range.count * 4 + 1 }
      }
      return String(unsafeUninitializedCapacity: capacity) { buffer in
        normalized.scalars.withUnsafeBufferPointer { scalars in
          let out = buffer.baseAddress!, text = scalars.baseAddress!
          var n = 0
          for k in sentences {
            var first = true
            for t in self.sentences[k].tokens where tokens[t].kind != .whitespace {
              if !first {
                out[n] = 0x20
                n += 1
              }
              first = false
              let r = tokens[t].range
              n += ScalarUTF8.encode(text + r.lowerBound, count: r.count, into: out + n)
            }
            out[n] = 0x0A
            n += 1
          }
          return n
        }
      }
    }
  }

  /// The normalized text of a range.
  public func text(_ range: Range<Int>) -> String { normalized.string(range) }

  /// The source text behind a range of the normalized text.
  public func sourceText(_ range: Range<Int>) -> String { source.text(sourceSpan(range)) }

  /// The article's span in the source, from the start of its heading line.
  public func sourceSpan(of article: Article) -> SourceSpan {
    let span = sourceSpan(article.range)
    var start = span.start
    while start > 0, source.scalars[start - 1] != "\n" { start -= 1 }
    if article.index == 0 { start = 0 }
    return SourceSpan(start, max(start, span.end))
  }
}
