import Foundation

/// The CSV outputs of `analyze`, one table per file, rows written as documents finish:
/// summary.csv (one row per article), facts.csv, categories.csv, findings.csv, duplicates.csv,
/// errors.csv, and at the end totals.csv and category_totals.csv. Spans are flattened to
/// `span_start`/`span_end`.
public final class CSVAnalysisWriter: AnalysisWriter {
  private let summary: CSVTable
  private let facts: CSVTable
  private let categories: CSVTable
  private let findings: CSVTable
  private let duplicates: CSVTable
  private let errors: CSVTable
  private let out: OutputDirectory
  private let style: CSVTable.Style
  public let renderer: Renderer

  static let countMetrics = ArticleSummarizer.countMetrics
  static let rateMetrics = ArticleSummarizer.rateMetrics

  public static var summaryHeader: [String] {
    var h = ["doc", "article", "title", "period", "period_year", "period_part", "body", "span_start", "span_end", "facts", "placeholders", "findings", "duplicate_of"]
    for m in countMetrics { h += [m.rawValue, m.rawValue + "_unit"] }
    for m in rateMetrics { h += [m.rawValue, m.rawValue + "_derived"] }
    h.append("top_categories")
    return h
  }

  public init(_ out: OutputDirectory, style: CSVTable.Style) throws {
    self.out = out
    self.style = style
    renderer = Renderer(style: style)
    summary = try CSVTable(file: out.create("summary.csv"), header: Self.summaryHeader, style: style)
    facts = try CSVTable(
      file: out.create("facts.csv"),
      header: ["doc", "article", "title", "kind", "metric", "value", "unit", "span_start", "span_end", "approx", "bound", "target", "category", "placeholder", "period", "text", "evidence_start", "evidence_end", "duplicate_of", "rule", "page"],
      style: style)
    categories = try CSVTable(file: out.create("categories.csv"), header: ["doc", "article", "title", "category", "mentions", "duplicate_of"], style: style)
    findings = try CSVTable(
      file: out.create("findings.csv"),
      header: ["doc", "article", "rule", "message", "stated", "computed", "span_start", "span_end", "figures", "evidence"], style: style)
    duplicates = try CSVTable(
      file: out.create("duplicates.csv"),
      header: ["kind", "relation", "doc", "article", "passage", "span_start", "span_end", "original_doc", "original_article", "original_passage", "original_span_start", "original_span_end", "similarity"],
      style: style)
    errors = try CSVTable(file: out.create("errors.csv"), header: ["doc", "path", "code", "message"], style: style)
  }

  /// One document's rows, per table.
  public struct Chunk: Sendable {
    var summary: [UInt8] = [], facts: [UInt8] = [], categories: [UInt8] = [], findings: [UInt8] = [], duplicates: [UInt8] = [], errors: [UInt8] = []
  }

  public struct Renderer: DocumentRenderer {
    let style: CSVTable.Style

    public func render(_ d: DocumentAnalysis, shared: SharedRendering) -> Chunk {
      var c = Chunk()
      if let failure = d.failure {
        style.append([.text(d.doc), .text(d.name), .text(failure.code), .text(failure.message)], to: &c.errors)
        return c
      }
      for a in d.articles {
        var cells: [CSVTable.Cell] = [
          .text(a.doc), .int(a.article), .text(a.title), .text(a.period?.label), .int(a.period?.year), .text(a.period?.part.code), .text(a.body), .int(a.span.start), .int(a.span.end),
          .int(a.factCount), .int(a.placeholderCount), .int(a.findingCount), .text(a.duplicateOf?.label),
        ]
        for m in CSVAnalysisWriter.countMetrics {
          let k = a.keyFigure(m)
          cells += [.number(k?.value), .text(k?.unit)]
        }
        for m in CSVAnalysisWriter.rateMetrics { cells += [.number(a.statedRate(m)?.value), .number(a.derivedRate(m)?.value)] }
        cells.append(.text(AnalysisFields.categoryList(a)))
        style.append(cells, to: &c.summary)
        for g in a.categories {
          style.append([.text(a.doc), .int(a.article), .text(a.title), .text(g.category), .int(g.mentions), .text(a.duplicateOf?.label)], to: &c.categories)
        }
      }
      c.facts.reserveCapacity(d.facts.count * 320)
      for (k, f) in d.facts.enumerated() {
        // Cell by cell: the rows most written, without an array of cells each.
        style.row(into: &c.facts) { r in
          r.text(d.doc); r.int(f.article); r.text(d.title(ofArticle: f.article)); r.text(f.kind.rawValue); r.text(f.metric.rawValue)
          r.number(f.value); r.text(f.unit); r.int(f.span.start); r.int(f.span.end); r.bool(f.approx); r.text(f.bound?.rawValue)
          r.bool(f.target); r.text(f.category); r.bool(f.placeholder); r.text(f.period?.label); r.text(f.evidence)
          r.int(f.evidenceSpan.start); r.int(f.evidenceSpan.end); r.text(d.factDuplicateOf[k]?.label); r.text(f.rule.rawValue); r.int(f.page)
        }
      }
      for f in d.findings {
        style.append([
          .text(f.doc), .int(f.article), .text(f.rule.rawValue), .text(f.message), .number(f.stated), .number(f.computed),
          .int(f.span.start), .int(f.span.end), .text(AnalysisFields.figures(f)), .text(f.evidence),
        ], to: &c.findings)
      }
      for m in d.duplicates {
        style.append([
          .text(m.kind.rawValue), .text(m.relation.rawValue), .text(m.copy.doc), .int(m.copy.article), .int(m.copy.passage), .int(m.copy.span.start), .int(m.copy.span.end),
          .text(m.original.doc), .int(m.original.article), .int(m.original.passage), .int(m.original.span.start), .int(m.original.span.end),
          .number(AnalysisFields.similarity(m.similarity)),
        ], to: &c.duplicates)
      }
      return c
    }
  }

  public func append(_ c: Chunk) throws {
    try summary.write(rows: c.summary)
    try facts.write(rows: c.facts)
    try categories.write(rows: c.categories)
    try findings.write(rows: c.findings)
    try duplicates.write(rows: c.duplicates)
    try errors.write(rows: c.errors)
  }

  public func finish(_ totals: CorpusTotals) throws {
    for t in [summary, facts, categories, findings, duplicates, errors] { try t.close() }
    let metrics = try CSVTable(file: out.create("totals.csv"), header: ["period", "period_year", "period_part", "metric", "unit_class", "total", "articles", "approx"], style: style)
    for key in totals.metrics.keys.sorted() {
      let t = totals.metrics[key]!
      try metrics.row([.text(key.period.isEmpty ? "all" : key.period), .int(key.year), .text(key.part), .text(key.metric.rawValue), .text(key.unitClass), .number(t.value), .int(t.articles), .bool(t.approx)])
    }
    try metrics.close()
    let cats = try CSVTable(file: out.create("category_totals.csv"), header: ["category", "articles", "mentions"], style: style)
    for (c, t) in totals.rankedCategories {
      try cats.row([.text(c), .int(t.articles), .int(t.mentions)])
    }
    try cats.close()
  }
}
