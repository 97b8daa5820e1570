import Foundation

/// Options of a run that change what the pipeline reads.
public struct PipelineOptions: Sendable {
  public var encoding: TextEncoding = .auto
  public var format: DocumentFormat = .auto
  public var foldTraditional = true
  public var maxInputBytes = 256 << 20
  public var maxDOCXBytes = 256 << 20
  public var maxHTMLDepth = 512
  /// Longest line of the extracted text (before normalisation), in characters.
  public var maxLineLength = 1 << 20

  public init() {}
}

/// ingest → segment: turns raw bytes into a ``Document`` with its layers. Build one per run
/// (dictionaries load once) and call ``process(_:)`` per document.
public struct Pipeline: Sendable {
  public let dictionaries: Dictionaries
  public let options: PipelineOptions

  public init(dictionaries: Dictionaries, options: PipelineOptions = PipelineOptions()) {
    self.dictionaries = dictionaries
    self.options = options
  }

  /// How far to take a document.
  public enum Stage: Sendable { case segment, extract }

  public func process(_ raw: RawDocument, through stage: Stage = .extract) throws -> Document {
    var doc = try ingest(raw)
    try segment(&doc)
    if stage == .extract { extract(&doc) }
    return doc
  }

  /// Counts, rates, shares, changes and the article's categories.
  public func extract(_ doc: inout Document) {
    FactExtractor(dictionaries: dictionaries).extract(&doc)
  }

  /// Decode, extract text from the container, normalise; every step keeps its offset map.
  public func ingest(_ raw: RawDocument) throws -> Document {
    guard raw.bytes.count <= options.maxInputBytes else { throw IngestError.tooLarge(bytes: raw.bytes.count) }
    guard !raw.bytes.isEmpty else { throw IngestError.empty }
    let format = options.format == .auto ? try DocumentFormat.detect(raw.bytes, name: raw.name) : options.format
    var warnings: [IngestWarning] = []
    let source: SourceText
    var text: NormalizedText
    var encoding = "UTF-8"
    if format != .docx && format != .html { try checkLineLength(bytes: raw.bytes, limit: options.maxLineLength) }
    switch format {
    case .docx:
      source = try DOCXTextExtractor(maxDecompressedBytes: options.maxDOCXBytes).extract(raw.bytes)
      text = NormalizedText(identity: source)
      encoding = "DOCX"
    default:
      let decoded = try TextDecoder.decode(raw.bytes, encoding: options.encoding)
      source = decoded.text
      encoding = decoded.encoding
      // Mostly undecodable: binary data, not a report in another encoding (or the wrong --encoding).
      if decoded.invalidCount > 16, decoded.invalidCount * 10 > decoded.text.count {
        if options.encoding != .auto {
          throw IngestError.decodingFailed(encoding: decoded.encoding, reason: "\(decoded.invalidCount) undecodable byte sequences in \(decoded.text.count) characters; is --encoding right?")
        }
        throw IngestError.binary(kind: "undecodable data (\(decoded.invalidCount) bad sequences as \(decoded.encoding))")
      }
      if decoded.invalidCount > 0 {
        warnings.append(IngestWarning(code: "XF-W001", message: "\(decoded.invalidCount) undecodable byte sequence(s) as \(decoded.encoding) replaced by U+FFFD; first at byte \(decoded.firstInvalidByte ?? 0)"))
      }
      let nul = source.scalars.reduce(0) { $0 + ($1.value == 0 ? 1 : 0) }
      if nul > 0 { warnings.append(IngestWarning(code: "XF-W002", message: "\(nul) NUL character(s) ignored")) }
      text = format == .html ? try HTMLTextExtractor(maxDepth: options.maxHTMLDepth).extract(source) : NormalizedText(identity: source)
    }
    guard text.scalars.contains(where: { !$0.properties.isWhitespace }) else { throw IngestError.empty }
    try checkLineLength(text, limit: options.maxLineLength)
    var steps: [any Normalizer] = [LineEndingNormalizer()]
    if format != .html && format != .docx { steps.append(MarkdownCleaner()) }
    steps.append(CharacterFolding(foldTraditional: options.foldTraditional))
    steps.append(BoilerplateFilter(rules: dictionaries.boilerplate))
    steps.append(ParagraphJoiner())
    for step in steps { text = step.normalize(text) }
    var doc = Document(name: raw.name, format: format, encoding: encoding, source: source, normalized: text)
    doc.warnings = warnings
    return doc
  }

  /// Articles, sections, sentences and tokens.
  public func segment(_ doc: inout Document) throws {
    let words = try BreakIterator.forCurrentThread(.word)
    let sentencesICU = try BreakIterator.forCurrentThread(.sentence)
    let structure = StructureParser()
    let text = doc.normalized
    doc.articles = structure.articles(text)
    doc.sections = structure.sections(text, articles: doc.articles)
    let segmenter = WordSegmenter(lexicon: dictionaries.lexicon, numbers: NumberRecognizer(units: dictionaries.units))
    var (tokens, numbers) = segmenter.segment(text, icu: words)
    let ranges = structure.sentenceRanges(text, articles: doc.articles, icu: sentencesICU)
    tokens = split(tokens, at: ranges)
    doc.tokens = tokens
    doc.numbers = numbers
    var sentences: [Sentence] = []
    var t = 0
    var articleIdx = 0
    for (k, r) in ranges.enumerated() {
      while t < tokens.count, tokens[t].range.upperBound <= r.lowerBound { t += 1 }
      var u = t
      while u < tokens.count, tokens[u].range.lowerBound < r.upperBound { u += 1 }
      while articleIdx + 1 < doc.articles.count, doc.articles[articleIdx + 1].range.lowerBound <= r.lowerBound { articleIdx += 1 }
      let section = doc.sections.lastIndex { $0.range.contains(r.lowerBound) }
      sentences.append(Sentence(index: k, range: r, tokens: t..<u, article: doc.articles.isEmpty ? 0 : doc.articles[articleIdx].index, section: section))
      t = u
    }
    doc.sentences = sentences
  }

  /// Tokens never cross a sentence boundary: cut the few that do (e.g. a lexicon term over a
  /// cut the sentence splitter made).
  private func split(_ tokens: [Token], at sentences: [Range<Int>]) -> [Token] {
    var cuts: [Int] = []
    cuts.reserveCapacity(sentences.count * 2)
    for r in sentences { cuts.append(r.lowerBound); cuts.append(r.upperBound) }
    cuts.sort()
    var result: [Token] = []
    result.reserveCapacity(tokens.count)
    var c = 0
    for tok in tokens {
      while c < cuts.count, cuts[c] <= tok.range.lowerBound { c += 1 }
      if c < cuts.count, cuts[c] < tok.range.upperBound {
        let inner = cuts[c]
        result.append(Token(range: tok.range.lowerBound..<inner, kind: tok.kind, origin: .icuSplit))
        result.append(Token(range: inner..<tok.range.upperBound, kind: tok.kind, origin: .icuSplit))
      } else {
        result.append(tok)
      }
    }
    return result
  }
}
