import Foundation

/// The `analyze` stage over an archive. Each document is first prepared on its own
/// (``prepare(_:)``: checks, summaries, sketches — any thread), then analysed in input order
/// (``analyze(_:)``: duplicates against everything seen before, copy conflicts, running corpus
/// totals). It keeps sketches and totals, never texts, so memory does not grow with the
/// documents' size.
public struct Analyzer {
  /// Count repeated articles and passages in the totals too (`--keep-duplicates`).
  public var keepDuplicates = false
  public private(set) var totals = CorpusTotals()
  /// The per-document half, safe to run on worker threads.
  public let preparer: Preparer

  private var articleIndex = DuplicateIndex<IndexedText>(slots: Preparer.articleSlots, bands: 16, threshold: 0.8)
  private var passageIndex = DuplicateIndex<IndexedText>(slots: Preparer.passageSlots, bands: 8, threshold: 0.8)
  /// Input position of the first document of each name, for links between documents.
  private var firstPosition: [String: Int] = [:]
  private var position = 0

  /// A figure of an indexed passage, kept to compare with later copies of it.
  struct PassageFigure {
    let kind: FactKind
    let metric: Metric
    let value: Decimal?
    let unit: String
    let unitClass: UnitLexicon.UnitClass?
    let span: SourceSpan
    /// Input position of its document and its index in that document's facts.
    let position: Int
    let fact: Int

    var unitKey: String { UnitLexicon.unitKey(unit, class: unitClass) }
  }

  /// An indexed article or passage: its figures, to find conflicts, and what a copy of it must repeat.
  struct IndexedText {
    let figures: [PassageFigure]
    let evidence: CopyEvidence
  }

  public init(dictionaries: Dictionaries, keepDuplicates: Bool = false) {
    preparer = Preparer(checker: ConsistencyChecker(dictionaries: dictionaries), summarizer: ArticleSummarizer(body: ReportingBody(dictionaries)))
    self.keepDuplicates = keepDuplicates
  }

  /// Prepares and analyses one document (one thread).
  public mutating func analyze(_ doc: Document) -> DocumentAnalysis { analyze(preparer.prepare(doc)) }

  public mutating func failed(name: String, id: String? = nil, error: Error) -> DocumentAnalysis { analyze(preparer.failed(name: name, id: id, error: error)) }

  /// The in-order half: duplicate marks, copy conflicts, totals.
  public mutating func analyze(_ prepared: PreparedDocument) -> DocumentAnalysis {
    var result = prepared.analysis
    position += 1
    result.position = position
    if firstPosition[result.doc] == nil { firstPosition[result.doc] = position }
    if result.failure == nil { findDuplicates(prepared, &result) }
    var names: Set<String> = [result.doc]
    for m in result.duplicates { names.insert(m.original.doc) }
    for case let r? in result.factDuplicateOf { names.insert(r.doc) }
    for f in result.findings { for g in f.figures { names.insert(g.doc) } }
    for name in names { result.firstPositions[name] = firstPosition[name] }
    totals.add(result, dedupe: !keepDuplicates)
    return result
  }

  /// Marks repeated articles and passages, and records the findings of copies that disagree.
  private mutating func findDuplicates(_ prepared: PreparedDocument, _ result: inout DocumentAnalysis) {
    for (k, article) in prepared.articles.enumerated() {
      var articleOriginal: TextRef? = nil
      if let sketch = article.sketch {
        let facts = article.passages.flatMap(\.facts)
        let indexed = Self.indexed(facts, of: result)
        // The best earlier article that this one copies: like it in text, and stating its
        // figures and period. One of the same template with its own figures is an original.
        if let m = articleIndex.candidates(sketch).first(where: { $0.relation == .contains || indexed.evidence.judge(against: $0.payload.evidence) == .copy }) {
          let match = DuplicateMatch(kind: .article, relation: m.relation, copy: article.ref, original: m.ref, similarity: m.similarity)
          result.duplicates.append(match)
          if match.coversCopy {
            articleOriginal = m.ref
            result.articles[k].duplicateOf = m.ref
            result.articles[k].duplicateSimilarity = m.similarity
            // Its figures are dropped from the totals as the original's: any that differ are said.
            let conflicts = Self.conflicts(copy: facts, of: result, original: m.payload.figures, originalRef: m.ref)
            result.articles[k].findingCount += conflicts.count
            result.findings += conflicts
          } else {
            // It holds more than the earlier article: keep it as an original too; its
            // repeated passages are found one by one.
            articleIndex.insert(sketch, ref: article.ref, payload: indexed)
          }
        } else {
          articleIndex.insert(sketch, ref: article.ref, payload: indexed)
        }
      }
      for passage in article.passages {
        if let original = articleOriginal {
          for f in passage.facts { result.factDuplicateOf[f] = original }
        }
        guard let sketch = passage.sketch else { continue }
        let indexed = Self.indexed(passage.facts, of: result)
        if let m = passageIndex.candidates(sketch).first(where: { $0.relation != .contains && indexed.evidence.judge(against: $0.payload.evidence) == .copy }) {
          for f in passage.facts { result.factDuplicateOf[f] = m.ref }
          // A passage inside a repeated article is already reported, conflicts too, with its article.
          if let a = articleOriginal, a.doc == m.ref.doc, a.article == m.ref.article { continue }
          result.duplicates.append(DuplicateMatch(kind: .passage, relation: m.relation, copy: passage.ref, original: m.ref, similarity: m.similarity))
          let conflicts = Self.conflicts(copy: passage.facts, of: result, original: m.payload.figures, originalRef: m.ref)
          // The passage's facts are its article's: the k-th summary, not a search per finding.
          result.articles[k].findingCount += conflicts.count
          result.findings += conflicts
        } else {
          passageIndex.insert(sketch, ref: passage.ref, payload: indexed)
        }
      }
    }
  }

  /// The figures of `facts` (indices into `result.facts`) and what a copy of them must repeat.
  private static func indexed(_ facts: [Int], of result: DocumentAnalysis) -> IndexedText {
    let figures = facts.map { k in
      let f = result.facts[k]
      return PassageFigure(kind: f.kind, metric: f.metric, value: f.value, unit: f.unit, unitClass: f.unitClass, span: f.span, position: result.position, fact: k)
    }
    return IndexedText(figures: figures, evidence: CopyEvidence(facts.lazy.map { result.facts[$0] }))
  }

  /// Two copies of one article or passage that state the same figures in the same order but with different
  /// values.
  /// `copy`: indices of the passage's facts in `result`.
  private static func conflicts(copy indices: [Int], of result: DocumentAnalysis, original: [PassageFigure], originalRef: TextRef) -> [Finding] {
    let copy = indices.map { result.facts[$0] }, doc = result.doc
    guard copy.count == original.count, !copy.isEmpty else { return [] }
    for (c, o) in zip(copy, original) where c.kind != o.kind || c.metric != o.metric || c.unitKey != o.unitKey {
      return []
    }
    return zip(zip(indices, copy), original).compactMap { pair, o in
      let (k, c) = pair
      guard let cv = c.value, let ov = o.value, cv != ov else { return nil }
      return Finding(
        rule: .copyConflict, doc: doc, article: c.article,
        message: "\(c.metric.rawValue) stated as \(FactWriter.number(cv))\(c.unit) here but \(FactWriter.number(ov))\(o.unit) in the copy in \(originalRef.doc) article \(originalRef.article)",
        metric: c.metric,
        stated: cv, computed: ov,
        figures: [
          Finding.Figure(role: "copy", value: cv, unit: c.unit, doc: doc, span: c.span, fact: k),
          // An earlier passage of this same input: its fact is one of this document's too.
          Finding.Figure(role: "original", value: ov, unit: o.unit, doc: originalRef.doc, span: o.span, fact: o.position == result.position ? o.fact : nil),
        ],
        evidence: c.evidence, span: c.span, original: originalRef)
    }
  }
}

/// A document prepared for ``Analyzer/analyze(_:)-(PreparedDocument)``: its analysis without
/// duplicate marks, and the sketches of its articles and passages.
public struct PreparedDocument: Sendable {
  var analysis: DocumentAnalysis
  var articles: [Article] = []

  struct Article: Sendable {
    let ref: TextRef
    /// nil when too short to call a duplicate.
    let sketch: MinHash?
    let passages: [Passage]
  }

  /// A line of the article.
  struct Passage: Sendable {
    let ref: TextRef
    let sketch: MinHash?
    /// Indices of the facts that start on the line.
    let facts: [Int]
  }
}

extension Analyzer {
  /// What can be computed of a document without the others: checks, article summaries, sketches.
  public struct Preparer: Sendable {
    let checker: ConsistencyChecker
    let summarizer: ArticleSummarizer

    static let articleSlots = 64
    static let passageSlots = 32
    /// Passages shorter than this many shingles are too common to call duplicates (一、工作开展情况).
    static let passageMinShingles = 16
    static let articleMinShingles = 40

    public func prepare(_ doc: Document) -> PreparedDocument {
      var analysis = DocumentAnalysis(doc)
      let lines = doc.normalized.lineRanges()
      let articles = ArticleFacts.all(of: doc)
      analysis.findings = checker.check(doc, articles)
      analysis.articles = summarizer.summarize(doc, lines: lines, articles: articles, findings: analysis.findings)
      return PreparedDocument(analysis: analysis, articles: sketches(doc, lines: lines))
    }

    public func failed(name: String, id: String? = nil, error: Error) -> PreparedDocument {
      PreparedDocument(analysis: DocumentAnalysis(failed: name, id: id, error: error))
    }

    /// Each article's sketch and, line by line, the sketches of its passages and the facts on them.
    private func sketches(_ doc: Document, lines: [Range<Int>]) -> [PreparedDocument.Article] {
      let hashes = ShingleHashes(doc.normalized.scalars)
      let name = doc.id
      var line = 0
      var fact = 0
      return doc.articles.map { article in
        let ref = TextRef(doc: name, article: article.index, passage: nil, span: doc.sourceSpan(of: article))
        let sketch = hashes.sketch(article.range, slots: Self.articleSlots, minShingles: Self.articleMinShingles)
        var passages: [PreparedDocument.Passage] = []
        while line < lines.count, lines[line].lowerBound < article.range.upperBound {
          let r = lines[line]
          defer { line += 1 }
          var own: [Int] = []
          while fact < doc.facts.count, doc.facts[fact].range.lowerBound < r.upperBound {
            if doc.facts[fact].range.lowerBound >= r.lowerBound { own.append(fact) }
            fact += 1
          }
          let sketch = hashes.sketch(r, slots: Self.passageSlots, minShingles: Self.passageMinShingles)
          let passageRef = TextRef(doc: name, article: article.index, passage: line, span: doc.sourceSpan(r))
          passages.append(PreparedDocument.Passage(ref: passageRef, sketch: sketch, facts: own))
        }
        return PreparedDocument.Article(ref: ref, sketch: sketch, passages: passages)
      }
    }
  }
}
