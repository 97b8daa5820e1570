/// A processed document: it owns the source, the normalized text, and every layer the
/// pipeline adds (articles, sections, sentences, tokens, numbers). Everything else is a range
/// into it, as in spaCy's `Doc`.
public struct Document: Sendable {
  public let name: String
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

  /// The base name used in records (`doc`).
  public var baseName: String { RawDocument(name: name, bytes: []).baseName }

  /// Span in code points of ``source`` of a range of the normalized text.
  public func sourceSpan(_ range: Range<Int>) -> SourceSpan { normalized.sourceSpan(range) }
  public func sourceSpan(of token: Token) -> SourceSpan { normalized.sourceSpan(token.range) }

  /// Appends the UTF-8 of the sentence's tokens, whitespace tokens left out, separated by
  /// spaces: the text format of `segment`, built in place (a String append or Token copy per
  /// token costs more than segmenting).
  func appendWordsUTF8(of sentence: Sentence, to bytes: inout [UInt8]) {
    tokens.withUnsafeBufferPointer { tokens in
      normalized.scalars.withUnsafeBufferPointer { scalars in
        // Encoded into a scratch buffer (at most 4 bytes a scalar and a space a token), then
        // appended at once.
        var capacity = 0
        for t in sentence.tokens { capacity += tokens[t].range.count * 4 + 1 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { out in
          var n = 0
          var first = true
          for t in sentence.tokens where tokens[t].kind != .whitespace {
            if !first {
              out[n] = 0x20
              n += 1
            }
            first = false
            n += ScalarUTF8.encode(scalars[tokens[t].range], into: UnsafeMutableBufferPointer(rebasing: out[n...]))
          }
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: out[..<n]))
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
