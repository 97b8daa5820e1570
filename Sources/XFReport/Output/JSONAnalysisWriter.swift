import Foundation

/// documents.json (an array with one object per input, streamed as documents finish: its
/// articles with title, period, body, categories, key figures, rates, facts and findings, or its
/// error) and corpus.json (counts and corpus totals). No BOM; every key present.
public final class JSONAnalysisWriter: AnalysisWriter {
  private let documents: OutputFile
  private let out: OutputDirectory
  private var first = true
  public let renderer = Renderer()

  public init(_ out: OutputDirectory) throws {
    self.out = out
    documents = try out.create("documents.json")
    try documents.write("[")
  }

  public func append(_ object: [UInt8]) throws {
    try documents.write(first ? "\n" : ",\n")
    try documents.write(bytes: object)
    first = false
  }

  public struct Renderer: DocumentRenderer {
    public func render(_ d: DocumentAnalysis, shared: SharedRendering) -> [UInt8] {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(d.facts.count * 450 + 1024)
      JSONObjectWriter.write(into: &bytes) { o in document(d, shared, &o) }
      return bytes
    }

    private func document(_ d: DocumentAnalysis, _ shared: SharedRendering, _ o: inout JSONObjectWriter) {
      o.add("doc", d.doc)
      o.add("file", d.file)
      o.add("path", d.name)
      o.add("status", d.failure == nil ? "ok" : "error")
      o.add("format", d.format)
      o.add("encoding", d.encoding)
      if let f = d.failure {
        var e = JSONObjectWriter()
        e.add("code", f.code)
        e.add("message", f.message)
        o.add("error", raw: e.close())
      } else {
        o.add("error", raw: "null")
      }
      o.add("warnings", raw: JSONText.array(d.warnings.map { w in
        var e = JSONObjectWriter()
        e.add("code", w.code)
        e.add("message", w.message)
        return e.close()
      }))
      // Grouped once: a file of thousands of articles must not scan every fact per article.
      var facts: [Int: [Int]] = [:], findings: [Int: [Finding]] = [:]
      for k in d.facts.indices { facts[d.facts[k].article, default: []].append(k) }
      for f in d.findings { findings[f.article, default: []].append(f) }
      o.addArray("articles", d.articles) { a, out in
        JSONObjectWriter.write(into: &out) { article(a, facts: facts[a.article] ?? [], findings: findings[a.article] ?? [], in: d, shared, &$0) }
      }
    }

    private func article(_ a: ArticleSummary, facts: [Int], findings: [Finding], in d: DocumentAnalysis, _ shared: SharedRendering, _ o: inout JSONObjectWriter) {
      o.add("article", a.article)
      o.add("title", a.title)
      o.add("span", span: a.span)
      o.add("period", a.period?.label)
      o.add("period_year", a.period?.year)
      o.add("period_part", a.period?.part.code)
      o.add("body", a.body)
      o.add("duplicate_of", a.duplicateOf?.label)
      o.add("categories", raw: JSONText.array(a.categories.map { c in
        var e = JSONObjectWriter()
        e.add("category", c.category)
        e.add("mentions", c.mentions)
        return e.close()
      }))
      var key = JSONObjectWriter()
      for k in a.keyFigures {
        var e = JSONObjectWriter()
        e.add("value", raw: k.value.map(FactWriter.number) ?? "null")
        e.add("unit", k.unit)
        e.add("approx", k.approx)
        e.add("placeholder", k.placeholder)
        e.add("span", span: k.span)
        key.add(k.metric.rawValue, raw: e.close())
      }
      o.add("key_figures", raw: key.close())
      // The summary's per-class columns: {"visits": {"batches": {"value": 27, …}, "person_visits": …}}.
      var byClass = JSONObjectWriter()
      var k = 0
      let figures = a.classFigures
      while k < figures.count {
        let m = figures[k].metric
        var classes = JSONObjectWriter()
        while k < figures.count && figures[k].metric == m {
          let f = figures[k]
          var e = JSONObjectWriter()
          e.add("value", raw: f.value.map(FactWriter.number) ?? "null")
          e.add("unit", f.unit)
          e.add("approx", f.approx)
          e.add("placeholder", f.placeholder)
          e.add("span", span: f.span)
          classes.add(ArticleSummary.columnSuffix(f.unitClass), raw: e.close())
          k += 1
        }
        byClass.add(m.rawValue, raw: classes.close())
      }
      o.add("key_figures_by_unit_class", raw: byClass.close())
      var changes = JSONObjectWriter()
      for c in a.changes {
        var e = JSONObjectWriter()
        e.add("value", raw: c.value.map(FactWriter.number) ?? "null")
        e.add("unit", c.unit)
        e.add("span", span: c.span)
        changes.add(c.metric.rawValue, raw: e.close())
      }
      o.add("changes", raw: changes.close())
      var rates = JSONObjectWriter()
      for m in ArticleSummarizer.rateMetrics where a.rates.contains(where: { $0.metric == m }) {
        var e = JSONObjectWriter()
        e.add("stated", raw: a.statedRate(m)?.value.map(FactWriter.number) ?? "null")
        e.add("derived", raw: a.derivedRate(m)?.value.map(FactWriter.number) ?? "null")
        rates.add(m.rawValue, raw: e.close())
      }
      o.add("rates", raw: rates.close())
      let lines = shared.factLines
      o.addArray("facts", facts) { k, out in lines.appendNested(k, to: &out) }
      o.add("findings", raw: JSONText.array(findings.map { Self.finding($0, in: d) }))
    }

    static func finding(_ f: Finding, in d: DocumentAnalysis) -> String {
      var o = JSONObjectWriter()
      o.add("rule", f.rule.rawValue)
      o.add("message", f.message)
      o.add("stated", raw: f.stated.map(FactWriter.number) ?? "null")
      o.add("computed", raw: f.computed.map(FactWriter.number) ?? "null")
      o.add("span", span: f.span)
      o.add("evidence", f.evidence)
      o.add("duplicate_of", d.duplicateOf(f)?.label)
      o.add("figures", raw: JSONText.array(f.figures.map { g in
        var e = JSONObjectWriter()
        e.add("role", g.role)
        e.add("value", raw: FactWriter.number(g.value))
        e.add("unit", g.unit)
        e.add("doc", g.doc)
        e.add("span", span: g.span)
        return e.close()
      }))
      return o.close()
    }
  }

  public func finish(_ totals: CorpusTotals) throws {
    try documents.write("\n]\n")
    try documents.close()
    let corpus = try out.create("corpus.json")
    var o = JSONObjectWriter()
    o.add("schema_version", TableSchema.version)
    o.add("documents", totals.documents)
    o.add("failed_documents", totals.failedDocuments)
    o.add("articles", totals.articles)
    o.add("duplicate_articles", totals.duplicateArticles)
    o.add("facts", totals.facts)
    o.add("duplicate_facts", totals.duplicateFacts)
    o.add("placeholders", totals.placeholders)
    o.add("findings", totals.findings)
    o.add("duplicate_findings", totals.duplicateFindings)
    o.add("skipped_files", totals.skippedFiles.total)
    o.add("skipped_by_kind", raw: JSONText.array(totals.skippedFiles.ranked.map { k in
      var e = JSONObjectWriter()
      e.add("kind", k.kind)
      e.add("files", k.count)
      return e.close()
    }))
    o.add("totals", raw: JSONText.array(totals.metrics.keys.sorted().map { key in
      let t = totals.metrics[key]!
      var e = JSONObjectWriter()
      e.add("period", key.period.isEmpty ? nil : key.period)
      e.add("period_year", key.year)
      e.add("period_part", key.part)
      e.add("metric", key.metric.rawValue)
      e.add("unit_class", key.unitClass)
      e.add("total", raw: FactWriter.number(t.value))
      e.add("articles", t.articles)
      e.add("approx", t.approx)
      return e.close()
    }))
    o.add("categories", raw: JSONText.array(totals.rankedCategories.map { c, t in
      var e = JSONObjectWriter()
      e.add("category", c)
      e.add("articles", t.articles)
      e.add("mentions", t.mentions)
      return e.close()
    }))
    try corpus.write(o.close() + "\n")
    try corpus.close()
  }
}
