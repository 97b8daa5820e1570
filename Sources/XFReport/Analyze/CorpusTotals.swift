import Foundation

/// Archive-wide totals, each distinct passage counted once: per metric (the articles' key
/// figures, by unit class) overall and per period, and per issue category.
public struct CorpusTotals: Sendable {
  public struct Key: Hashable, Sendable, Comparable {
    /// ``Period/key`` (2023-H1), "" for all periods.
    public let period: String
    /// The period's year and part code (``Period/Part/code``); nil for all periods.
    public var year: Int? = nil
    public var part: String? = nil
    public let metric: Metric
    /// The unit class as the summary's columns name it (``ArticleSummary/columnSuffix(_:)``).
    public let unitClass: String

    public static func < (a: Key, b: Key) -> Bool {
      let ma = ArticleSummarizer.countMetrics.firstIndex(of: a.metric) ?? 0
      let mb = ArticleSummarizer.countMetrics.firstIndex(of: b.metric) ?? 0
      return (a.period, ma, a.unitClass) < (b.period, mb, b.unitClass)
    }
  }

  public struct Total: Sendable {
    public internal(set) var value: Decimal = 0
    public internal(set) var articles = 0
    /// Some of the figures summed were approximate (余, 多, 约).
    public internal(set) var approx = false

    mutating func add(_ v: Decimal, approx a: Bool) {
      value += v
      articles += 1
      if a { approx = true }
    }
  }

  public struct CategoryTotal: Sendable {
    public internal(set) var articles = 0
    public internal(set) var mentions = 0
  }

  public internal(set) var metrics: [Key: Total] = [:]
  public internal(set) var categories: [String: CategoryTotal] = [:]
  public internal(set) var documents = 0
  public internal(set) var failedDocuments = 0
  public internal(set) var articles = 0
  public internal(set) var duplicateArticles = 0
  public internal(set) var facts = 0
  public internal(set) var duplicateFacts = 0
  public internal(set) var placeholders = 0
  public internal(set) var findings = 0
  /// Findings on figures in repeated text (a copy's finding is its original's again); copy
  /// conflicts are never among them.
  public internal(set) var duplicateFindings = 0
  /// Findings in original text: what a reader has to look at.
  public var originalFindings: Int { findings - duplicateFindings }
  public internal(set) var sourceCodePoints = 0
  /// Files of the input folders not read for their kind (set by the run).
  public var skippedFiles = SkippedFiles()

  public init() {}

  /// Categories in the order every output lists them: most articles first, then by id.
  public var rankedCategories: [(category: String, total: CategoryTotal)] {
    categories.sorted { ($0.value.articles, $1.key) > ($1.value.articles, $0.key) }.map { ($0.key, $0.value) }
  }

  /// Adds a document; with `dedupe`, articles and key figures that repeat earlier text are left out.
  mutating func add(_ d: DocumentAnalysis, dedupe: Bool) {
    guard d.failure == nil else {
      failedDocuments += 1
      return
    }
    documents += 1
    sourceCodePoints += d.sourceLength
    facts += d.facts.count
    // Counted in place: this runs in input order, on the caller's thread.
    for r in d.factDuplicateOf where r != nil { duplicateFacts += 1 }
    for k in d.facts.indices where d.facts[k].placeholder { placeholders += 1 }
    findings += d.findings.count
    for f in d.findings where f.rule != .copyConflict && d.duplicateOf(f) != nil { duplicateFindings += 1 }
    for a in d.articles {
      articles += 1
      if a.duplicateOf != nil { duplicateArticles += 1 }
      if dedupe && a.duplicateOf != nil { continue }
      // The per-class key figures: a total per unit class is then the sum of its summary column.
      for k in a.classFigures {
        guard let v = k.value, !k.placeholder else { continue }
        if dedupe && d.factDuplicateOf[k.fact] != nil { continue }
        // All periods, and the article's own when it has one.
        metrics[Key(period: "", metric: k.metric, unitClass: ArticleSummary.columnSuffix(k.unitClass)), default: Total()].add(v, approx: k.approx)
        if let p = a.period {
          let key = Key(period: p.key, year: p.year, part: p.part.code, metric: k.metric, unitClass: ArticleSummary.columnSuffix(k.unitClass))
          metrics[key, default: Total()].add(v, approx: k.approx)
        }
      }
      for c in a.categories {
        categories[c.category, default: CategoryTotal()].articles += 1
        categories[c.category, default: CategoryTotal()].mentions += c.mentions
      }
    }
  }
}
