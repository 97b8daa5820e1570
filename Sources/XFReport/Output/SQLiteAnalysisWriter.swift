import Foundation
import GRDB

/// xfreport.sqlite: the CSV tables in one SQLite database, for analysts who query with SQL.
/// `documents` (one row per input, errors included), `articles` (= summary.csv), `facts`,
/// `categories`, `findings`, `duplicates`, and at the end `totals`, `category_totals` and
/// `corpus` (corpus.json's counts); `meta` holds the schema version and what the columns mean.
/// Columns are named as in the CSV files. Measured values are REAL (NULL for a placeholder),
/// flags are INTEGER 0/1. Each document is written in one transaction.
public final class SQLiteAnalysisWriter: AnalysisWriter {
  /// Bumped when a table or column changes meaning; also in `PRAGMA user_version`.
  public static let schemaVersion = 1
  /// Kept in step with the command's `--version`.
  static let toolVersion = "0.1.0"

  private let path: String
  private var queue: DatabaseQueue?

  /// (name, SQL type) per column, in the CSV files' order.
  static let articleColumns: [(String, String)] = {
    var c: [(String, String)] = [
      ("doc", "TEXT NOT NULL"), ("article", "INTEGER NOT NULL"), ("title", "TEXT"), ("period", "TEXT"), ("body", "TEXT"),
      ("span_start", "INTEGER"), ("span_end", "INTEGER"), ("facts", "INTEGER"), ("placeholders", "INTEGER"), ("findings", "INTEGER"),
      ("duplicate_of", "TEXT"),
    ]
    for m in ArticleSummarizer.countMetrics { c += [(m.rawValue, "REAL"), (m.rawValue + "_unit", "TEXT")] }
    for m in ArticleSummarizer.rateMetrics { c += [(m.rawValue, "REAL"), (m.rawValue + "_derived", "REAL")] }
    c.append(("top_categories", "TEXT"))
    return c
  }()

  static let tables: [(name: String, columns: [(String, String)])] = [
    ("documents", [
      ("doc", "TEXT NOT NULL"), ("path", "TEXT NOT NULL"), ("status", "TEXT NOT NULL"), ("format", "TEXT"), ("encoding", "TEXT"),
      ("error_code", "TEXT"), ("error_message", "TEXT"), ("warnings", "TEXT NOT NULL"),
    ]),
    ("articles", articleColumns),
    ("facts", [
      ("id", "INTEGER PRIMARY KEY"), ("doc", "TEXT NOT NULL"), ("article", "INTEGER NOT NULL"), ("title", "TEXT"), ("kind", "TEXT NOT NULL"),
      ("metric", "TEXT NOT NULL"), ("value", "REAL"), ("unit", "TEXT"), ("span_start", "INTEGER"), ("span_end", "INTEGER"),
      ("approx", "INTEGER NOT NULL"), ("bound", "TEXT"), ("target", "INTEGER NOT NULL"), ("category", "TEXT"),
      ("placeholder", "INTEGER NOT NULL"), ("period", "TEXT"), ("text", "TEXT"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
      ("duplicate_of", "TEXT"),
    ]),
    ("categories", [
      ("doc", "TEXT NOT NULL"), ("article", "INTEGER NOT NULL"), ("title", "TEXT"), ("category", "TEXT NOT NULL"),
      ("mentions", "INTEGER NOT NULL"), ("duplicate_of", "TEXT"),
    ]),
    ("findings", [
      ("doc", "TEXT NOT NULL"), ("article", "INTEGER NOT NULL"), ("rule", "TEXT NOT NULL"), ("message", "TEXT"), ("stated", "REAL"),
      ("computed", "REAL"), ("span_start", "INTEGER"), ("span_end", "INTEGER"), ("figures", "TEXT"), ("evidence", "TEXT"),
    ]),
    ("duplicates", [
      ("kind", "TEXT NOT NULL"), ("relation", "TEXT NOT NULL"), ("doc", "TEXT NOT NULL"), ("article", "INTEGER NOT NULL"),
      ("passage", "INTEGER"), ("span_start", "INTEGER"), ("span_end", "INTEGER"), ("original_doc", "TEXT NOT NULL"),
      ("original_article", "INTEGER NOT NULL"), ("original_passage", "INTEGER"), ("original_span_start", "INTEGER"),
      ("original_span_end", "INTEGER"), ("similarity", "REAL"),
    ]),
    ("totals", [
      ("period", "TEXT NOT NULL"), ("metric", "TEXT NOT NULL"), ("unit_class", "TEXT NOT NULL"), ("total", "REAL NOT NULL"),
      ("articles", "INTEGER NOT NULL"), ("approx", "INTEGER NOT NULL"),
    ]),
    ("category_totals", [("category", "TEXT NOT NULL"), ("articles", "INTEGER NOT NULL"), ("mentions", "INTEGER NOT NULL")]),
    ("corpus", [
      ("documents", "INTEGER NOT NULL"), ("failed_documents", "INTEGER NOT NULL"), ("articles", "INTEGER NOT NULL"),
      ("duplicate_articles", "INTEGER NOT NULL"), ("facts", "INTEGER NOT NULL"), ("duplicate_facts", "INTEGER NOT NULL"),
      ("placeholders", "INTEGER NOT NULL"), ("findings", "INTEGER NOT NULL"),
    ]),
    ("meta", [("key", "TEXT PRIMARY KEY"), ("value", "TEXT NOT NULL")]),
  ]

  /// Built after the rows are in: one sort per index instead of index updates per row.
  static let indexes = [
    "CREATE INDEX documents_doc ON documents(doc)",
    "CREATE INDEX articles_doc_article ON articles(doc, article)",
    "CREATE INDEX facts_doc_article ON facts(doc, article)",
    "CREATE INDEX facts_metric ON facts(metric)",
    "CREATE INDEX facts_kind ON facts(kind)",
    "CREATE INDEX categories_doc_article ON categories(doc, article)",
    "CREATE INDEX categories_category ON categories(category)",
    "CREATE INDEX findings_doc_article ON findings(doc, article)",
    "CREATE INDEX duplicates_doc_article ON duplicates(doc, article)",
  ]

  static let meta: [(String, String)] = [
    ("schema_version", String(schemaVersion)),
    ("xfreport_version", toolVersion),
    ("table.documents", "one row per input in input order; status ok or error (error_code, error_message); warnings is a JSON array of {code, message}"),
    ("table.articles", "one row per article, as summary.csv: key figure value and unit per count metric, stated and derived value per rate, top 5 categories as category:mentions"),
    ("table.facts", "every extracted fact, as facts.csv; id follows input order"),
    ("table.categories", "issue categories per article with mention counts"),
    ("table.findings", "consistency check findings; figures as role=value unit@span, separated by '; '"),
    ("table.duplicates", "articles and passages that repeat earlier text (the first copy in input order is the original)"),
    ("table.totals", "archive totals of the articles' key figures per period ('all' for every period), metric and unit class; repeated text counted once unless --keep-duplicates"),
    ("table.category_totals", "articles and mentions per issue category across the archive"),
    ("table.corpus", "one row: the run's counts, as corpus.json"),
    ("view.errors", "the inputs that failed, as errors.csv"),
    ("note.values", "measured values are REAL, rounded to 6 decimal places as in the CSV and JSON outputs; rates, shares and percentage changes in percent; NULL for a blank placeholder"),
    ("note.flags", "approx, target, placeholder: 1 or 0"),
    ("note.spans", "span_start/span_end and evidence_start/evidence_end: Unicode code points of the decoded source, end exclusive"),
    ("note.duplicate_of", "doc#article, or doc#article/pN for a passage, of the earlier text this repeats; NULL when original"),
  ]

  public init(_ out: OutputDirectory) throws {
    path = out.stagedPath("xfreport.sqlite")
    try? FileManager.default.removeItem(atPath: path)
    var config = Configuration()
    // The file is staged and synced once in finish(); a crash discards it, so no per-commit fsync.
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
    let queue = try wrap { try DatabaseQueue(path: path, configuration: config) }
    self.queue = queue
    try wrap {
      try queue.write { db in
        for t in Self.tables {
          let cols = t.columns.map { "\(Self.quote($0.0)) \($0.1)" }.joined(separator: ", ")
          try db.execute(sql: "CREATE TABLE \(t.name) (\(cols))")
        }
        try db.execute(sql: "CREATE VIEW errors AS SELECT doc, path, error_code AS code, error_message AS message FROM documents WHERE status = 'error'")
        try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)")
        let meta = try db.cachedStatement(sql: Self.inserts["meta"]!)
        for (k, v) in Self.meta { try meta.execute(arguments: [k, v]) }
      }
    }
  }

  public func write(_ d: DocumentAnalysis) throws {
    guard let queue else { return }
    try wrap {
      try queue.write { db in
        let warnings = JSONText.array(d.warnings.map { w in
          var e = JSONObjectWriter()
          e.add("code", w.code)
          e.add("message", w.message)
          return e.close()
        })
        try db.cachedStatement(sql: Self.inserts["documents"]!).execute(arguments: [
          d.doc, d.name, d.failure == nil ? "ok" : "error", d.format, d.encoding, d.failure?.code, d.failure?.message, warnings,
        ])
        if d.failure != nil { return }

        let articles = try db.cachedStatement(sql: Self.inserts["articles"]!)
        let categories = try db.cachedStatement(sql: Self.inserts["categories"]!)
        for a in d.articles {
          let dup = AnalysisFields.duplicateLabel(a.duplicateOf)
          var row: [(any DatabaseValueConvertible)?] = [
            a.doc, a.article, a.title, a.period, a.body, a.span.start, a.span.end, a.factCount, a.placeholderCount, a.findingCount, dup,
          ]
          for m in ArticleSummarizer.countMetrics {
            let k = a.keyFigure(m)
            row += [Self.real(k?.value), k?.unit]
          }
          for m in ArticleSummarizer.rateMetrics { row += [Self.real(a.statedRate(m)?.value), Self.real(a.derivedRate(m)?.value)] }
          row.append(AnalysisFields.categoryList(a))
          try articles.execute(arguments: StatementArguments(row))
          for c in a.categories { try categories.execute(arguments: [a.doc, a.article, a.title, c.category, c.mentions, dup]) }
        }

        let facts = try db.cachedStatement(sql: Self.inserts["facts"]!)
        for (k, f) in d.facts.enumerated() {
          try facts.execute(arguments: StatementArguments([
            d.doc, f.article, d.title(ofArticle: f.article), f.kind.rawValue, f.metric.rawValue, Self.real(f.value), f.unit,
            f.span.start, f.span.end, f.approx, f.bound?.rawValue, f.target, f.category, f.placeholder, f.period, f.evidence,
            f.evidenceSpan.start, f.evidenceSpan.end, AnalysisFields.duplicateLabel(d.factDuplicateOf[k]),
          ] as [(any DatabaseValueConvertible)?]))
        }

        let findings = try db.cachedStatement(sql: Self.inserts["findings"]!)
        for f in d.findings {
          try findings.execute(arguments: [
            f.doc, f.article, f.rule.rawValue, f.message, Self.real(f.stated), Self.real(f.computed), f.span.start, f.span.end,
            AnalysisFields.figures(f), f.evidence,
          ])
        }

        let duplicates = try db.cachedStatement(sql: Self.inserts["duplicates"]!)
        for m in d.duplicates {
          try duplicates.execute(arguments: StatementArguments([
            m.kind.rawValue, m.relation.rawValue, m.copy.doc, m.copy.article, m.copy.passage, m.copy.span.start, m.copy.span.end,
            m.original.doc, m.original.article, m.original.passage, m.original.span.start, m.original.span.end,
            Double(String(format: "%.3f", m.similarity)),
          ] as [(any DatabaseValueConvertible)?]))
        }
      }
    }
  }

  public func finish(_ totals: CorpusTotals) throws {
    guard let queue else { return }
    try wrap {
      try queue.write { db in
        let metrics = try db.cachedStatement(sql: Self.inserts["totals"]!)
        for key in totals.metrics.keys.sorted() {
          let t = totals.metrics[key]!
          try metrics.execute(arguments: [
            key.period.isEmpty ? "all" : key.period, key.metric.rawValue, key.unitClass, Self.real(t.value), t.articles, t.approx,
          ])
        }
        let cats = try db.cachedStatement(sql: Self.inserts["category_totals"]!)
        for (c, t) in totals.rankedCategories {
          try cats.execute(arguments: [c, t.articles, t.mentions])
        }
        try db.cachedStatement(sql: Self.inserts["corpus"]!).execute(arguments: [
          totals.documents, totals.failedDocuments, totals.articles, totals.duplicateArticles, totals.facts, totals.duplicateFacts,
          totals.placeholders, totals.findings,
        ])
        for sql in Self.indexes { try db.execute(sql: sql) }
        // Planner statistics, so that queries by metric or category pick the index when it helps.
        try db.execute(sql: "ANALYZE")
      }
      try queue.close()
    }
    self.queue = nil
    // Durable before the run renames it into place, as the other outputs are.
    do {
      let h = try FileHandle(forUpdating: URL(fileURLWithPath: path))
      try h.synchronize()
      try h.close()
    } catch { throw OutputError.notWritable(path, "\(error.localizedDescription)") }
  }

  /// A decimal as the other outputs print it (6 places), read back as the nearest double; nil stays NULL.
  static func real(_ d: Decimal?) -> Double? { d.flatMap { Double(FactWriter.number($0)) } }

  static func quote(_ name: String) -> String { "\"" + name + "\"" }

  /// One INSERT per table, every column but `facts.id` (which numbers the rows).
  static let inserts: [String: String] = Dictionary(uniqueKeysWithValues: tables.map { t in
    let cols = t.columns.map(\.0).filter { !(t.name == "facts" && $0 == "id") }
    return (t.name, "INSERT INTO \(t.name) (\(cols.map(quote).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: cols.count).joined(separator: ", ")))")
  })

  private func wrap<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as DatabaseError { throw OutputError.notWritable(path, e.description) }
  }
}
