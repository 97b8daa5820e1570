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

  public static var summaryHeader: [String] { TableSchema.summary.columnNames }

  public init(_ out: OutputDirectory, style: CSVTable.Style) throws {
    self.out = out
    self.style = style
    renderer = Renderer(style: style)
    func table(_ t: TableSchema) throws -> CSVTable { try CSVTable(file: out.create(t.name + ".csv"), header: t.columnNames, style: style) }
    summary = try table(.summary)
    facts = try table(.facts)
    categories = try table(.categories)
    findings = try table(.findings)
    duplicates = try table(.duplicates)
    errors = try table(.errors)
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
        style.row(into: &c.errors) { TableRows.error(d, failure, &$0) }
        return c
      }
      for a in d.articles {
        style.row(into: &c.summary) { TableRows.summary(a, &$0) }
        for g in a.categories { style.row(into: &c.categories) { TableRows.category(a, g, &$0) } }
      }
      c.facts.reserveCapacity(d.facts.count * 320)
      for k in d.facts.indices { style.row(into: &c.facts) { TableRows.fact(d, k, &$0) } }
      for f in d.findings { style.row(into: &c.findings) { TableRows.finding(f, in: d, &$0) } }
      for m in d.duplicates { style.row(into: &c.duplicates) { TableRows.duplicate(m, &$0) } }
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
    let metrics = try CSVTable(file: out.create("totals.csv"), header: TableSchema.totals.columnNames, style: style)
    var rows: [UInt8] = []
    for key in totals.metrics.keys.sorted() { style.row(into: &rows) { TableRows.total(key, totals.metrics[key]!, &$0) } }
    try metrics.write(rows: rows)
    try metrics.close()
    let cats = try CSVTable(file: out.create("category_totals.csv"), header: TableSchema.categoryTotals.columnNames, style: style)
    rows = []
    for (c, t) in totals.rankedCategories { style.row(into: &rows) { TableRows.categoryTotal(c, t, &$0) } }
    try cats.write(rows: rows)
    try cats.close()
  }
}
