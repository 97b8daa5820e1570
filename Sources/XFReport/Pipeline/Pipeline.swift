import Foundation

/// Options of a run that change what the pipeline reads.
public struct PipelineOptions: Sendable {
  public var encoding: TextEncoding = .auto
  public var format: DocumentFormat = .auto
  public var foldTraditional = true
  public var maxInputBytes = 256 << 20
  public var maxDOCXBytes = 256 << 20
  public var maxHTMLDepth = 512
  public var maxPDFPages = 10_000
  /// The text extracted from a PDF, in UTF-8 bytes.
  public var maxPDFBytes = 256 << 20
  /// Longest line of the extracted text (before normalisation), in characters.
  public var maxLineLength = 1 << 20
  /// Keep each fact's frame and rule trace (``Document/explanations``).
  public var explain = false

  public init() {}
}

/// ingest → segment: turns raw bytes into a ``Document`` with its layers. Build one per run
/// (dictionaries load once) and call ``process(_:)`` per document.
public struct Pipeline: Sendable {
  public let dictionaries: Dictionaries
  public let options: PipelineOptions
  /// Indexes its rules: built once, not per document.
  private let boilerplate: BoilerplateFilter
  /// Built once, like the filter: its steps hold the dictionaries.
  private let extractor: FactExtractor

  public init(dictionaries: Dictionaries, options: PipelineOptions = PipelineOptions()) {
    self.dictionaries = dictionaries
    self.options = options
    boilerplate = BoilerplateFilter(rules: dictionaries.boilerplate)
    extractor = FactExtractor(dictionaries: dictionaries, explain: options.explain)
  }

  /// Which layers to build. Articles, sections, sentences and numbers always.
  public enum Stage: Sendable {
    /// Words, no facts: what `segment` writes.
    case segment
    /// Facts, no words. Extraction reads characters, numbers and sentences, never words, and
    /// ICU's word pass is the largest cost of a document: `extract` and `analyze` skip it.
    case extract
    /// Words and facts.
    case all
  }

  public func process(_ raw: RawDocument, through stage: Stage = .all) throws -> Document {
    var doc = try ingest(raw)
    try segment(&doc, words: stage != .extract)
    if stage != .segment { extract(&doc) }
    return doc
  }

  /// Counts, rates, shares, changes and the article's categories.
  public func extract(_ doc: inout Document) {
    extractor.extract(&doc)
    if !doc.pageStarts.isEmpty {
      for k in doc.facts.indices { doc.facts[k].page = doc.page(at: doc.facts[k].span.start) }
    }
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
    var pageStarts: [Int] = []
    var tables: [TableGrid] = []
    if format != .docx && format != .html && format != .pdf { try checkLineLength(bytes: raw.bytes, limit: options.maxLineLength) }
    switch format {
    case .docx:
      (source, tables) = try DOCXTextExtractor(maxDecompressedBytes: options.maxDOCXBytes).extractWithTables(raw.bytes)
      text = NormalizedText(identity: source)
      encoding = "DOCX"
    case .pdf:
      let pdf = try PDFTextExtractor(maxPages: options.maxPDFPages, maxTextBytes: options.maxPDFBytes).extract(raw.bytes)
      (source, text, pageStarts, tables) = (pdf.source, pdf.text, pdf.pageStarts, pdf.tables)
      encoding = "PDF"
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
        let why = options.encoding == .auto && decoded.encoding == TextEncoding.utf8.icuName ? " (read as UTF-8: almost all of the file is valid UTF-8)" : ""
        warnings.append(IngestWarning(code: "XF-W001", message: "\(decoded.invalidCount) undecodable byte sequence(s) as \(decoded.encoding) replaced by U+FFFD; first at byte \(decoded.firstInvalidByte ?? 0)\(why)"))
      }
      let nul = source.scalars.reduce(0) { $0 + ($1.value == 0 ? 1 : 0) }
      if nul > 0 { warnings.append(IngestWarning(code: "XF-W002", message: "\(nul) NUL character(s) ignored")) }
      if format == .html {
        (text, tables) = try HTMLTextExtractor(maxDepth: options.maxHTMLDepth).extractWithTables(source)
      } else {
        text = NormalizedText(identity: source)
      }
    }
    guard text.scalars.contains(where: { !$0.isWhitespaceLike && !LineEndingNormalizer.isInvisible($0.value) }) else { throw IngestError.empty }
    try checkLineLength(text, limit: options.maxLineLength)
    var steps: [any Normalizer] = [LineEndingNormalizer()]
    if format != .html && format != .docx && format != .pdf { steps.append(MarkdownCleaner()) }
    steps.append(CharacterFolding(foldTraditional: options.foldTraditional, preset: dictionaries.hanFolding))
    steps.append(RubyAnnotationStripper())
    steps.append(boilerplate)
    steps.append(ParagraphJoiner())
    for step in steps { text = step.normalize(consume text) }
    var doc = Document(name: raw.name, format: format, encoding: encoding, source: source, normalized: text)
    doc.id = raw.id
    doc.warnings = warnings
    doc.pageStarts = pageStarts
    doc.tables = tables.map { $0.located(in: doc.normalized) }
    return doc
  }

  /// Articles, sections, sentences and numbers; tokens (words) when `words` is set.
  public func segment(_ doc: inout Document, words: Bool = true) throws {
    let structure = StructureParser()
    let text = doc.normalized
    let lines = text.lineRanges()
    doc.articles = structure.articles(text, lines: lines)
    doc.sections = structure.sections(text, lines: lines, articles: doc.articles)
    let numberRecognizer = NumberRecognizer(units: dictionaries.units)
    var tokens: [Token] = []
    var notes: [NumberNote] = []
    let numbers = numberRecognizer.find(in: text.scalars, notes: &notes)
    if words {
      let segmenter = WordSegmenter(lexicon: dictionaries.lexicon, numbers: numberRecognizer)
      tokens = try BreakIterator.forCurrentThread(.word).withSegments(text.scalars[...]) { bounds, statuses in
        segmenter.segment(text.scalars, bounds: bounds, statuses: statuses, numbers: numbers)
      }
    }
    let tooLong = notes.filter { $0.kind == .tooLong }.map(\.range)
    if !tooLong.isEmpty {
      doc.warnings.append(doc.numberWarning(code: "XF-W003", tooLong, "too long to be a number (over \(NumberRecognizer.maxNumeralLength) characters), not read", quote: false))
    }
    let badGrouping = notes.filter { $0.kind == .badGrouping }.map(\.range)
    if !badGrouping.isEmpty {
      doc.warnings.append(doc.numberWarning(code: "XF-W004", badGrouping, "with digits grouped wrongly (not in thousands), not read as a figure"))
    }
    // The boundaries of ICU's sentence iterator (UAX #29), found without a second ICU pass.
    let ranges = structure.sentenceRanges(text, lines: lines, articles: doc.articles, breaks: SentenceBreaker().boundaries(text.scalars))
    if words { tokens = split(tokens, at: ranges) }
    doc.tokens = tokens
    doc.numbers = numbers
    var sentences: [Sentence] = []
    sentences.reserveCapacity(ranges.count)
    var t = 0
    var articleIdx = 0
    // The innermost section holding a sentence's start is the last one (in section order) that
    // holds it. Sentence starts ascend, so a section that ended before one never holds a later
    // one: keep the started sections on a stack and drop ended ones from its top.
    let sections = doc.sections
    var nextSection = 0
    var open: [Int] = []
    var lastStart = 0
    for (k, r) in ranges.enumerated() {
      while t < tokens.count, tokens[t].range.upperBound <= r.lowerBound { t += 1 }
      var u = t
      while u < tokens.count, tokens[u].range.lowerBound < r.upperBound { u += 1 }
      while articleIdx + 1 < doc.articles.count, doc.articles[articleIdx + 1].range.lowerBound <= r.lowerBound { articleIdx += 1 }
      let section: Int?
      if r.lowerBound >= lastStart {
        lastStart = r.lowerBound
        while nextSection < sections.count, sections[nextSection].range.lowerBound <= r.lowerBound {
          open.append(nextSection)
          nextSection += 1
        }
        while let top = open.last, sections[top].range.upperBound <= r.lowerBound { open.removeLast() }
        section = open.last
      } else {
        section = sections.lastIndex { $0.range.contains(r.lowerBound) }
      }
      sentences.append(Sentence(index: k, range: r, tokens: t..<u, article: doc.articles.isEmpty ? 0 : doc.articles[articleIdx].index, section: section))
      t = u
    }
    doc.sentences = sentences
  }

  /// Tokens never cross a sentence boundary: cut the few that do (e.g. a lexicon term over a
  /// cut the sentence splitter made).
  private func split(_ tokens: [Token], at sentences: [Range<Int>]) -> [Token] {
    // Sentence starts and ends, in order (sentences ascend and do not overlap).
    var cuts: [Int] = []
    cuts.reserveCapacity(sentences.count * 2)
    for r in sentences { cuts.append(r.lowerBound); cuts.append(r.upperBound) }
    if !cuts.isSorted() { cuts.sort() }
    // Most documents have no token to cut: they keep their array.
    let first: Int? = tokens.withUnsafeBufferPointer { tokens in
      var c = 0
      for k in tokens.indices {
        let range = tokens[k].range
        while c < cuts.count, cuts[c] <= range.lowerBound { c += 1 }
        if c < cuts.count, cuts[c] < range.upperBound { return k }
      }
      return nil
    }
    guard let first else { return tokens }
    var result = Array(tokens[..<first])
    result.reserveCapacity(tokens.count + 16)
    var c = 0
    for k in first..<tokens.count {
      let range = tokens[k].range
      while c < cuts.count, cuts[c] <= range.lowerBound { c += 1 }
      if c < cuts.count, cuts[c] < range.upperBound {
        let inner = cuts[c]
        result.append(Token(range: range.lowerBound..<inner, kind: tokens[k].kind, origin: .icuSplit))
        result.append(Token(range: inner..<range.upperBound, kind: tokens[k].kind, origin: .icuSplit))
      } else {
        result.append(tokens[k])
      }
    }
    return result
  }
}

private extension Array where Element == Int {
  func isSorted() -> Bool {
    for i in indices.dropFirst() where self[i - 1] > self[i] { return false }
    return true
  }
}
