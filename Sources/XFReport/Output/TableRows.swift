import Foundation

/// Where a table row's cells go, one by one in ``TableSchema`` column order.
protocol TableRowSink {
  mutating func text(_ s: String?)
  mutating func int(_ i: Int?)
  mutating func number(_ d: Decimal?)
  mutating func bool(_ b: Bool)
}

extension CSVRow: TableRowSink {}

/// The rows of the CSV tables, written once for the CSV files and the workbook's sheets.
enum TableRows {
  static func summary<S: TableRowSink>(_ a: ArticleSummary, _ r: inout S) {
    r.text(a.doc); r.int(a.article); r.text(a.title); r.text(a.period?.label); r.int(a.period?.year); r.text(a.period?.part.code); r.text(a.body)
    r.int(a.span.start); r.int(a.span.end); r.int(a.factCount); r.int(a.placeholderCount); r.int(a.findingCount); r.text(a.duplicateOf?.label)
    for m in ArticleSummarizer.countMetrics {
      for u in ArticleSummary.summaryClasses { r.number(a.keyFigure(m, class: u)?.value) }
      r.number(a.change(m)?.value)
    }
    for m in ArticleSummarizer.rateMetrics { r.number(a.statedRate(m)?.value); r.number(a.derivedRate(m)?.value); r.number(a.change(m)?.value) }
    r.text(AnalysisFields.categoryList(a))
  }

  static func category<S: TableRowSink>(_ a: ArticleSummary, _ g: (category: String, mentions: Int), _ r: inout S) {
    r.text(a.doc); r.int(a.article); r.text(a.title); r.text(g.category); r.int(g.mentions); r.text(a.duplicateOf?.label)
  }

  static func fact<S: TableRowSink>(_ d: DocumentAnalysis, _ k: Int, _ r: inout S) {
    let f = d.facts[k]
    r.text(d.doc); r.int(f.article); r.text(d.title(ofArticle: f.article)); r.text(f.kind.rawValue); r.text(f.metric.rawValue)
    r.number(f.value); r.text(f.unit); r.text(f.unitClass?.rawValue); r.int(f.span.start); r.int(f.span.end); r.bool(f.approx); r.text(f.bound?.rawValue)
    r.bool(f.target); r.text(f.category); r.bool(f.placeholder); r.text(f.period?.label); r.text(f.evidence)
    r.int(f.evidenceSpan.start); r.int(f.evidenceSpan.end); r.text(d.factDuplicateOf[k]?.label); r.text(f.rule.rawValue); r.int(f.page)
  }

  static func finding<S: TableRowSink>(_ f: Finding, in d: DocumentAnalysis, _ r: inout S) {
    r.text(f.doc); r.int(f.article); r.text(f.rule.rawValue); r.text(f.message); r.number(f.stated); r.number(f.computed)
    r.int(f.span.start); r.int(f.span.end); r.text(AnalysisFields.figures(f)); r.text(f.evidence); r.text(d.duplicateOf(f)?.label)
  }

  static func duplicate<S: TableRowSink>(_ m: DuplicateMatch, _ r: inout S) {
    r.text(m.kind.rawValue); r.text(m.relation.rawValue); r.text(m.copy.doc); r.int(m.copy.article); r.int(m.copy.passage); r.int(m.copy.span.start); r.int(m.copy.span.end)
    r.text(m.original.doc); r.int(m.original.article); r.int(m.original.passage); r.int(m.original.span.start); r.int(m.original.span.end)
    r.number(AnalysisFields.similarity(m.similarity))
  }

  static func error<S: TableRowSink>(_ d: DocumentAnalysis, _ failure: DocumentAnalysis.Failure, _ r: inout S) {
    r.text(d.doc); r.text(d.name); r.text(failure.code); r.text(failure.message)
  }

  static func total<S: TableRowSink>(_ key: CorpusTotals.Key, _ t: CorpusTotals.Total, _ r: inout S) {
    r.text(key.period.isEmpty ? "all" : key.period); r.int(key.year); r.text(key.part); r.text(key.metric.rawValue); r.text(key.unitClass)
    r.number(t.value); r.int(t.articles); r.bool(t.approx)
  }

  static func categoryTotal<S: TableRowSink>(_ c: String, _ t: CorpusTotals.CategoryTotal, _ r: inout S) {
    r.text(c); r.int(t.articles); r.int(t.mentions)
  }
}
