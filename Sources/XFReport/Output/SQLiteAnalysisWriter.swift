import Foundation
import GRDB
import GRDBSQLite

/// xfreport.sqlite: the CSV tables in one SQLite database, for analysts who query with SQL.
/// `documents` (one row per input, errors included), `articles` (= summary.csv), `facts`,
/// `categories`, `findings`, `duplicates`, and at the end `totals`, `category_totals` and
/// `corpus` (corpus.json's counts); `meta` holds the schema version and what the columns mean.
/// Columns are named as in the CSV files. Measured values are REAL (NULL for a placeholder),
/// flags are INTEGER 0/1. Rows go in by transactions of many documents (the file is staged: a
/// failed run discards it, so smaller transactions would only cost more page writes).
public final class SQLiteAnalysisWriter: AnalysisWriter {
  /// ``TableSchema/version``; also in `PRAGMA user_version`.
  public static let schemaVersion = TableSchema.version
  /// Kept in step with the command's `--version`.
  static let toolVersion = "0.1.0"

  private let path: String
  private var queue: DatabaseQueue?

  /// (name, SQL type) per column, from ``TableSchema``; `facts` also numbers its rows (`id`).
  static let tables: [(name: String, columns: [(String, String)])] =
    TableSchema.all.compactMap { t in
      guard let name = t.sqlTable else { return nil }
      let cols = t.columns.map { ($0.name, $0.sqlType) }
      return (name, name == "facts" ? [("id", "INTEGER PRIMARY KEY")] + cols : cols)
    } + [("meta", [("key", "TEXT PRIMARY KEY"), ("value", "TEXT NOT NULL")])]

  /// Built after the rows are in: one sort per index instead of index updates per row. None on
  /// `facts(kind)`: four values, so a query by kind reads a quarter of the table through an
  /// index, slower than scanning it, and building it cost a scan of the largest table.
  static let indexes = [
    "CREATE INDEX documents_doc ON documents(doc)",
    "CREATE INDEX articles_doc_article ON articles(doc, article)",
    "CREATE INDEX facts_doc_article ON facts(doc, article)",
    "CREATE INDEX facts_metric ON facts(metric)",
    "CREATE INDEX categories_doc_article ON categories(doc, article)",
    "CREATE INDEX categories_category ON categories(category)",
    "CREATE INDEX findings_doc_article ON findings(doc, article)",
    "CREATE INDEX duplicates_doc_article ON duplicates(doc, article)",
  ]

  static let meta: [(String, String)] = {
    var m = [("schema_version", String(schemaVersion)), ("xfreport_version", toolVersion)]
    for t in TableSchema.all { m.append(("\(t.sqlTable == nil ? "view" : "table").\(t.sqlTable ?? t.name)", t.about)) }
    m += [
      ("note.values", "measured values are REAL, rounded to 6 decimal places as in the CSV and JSON outputs; rates, shares and percentage changes in percent; NULL for a blank placeholder"),
      ("note.flags", "approx, target, placeholder: 1 or 0"),
      ("note.spans", "span_start/span_end and evidence_start/evidence_end: Unicode code points of the decoded source, end exclusive"),
      ("note.rule", "facts.rule: the named extraction rule that decided the fact's metric and kind (cue.before, fallback.other …), a stable id"),
      ("note.duplicate_of", "doc#article, or doc#article/pN for a passage, of the earlier text this repeats; NULL when original"),
      ("note.schema_version", "bumped when a column is added, removed, renamed, reordered or changes type or meaning"),
    ]
    m.append(("column.facts.id", "INTEGER: the fact's number, in input order"))
    for t in TableSchema.all {
      for c in t.columns { m.append(("column.\(t.sqlTable ?? t.name).\(c.name)", "\(c.sqlType): \(c.about)")) }
    }
    return m
  }()

  public init(_ out: OutputDirectory) throws {
    path = out.stagedPath("xfreport.sqlite")
    try? FileManager.default.removeItem(atPath: path)
    var config = Configuration()
    // The file is staged and synced once in finish(); a crash discards it, so no per-commit fsync.
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = OFF")
      try db.execute(sql: "PRAGMA journal_mode = MEMORY")
    }
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

  public let renderer = Renderer()

  /// The tables a document's rows go to, in the order they are inserted.
  enum Table: Int, CaseIterable, Sendable {
    case documents, articles, categories, facts, findings, duplicates
    var name: String { Self.names[rawValue] }
    private static let names = ["documents", "articles", "categories", "facts", "findings", "duplicates"]
  }

  /// One document's rows, their text in one buffer: inserting binds pointers into it rather
  /// than having SQLite copy each string (a copy and an allocation per text cell).
  public struct Chunk: Sendable, TableRowSink {
    /// Per row: its table and the end of its cells.
    fileprivate var rows: [(table: Table, end: Int)] = []
    fileprivate var cells: [Cell] = []
    fileprivate var text: [UInt8] = []

    enum Cell {
      case null
      case int(Int)
      case real(Double)
      /// Bytes of `text`.
      case text(start: Int, count: Int)
    }

    /// A row whose cells `body` adds one by one, in column order (no array of values per row).
    mutating func row(_ table: Table, _ body: (inout Chunk) -> Void) {
      body(&self)
      rows.append((table, cells.count))
    }

    mutating func text(_ s: String?) {
      guard let s else { return cells.append(.null) }
      let start = text.count
      text.appendUTF8(s)
      cells.append(.text(start: start, count: text.count - start))
    }

    mutating func int(_ n: Int?) { cells.append(n.map { .int($0) } ?? .null) }
    mutating func real(_ d: Decimal?) { real(SQLiteAnalysisWriter.real(d)) }
    mutating func real(_ x: Double?) { cells.append(x.map { .real($0) } ?? .null) }
    mutating func bool(_ b: Bool) { cells.append(.int(b ? 1 : 0)) }
    mutating func number(_ d: Decimal?) { real(d) }
  }

  public struct Renderer: DocumentRenderer {
    public func render(_ d: DocumentAnalysis, shared: SharedRendering) -> Chunk {
      var c = Chunk()
      c.cells.reserveCapacity(d.facts.count * 20 + d.articles.count * 48 + 16)
      c.text.reserveCapacity(d.facts.count * 240 + d.articles.count * 320 + 256)
      let warnings = JSONText.array(d.warnings.map { w in
        var e = JSONObjectWriter()
        e.add("code", w.code)
        e.add("message", w.message)
        return e.close()
      })
      c.row(.documents) { r in
        r.text(d.doc); r.text(d.file); r.text(d.name); r.text(d.failure == nil ? "ok" : "error"); r.text(d.format); r.text(d.encoding)
        r.text(d.failure?.code); r.text(d.failure?.message); r.text(warnings)
      }
      if d.failure != nil { return c }
      for a in d.articles {
        c.row(.articles) { r in TableRows.summary(a, &r) }
        for g in a.categories {
          c.row(.categories) { r in TableRows.category(a, g, &r) }
        }
      }
      for k in d.facts.indices { c.row(.facts) { r in TableRows.fact(d, k, &r) } }
      for f in d.findings {
        c.row(.findings) { r in TableRows.finding(f, in: d, &r) }
      }
      for m in d.duplicates {
        c.row(.duplicates) { r in TableRows.duplicate(m, &r) }
      }
      return c
    }
  }

  /// Rows waiting for the next transaction.
  private var pending: [Chunk] = []
  private var pendingRows = 0
  static let rowsPerTransaction = 20_000

  public func append(_ c: Chunk) throws {
    pending.append(c)
    pendingRows += c.rows.count
    if pendingRows >= Self.rowsPerTransaction { try flush() }
  }

  /// Inserts the pending documents' rows in one transaction.
  private func flush() throws {
    guard let queue, !pending.isEmpty else { return }
    try wrap {
      try queue.write { db in
        let statements = try Table.allCases.map { try db.cachedStatement(sql: Self.inserts[$0.name]!).sqliteStatement }
        for c in pending { try Self.insert(c, with: statements, db: db) }
        // The bindings point into chunks about to be freed.
        for stmt in statements { sqlite3_clear_bindings(stmt) }
      }
    }
    pending.removeAll(keepingCapacity: true)
    pendingRows = 0
  }

  /// Inserts a chunk's rows; its text stays in place until the last row is in (SQLITE_STATIC).
  private static func insert(_ c: Chunk, with statements: [SQLiteStatement], db: Database) throws {
    try c.text.withUnsafeBufferPointer { text in
      var start = 0
      for row in c.rows {
        let stmt = statements[row.table.rawValue]
        sqlite3_reset(stmt)
        for k in start..<row.end {
          let i = Int32(k - start + 1)
          switch c.cells[k] {
          case .null: sqlite3_bind_null(stmt, i)
          case .int(let n): sqlite3_bind_int64(stmt, i, Int64(n))
          case .real(let x): sqlite3_bind_double(stmt, i, x)
          case .text(let at, let count):
            // An empty string still needs an address, or SQLite would take it for NULL.
            let p = count == 0 ? UnsafeRawPointer(("" as StaticString).utf8Start) : UnsafeRawPointer(text.baseAddress! + at)
            sqlite3_bind_text(stmt, i, p.assumingMemoryBound(to: CChar.self), Int32(count), nil)
          }
        }
        start = row.end
        let rc = sqlite3_step(stmt)
        guard rc == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
      }
    }
  }

  public func finish(_ totals: CorpusTotals) throws {
    try flush()
    guard let queue else { return }
    try wrap {
      try queue.write { db in
        let metrics = try db.cachedStatement(sql: Self.inserts["totals"]!)
        for key in totals.metrics.keys.sorted() {
          let t = totals.metrics[key]!
          try metrics.execute(arguments: [
            key.period.isEmpty ? "all" : key.period, key.year, key.part, key.metric.rawValue, key.unitClass, Self.real(t.value), t.articles, t.approx,
          ])
        }
        let cats = try db.cachedStatement(sql: Self.inserts["category_totals"]!)
        for (c, t) in totals.rankedCategories {
          try cats.execute(arguments: [c, t.articles, t.mentions])
        }
        try db.cachedStatement(sql: Self.inserts["corpus"]!).execute(arguments: [
          totals.documents, totals.failedDocuments, totals.articles, totals.duplicateArticles, totals.facts, totals.duplicateFacts,
          totals.placeholders, totals.findings, totals.duplicateFindings, totals.skippedFiles.total,
        ])
        for sql in Self.indexes { try db.execute(sql: sql) }
        // Planner statistics, so that queries by metric or category pick the index when it helps;
        // estimated from a sample of each index (the full count read every table again).
        try db.execute(sql: "PRAGMA analysis_limit = 1000")
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
  static func real(_ d: Decimal?) -> Double? {
    guard let d else { return nil }
    // A whole number converts exactly (as its digits would parse) without printing it.
    if let n = FactWriter.integer(d), n.magnitude < 1 << 53 { return Double(n) }
    return Double(FactWriter.number(d))
  }

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
