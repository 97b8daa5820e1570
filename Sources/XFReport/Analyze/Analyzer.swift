import Foundation

/// The `analyze` stage over an archive, one document at a time in input order: summaries,
/// checks, duplicates against everything seen before, and running corpus totals. It keeps
/// sketches and totals, never texts, so memory does not grow with the documents' size.
public struct Analyzer {
  /// Count repeated articles and passages in the totals too (`--keep-duplicates`).
  public var keepDuplicates = false
  public private(set) var totals = CorpusTotals()

  private let checker = ConsistencyChecker()
  private let summarizer: ArticleSummarizer
  private var articleIndex = DuplicateIndex<Void>(slots: 64, bands: 16, threshold: 0.8)
  private var passageIndex = DuplicateIndex<[PassageFigure]>(slots: 32, bands: 8, threshold: 0.8)

  /// A figure of an indexed passage, kept to compare with later copies of it.
  struct PassageFigure {
    let kind: FactKind
    let metric: Metric
    let value: Decimal?
    let unit: String
    let span: SourceSpan
  }

  /// Passages shorter than this many shingles are too common to call duplicates (一、工作开展情况).
  static let passageMinShingles = 16
  static let articleMinShingles = 40

  public init(dictionaries: Dictionaries, keepDuplicates: Bool = false) {
    summarizer = ArticleSummarizer(body: ReportingBody(suffixes: dictionaries.bodySuffixes))
    self.keepDuplicates = keepDuplicates
  }

  public mutating func analyze(_ doc: Document) -> DocumentAnalysis {
    var result = DocumentAnalysis(doc)
    result.findings = checker.check(doc)
    let repeats = findDuplicates(doc, &result)
    result.articles = summarizer.summarize(doc, facts: doc.facts, findings: result.findings).enumerated().map { k, a in
      var a = a
      a.duplicateOf = repeats[k]?.ref
      a.duplicateSimilarity = repeats[k]?.similarity
      return a
    }
    totals.add(result, dedupe: !keepDuplicates)
    return result
  }

  public mutating func failed(name: String, error: Error) -> DocumentAnalysis {
    let result = DocumentAnalysis(failed: name, error: error)
    totals.add(result, dedupe: !keepDuplicates)
    return result
  }

  /// Marks repeated articles and passages; returns, per article, the earlier one it repeats.
  private mutating func findDuplicates(_ doc: Document, _ result: inout DocumentAnalysis) -> [(ref: TextRef, similarity: Double)?] {
    let s = doc.normalized.scalars
    let lines = doc.normalized.lineRanges()
    let name = doc.baseName
    var repeats: [(ref: TextRef, similarity: Double)?] = Array(repeating: nil, count: doc.articles.count)
    var line = 0
    var fact = 0
    for (k, article) in doc.articles.enumerated() {
      let ref = TextRef(doc: name, article: article.index, passage: nil, span: doc.sourceSpan(of: article))
      var articleOriginal: TextRef? = nil
      if let sketch = MinHash(s[article.range], slots: articleIndex.slots, minShingles: Self.articleMinShingles) {
        if let m = articleIndex.bestMatch(sketch) {
          let match = DuplicateMatch(kind: .article, relation: m.relation, copy: ref, original: m.ref, similarity: m.similarity)
          result.duplicates.append(match)
          if match.coversCopy {
            articleOriginal = m.ref
            repeats[k] = (m.ref, m.similarity)
          } else {
            // It holds more than the earlier article: keep it as an original too; its
            // repeated passages are found one by one.
            articleIndex.insert(sketch, ref: ref, payload: ())
          }
        } else {
          articleIndex.insert(sketch, ref: ref, payload: ())
        }
      }
      while line < lines.count, lines[line].lowerBound < article.range.upperBound {
        let r = lines[line]
        defer { line += 1 }
        var own: [Int] = []
        while fact < doc.facts.count, doc.facts[fact].range.lowerBound < r.upperBound {
          if doc.facts[fact].range.lowerBound >= r.lowerBound { own.append(fact) }
          fact += 1
        }
        if let original = articleOriginal {
          for f in own { result.factDuplicateOf[f] = original }
        }
        guard let sketch = MinHash(s[r], slots: passageIndex.slots, minShingles: Self.passageMinShingles) else { continue }
        let passageRef = TextRef(doc: name, article: article.index, passage: line, span: doc.sourceSpan(r))
        if let m = passageIndex.bestMatch(sketch), m.relation != .contains {
          for f in own { result.factDuplicateOf[f] = m.ref }
          // A passage inside a repeated article is already reported with its article.
          if articleOriginal == nil || articleOriginal!.doc != m.ref.doc || articleOriginal!.article != m.ref.article {
            result.duplicates.append(DuplicateMatch(kind: .passage, relation: m.relation, copy: passageRef, original: m.ref, similarity: m.similarity))
          }
          result.findings += conflicts(copy: own.map { doc.facts[$0] }, original: m.payload, originalRef: m.ref, doc: doc)
        } else {
          let figures = own.map { doc.facts[$0] }.map { PassageFigure(kind: $0.kind, metric: $0.metric, value: $0.value, unit: $0.unit, span: $0.span) }
          passageIndex.insert(sketch, ref: passageRef, payload: figures)
        }
      }
    }
    return repeats
  }

  /// Two copies of one passage that state the same figures in the same order but with different
  /// values.
  private func conflicts(copy: [Fact], original: [PassageFigure], originalRef: TextRef, doc: Document) -> [Finding] {
    guard copy.count == original.count, !copy.isEmpty else { return [] }
    for (c, o) in zip(copy, original) where c.kind != o.kind || c.metric != o.metric || FactMatcher.unitClass(c.unit) != FactMatcher.unitClass(o.unit) {
      return []
    }
    return zip(copy, original).compactMap { c, o in
      guard let cv = c.value, let ov = o.value, cv != ov else { return nil }
      return Finding(
        rule: .copyConflict, doc: doc.baseName, article: c.article,
        message: "\(c.metric.rawValue) stated as \(FactWriter.number(cv))\(c.unit) here but \(FactWriter.number(ov))\(o.unit) in the copy in \(originalRef.doc) article \(originalRef.article)",
        stated: cv, computed: ov,
        figures: [
          Finding.Figure(role: "copy", value: cv, unit: c.unit, doc: doc.baseName, span: c.span),
          Finding.Figure(role: "original", value: ov, unit: o.unit, doc: originalRef.doc, span: o.span),
        ],
        evidence: c.evidence, span: c.span)
    }
  }
}
