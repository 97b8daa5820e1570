import Foundation

/// One article in a few figures: what an analyst puts in a spreadsheet row.
public struct ArticleSummary: Sendable {
  /// The count that stands for a metric in the article: the first one stated that is not a
  /// target, bound, breakdown or placeholder (a batch count gives way to the person-visits stated
  /// with it: 进京1批2人次 → 2人次). `placeholder` when every count of the metric was blanked.
  public struct KeyFigure: Sendable {
    public let metric: Metric
    public let value: Decimal?
    public let unit: String
    /// The class of `unit` (units.tsv).
    public let unitClass: UnitLexicon.UnitClass?
    public let approx: Bool
    public let placeholder: Bool
    public let span: SourceSpan
    /// Index of the fact in ``DocumentAnalysis/facts``.
    public let fact: Int

    public var unitKey: String { UnitLexicon.unitKey(unit, class: unitClass) }
  }

  /// A metric's change as stated (同比下降6.2%): the first that is not a target, bound or
  /// placeholder, in percent for a count and in percentage points for a rate.
  public struct Change: Sendable {
    public let metric: Metric
    public let value: Decimal?
    public let unit: String
    public let span: SourceSpan
    /// Index of the fact in ``DocumentAnalysis/facts``.
    public let fact: Int
  }

  /// A rate as stated (first non-target statement) or derived from two counts.
  public struct Rate: Sendable {
    public let metric: Metric
    public let value: Decimal?
    public let derived: Bool
    public let placeholder: Bool
    public let span: SourceSpan
  }

  public let doc: String
  public let article: Int
  public let title: String
  public let span: SourceSpan
  public let period: Period?
  public let body: String?
  public let keyFigures: [KeyFigure]
  /// The key figure of each metric in each unit class of ``summaryClasses`` it is stated in, so
  /// that a column of the summary never mixes 件 with 人次: `received_items`, `received_batches` ….
  public let classFigures: [KeyFigure]
  public let changes: [Change]
  public let rates: [Rate]
  /// Issue categories with their mention counts, most mentioned first.
  public let categories: [(category: String, mentions: Int)]
  public let factCount: Int
  public let placeholderCount: Int
  public internal(set) var findingCount: Int
  /// Set when the article repeats an earlier one (near-duplicate text).
  public internal(set) var duplicateOf: TextRef?
  public internal(set) var duplicateSimilarity: Double?

  public func keyFigure(_ m: Metric) -> KeyFigure? { keyFigures.first { $0.metric == m } }
  /// `nil` class: the count stated without a unit (进京访为零).
  public func keyFigure(_ m: Metric, class c: UnitLexicon.UnitClass?) -> KeyFigure? { classFigures.first { $0.metric == m && $0.unitClass == c } }
  public func change(_ m: Metric) -> Change? { changes.first { $0.metric == m } }

  /// The unit classes a key figure is kept for, in column order; `nil` is a count with no unit.
  /// Counts in other units (元, 天, a unit of no class) have no summary column: see the facts.
  public static let summaryClasses: [UnitLexicon.UnitClass?] = [.items, .person_visits, .batches, .persons, .times, nil]
  /// The column suffix of a summary class.
  public static func columnSuffix(_ c: UnitLexicon.UnitClass?) -> String { c?.rawValue ?? "unitless" }
  public func statedRate(_ m: Metric) -> Rate? { rates.first { $0.metric == m && !$0.derived } }
  public func derivedRate(_ m: Metric) -> Rate? { rates.first { $0.metric == m && $0.derived } }
}

/// Builds ``ArticleSummary``s from an extracted document.
struct ArticleSummarizer: Sendable {
  let body: ReportingBody

  /// `lines`: the document's ``NormalizedText/lineRanges()``; `articles`: its
  /// ``ArticleFacts/all(of:)``.
  func summarize(_ doc: Document, lines: [Range<Int>], articles: [ArticleFacts], findings: [Finding]) -> [ArticleSummary] {
    let name = doc.id
    // Grouped once: a file of thousands of articles must not scan every mention per article.
    var mentions: [Int: [CategoryMention]] = [:]
    for m in doc.categoryMentions { mentions[m.article, default: []].append(m) }
    var findingCounts: [Int: Int] = [:]
    for f in findings { findingCounts[f.article, default: 0] += 1 }
    return zip(doc.articles, articles).map { a, own in
      let key = keyFigures(own)
      let byClass = classFigures(own)
      var rates = statedRates(own.facts)
      rates += derivedRates(own.derivedRates, key: key)
      let cats = (mentions[a.index] ?? [])
        .sorted { ($0.mentions, $1.category) > ($1.mentions, $0.category) }
        .map { (category: $0.category, mentions: $0.mentions) }
      return ArticleSummary(
        doc: name, article: a.index, title: a.title, span: doc.sourceSpan(of: a),
        period: doc.articlePeriods[a.index] ?? period(own.facts), body: body.find(in: doc.normalized, lines: lines, article: a),
        keyFigures: key, classFigures: byClass, changes: changes(own), rates: rates, categories: cats,
        factCount: own.facts.count, placeholderCount: own.facts.count { $0.placeholder },
        findingCount: findingCounts[a.index] ?? 0,
        duplicateOf: nil, duplicateSimilarity: nil)
    }
  }

  /// Metrics that have a key figure (counts other than `other`).
  static let countMetrics: [Metric] = Metric.allCases.filter { !$0.rawValue.hasSuffix("_rate") && $0 != .other }
  static let rateMetrics: [Metric] = Metric.allCases.filter { $0.rawValue.hasSuffix("_rate") }

  /// Rules whose counts are parts of a figure or of another period, never the figure itself: the
  /// lines of a breakdown (反映土地问题的312件), a list's later items (二季度93件次) and last
  /// year's count (较去年同期的380件次).
  static let partRules: Set<RuleID> = [.breakdownCategory, .breakdownTotal, .listPrevious, .priorPeriodCount]

  /// A count that may stand for its metric: not a target, bound, category, breakdown line or
  /// earlier period's figure.
  static func standsForItsMetric(_ f: Fact) -> Bool {
    f.kind == .count && f.metric != .other && !f.target && f.bound == nil && f.category == nil && !partRules.contains(f.rule)
  }

  private func keyFigures(_ own: ArticleFacts) -> [ArticleSummary.KeyFigure] {
    let facts = own.facts
    // Indices into `facts` of the candidate counts; an article has a few dozen facts, so a
    // pass over them per metric costs less than hashing each metric.
    let counts = facts.indices.filter { Self.standsForItsMetric(facts[$0]) }
    var result: [ArticleSummary.KeyFigure] = []
    for m in Self.countMetrics {
      // The metric's first candidate, and the first one stated (not a placeholder).
      guard let first = counts.firstIndex(where: { facts[$0].metric == m }) else { continue }
      let stated = counts[first...].lazy.filter { facts[$0].metric == m && !facts[$0].placeholder && !facts[$0].tooLarge }
      var pick = stated.first
      // 进京1批2人次: the person-visits, not the batches, stand for the metric.
      if let p = pick, facts[p].unitClass == .batches,
        let better = stated.first(where: { facts[$0].sentence == facts[p].sentence && facts[$0].unitClass != .batches })
      {
        pick = better
      }
      let k = pick ?? counts[first]
      let f = facts[k]
      result.append(.init(metric: m, value: f.value, unit: f.unit, unitClass: f.unitClass, approx: f.approx, placeholder: f.placeholder, span: f.span, fact: own.indices[k]))
    }
    return result
  }

  /// Per metric and class, the first candidate count that is stated (else the first, blanked).
  private func classFigures(_ own: ArticleFacts) -> [ArticleSummary.KeyFigure] {
    let facts = own.facts
    var picks: [ArticleSummary.KeyFigure] = []
    for k in facts.indices {
      let f = facts[k]
      guard Self.standsForItsMetric(f), !f.tooLarge else { continue }
      let c: UnitLexicon.UnitClass?
      if let cls = f.unitClass, cls != .other { c = cls } else if f.unit.isEmpty { c = nil } else { continue }
      let figure = ArticleSummary.KeyFigure(metric: f.metric, value: f.value, unit: f.unit, unitClass: c, approx: f.approx, placeholder: f.placeholder, span: f.span, fact: own.indices[k])
      // A few dozen facts per article: a linear look-up beats hashing.
      if let j = picks.firstIndex(where: { $0.metric == f.metric && $0.unitClass == c }) {
        if picks[j].placeholder && !f.placeholder { picks[j] = figure }
      } else {
        picks.append(figure)
      }
    }
    // Column order: metric, then class.
    let metricOrder = Dictionary(uniqueKeysWithValues: Self.countMetrics.enumerated().map { ($1, $0) })
    let classOrder: (UnitLexicon.UnitClass?) -> Int = { c in ArticleSummary.summaryClasses.firstIndex { $0 == c } ?? 0 }
    return picks.sorted { (metricOrder[$0.metric] ?? 0, classOrder($0.unitClass)) < (metricOrder[$1.metric] ?? 0, classOrder($1.unitClass)) }
  }

  /// Per metric, its first stated change: percent for a count, percentage points for a rate.
  private func changes(_ own: ArticleFacts) -> [ArticleSummary.Change] {
    let facts = own.facts
    var result: [ArticleSummary.Change] = []
    for k in facts.indices {
      let f = facts[k]
      guard f.kind == .change, f.metric != .other, !f.target, f.bound == nil, !f.tooLarge,
        f.unit == (f.metric.rawValue.hasSuffix("_rate") ? "pp" : "%")
      else { continue }
      let change = ArticleSummary.Change(metric: f.metric, value: f.value, unit: f.unit, span: f.span, fact: own.indices[k])
      if let j = result.firstIndex(where: { $0.metric == f.metric }) {
        if result[j].value == nil && !f.placeholder { result[j] = change }
      } else {
        result.append(change)
      }
    }
    return result
  }

  private func statedRates(_ facts: [Fact]) -> [ArticleSummary.Rate] {
    Self.rateMetrics.compactMap { m in
      let candidates = facts.indices.filter { facts[$0].kind == .rate && facts[$0].metric == m && !facts[$0].target }
      // A stated rate about the petitions before one about a caseload (一审服判息诉率).
      guard
        let k = candidates.first(where: { !facts[$0].placeholder && !facts[$0].tooLarge && !facts[$0].aboutCaseload }) ?? candidates.first(where: { !facts[$0].placeholder && !facts[$0].tooLarge })
          ?? candidates.first
      else { return nil }
      let f = facts[k]
      return .init(metric: m, value: f.value, derived: false, placeholder: f.placeholder, span: f.span)
    }
  }

  /// Next to a stated rate, from its own counts; otherwise resolved (or settled) over received
  /// when both key figures are in the same unit class.
  private func derivedRates(_ derived: [DerivedRate], key: [ArticleSummary.KeyFigure]) -> [ArticleSummary.Rate] {
    var result: [ArticleSummary.Rate] = []
    for d in derived where !result.contains(where: { $0.metric == d.metric }) {
      result.append(.init(metric: d.metric, value: d.value, derived: true, placeholder: false, span: SourceSpan(d.denominator.span.start, max(d.numerator.span.end, d.denominator.span.end))))
    }
    let received = key.first { $0.metric == .received && !$0.placeholder && !$0.approx }
    for (rate, part) in [(Metric.resolution_rate, Metric.resolved), (.settlement_rate, .settled)] where !result.contains(where: { $0.metric == rate }) {
      guard let whole = received, let p = key.first(where: { $0.metric == part && !$0.placeholder && !$0.approx }),
        let wv = whole.value, let pv = p.value, wv > 0, pv <= wv,
        whole.unitKey == p.unitKey
      else { continue }
      result.append(.init(metric: rate, value: RateDerivation.percent(pv, of: wv), derived: true, placeholder: false, span: SourceSpan(min(whole.span.start, p.span.start), max(whole.span.end, p.span.end))))
    }
    return result
  }

  /// Where the heading states none: the period most of the article's facts belong to (the first
  /// such on a tie), by year and part.
  private func period(_ facts: [Fact]) -> Period? {
    // An article names a few periods: a list in order of first mention, no hashing.
    var counts: [(period: Period, count: Int)] = []
    for f in facts {
      guard let p = f.period else { continue }
      if let k = counts.firstIndex(where: { $0.period.key == p.key }) { counts[k].count += 1 } else { counts.append((p, 1)) }
    }
    var best: (period: Period, count: Int)? = nil
    for c in counts where c.count > (best?.count ?? 0) { best = c }
    return best?.period
  }

}
