import Foundation
import GRDB
import Testing
@testable import XFReport

/// `analyze --format sqlite csv` over three fixtures and a missing file, then the database read
/// back with GRDB: tables as in the CSV files, exact rows, and the README's example queries.
@Suite struct SQLiteWriterTests {
  static let inputs = [
    "inconsistent-figures.txt", "township-collection.txt", "placeholders-template.txt",
  ].map { Fixtures.corpora.appendingPathComponent($0).path } + ["/nonexistent/missing.txt"]

  /// One run shared by the tests (they only read).
  static let output: URL = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-sqlite-\(UUID().uuidString)")
    try! analyze(into: dir)
    atexit { try? FileManager.default.removeItem(at: SQLiteWriterTests.output) }
    return dir
  }()

  static func analyze(into dir: URL) throws {
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = [.csv, .sqlite]
    run.csvStyle = CSVTable.Style(bom: false, guardFormulas: false)
    _ = try run.run(InputCollector().collect(inputs), output: dir.path)
  }

  static let db: DatabaseQueue = {
    var config = Configuration()
    config.readonly = true
    return try! DatabaseQueue(path: output.appendingPathComponent("xfreport.sqlite").path, configuration: config)
  }()

  /// Rows as `a|b|c`, NULL as empty, numbers as Swift prints them (which matches the sqlite3 CLI here).
  func rows(_ sql: String) throws -> [String] {
    try Self.db.read { db in
      try Row.fetchAll(db, sql: sql).map { row in
        row.databaseValues.map { v -> String in
          switch v.storage {
          case .null: ""
          case .int64(let i): "\(i)"
          case .double(let d): "\(d)"
          case .string(let s): s
          case .blob: "<blob>"
          }
        }.joined(separator: "|")
      }
    }
  }

  func csvHeader(_ file: String) throws -> [String] {
    let text = try String(contentsOf: Self.output.appendingPathComponent(file), encoding: .utf8)
    return text.prefix { $0 != "\r\n" && $0 != "\n" }.split(separator: ",").map(String.init)
  }

  @Test func tablesHaveTheCSVColumns() throws {
    for (table, csv) in [
      ("articles", "summary.csv"), ("facts", "facts.csv"), ("categories", "categories.csv"), ("findings", "findings.csv"),
      ("duplicates", "duplicates.csv"), ("totals", "totals.csv"), ("category_totals", "category_totals.csv"), ("errors", "errors.csv"),
    ] {
      var columns = try rows("SELECT name FROM pragma_table_info('\(table)') ORDER BY cid")
      if table == "facts" { #expect(columns.removeFirst() == "id") }
      #expect(columns == (try csvHeader(csv)), "\(table) against \(csv)")
    }
  }

  @Test func rowCounts() throws {
    let counts = try rows("""
      SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles), (SELECT count(*) FROM facts),
             (SELECT count(*) FROM categories), (SELECT count(*) FROM findings), (SELECT count(*) FROM duplicates),
             (SELECT count(*) FROM totals), (SELECT count(*) FROM category_totals), (SELECT count(*) FROM errors)
      """)
    #expect(counts == ["4|7|93|10|7|1|31|4|1"])
    #expect(try rows("SELECT * FROM corpus") == ["3|1|7|1|93|7|22|7|0|0"])
  }

  @Test func documentsAndErrors() throws {
    #expect(try rows("SELECT doc, status, format, encoding, error_code, warnings FROM documents ORDER BY rowid") == [
      "inconsistent-figures.txt|ok|text|UTF-8||[]",
      "township-collection.txt|ok|text|UTF-8||[]",
      "placeholders-template.txt|ok|text|UTF-8||[]",
      "missing.txt|error|||XF-I001|[]",
    ])
    #expect(try rows("SELECT path, code FROM errors") == ["/nonexistent/missing.txt|XF-I001"])
  }

  @Test func factValues() throws {
    let cols = "doc, article, kind, metric, value, typeof(value), unit, span_start, span_end, approx, bound, target, category, placeholder, period, duplicate_of"
    // 办结率82% (13 of 16: a rate_mismatch finding) as stated.
    #expect(try rows("SELECT \(cols) FROM facts WHERE doc = 'inconsistent-figures.txt' AND metric = 'resolution_rate'") == [
      "inconsistent-figures.txt|0|rate|resolution_rate|82.0|real|%|390|393|0||0||0|2020年|"
    ])
    // A blank (n案次) is NULL, not 0.
    #expect(try rows("SELECT \(cols) FROM facts WHERE doc = 'placeholders-template.txt' AND span_start = 245") == [
      "placeholders-template.txt|0|count|received||null|案次|245|246|0||0||1|20xx年|"
    ])
    // 篇四 repeats 篇二: its facts point at the passage they repeat.
    #expect(try rows("SELECT id, value, unit, duplicate_of FROM facts WHERE doc = 'township-collection.txt' AND article = 4 AND metric = 'visits'") == [
      "57|46.0|批|township-collection.txt#2/p36", "58|158.0|人次|township-collection.txt#2/p36",
    ])
    // Changes keep their sign.
    #expect(try rows("SELECT value FROM facts WHERE id = 56") == ["-18.3"])
  }

  /// Every fact names a known rule, the same one facts.csv gives it.
  @Test func factRules() throws {
    let rules = try rows("SELECT rule FROM facts ORDER BY id")
    #expect(rules.count == 93)
    #expect(rules.allSatisfy { RuleID(rawValue: $0) != nil }, "\(Set(rules))")
    let csv = try String(contentsOf: Self.output.appendingPathComponent("facts.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\r\n").dropFirst()
    #expect(lines.map { String($0.split(separator: ",").last!) } == rules)
  }

  @Test func articleRow() throws {
    #expect(try rows("""
      SELECT title, period, span_start, span_end, facts, placeholders, findings, duplicate_of, received_items, received_person_visits,
             letters_items, visits_person_visits, visits_batches, key_cases_items, resolution_rate, top_categories
      FROM articles WHERE doc = 'township-collection.txt' AND article = 4
      """) == ["乡镇信访工作总结篇四||1701|2105|7|0|0|township-collection.txt#2|58.0||12.0|158.0|46.0|5.0||"])
    #expect(try rows("""
      SELECT resolution_rate, resolution_rate_derived, settlement_rate, settlement_rate_derived, top_categories
      FROM articles WHERE doc = 'township-collection.txt' AND article = 3
      """) == ["97.7|97.7|92.9|92.94|labor_social:3;land:3;cadre_conduct:2;demolition:1"])
  }

  @Test func fileIsComplete() throws {
    #expect(try rows("PRAGMA user_version") == ["\(SQLiteAnalysisWriter.schemaVersion)"])
    #expect(try rows("PRAGMA journal_mode") == ["delete"])
    #expect(try rows("SELECT value FROM meta WHERE key IN ('schema_version', 'xfreport_version') ORDER BY key") == ["\(TableSchema.version)", "0.1.0"])
    #expect(try rows("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'facts_metric'") == ["facts_metric"])
    #expect(try rows("PRAGMA integrity_check") == ["ok"])
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.output.path)
      + FileManager.default.contentsOfDirectory(atPath: Self.output.appendingPathComponent(".xfreport/current").path)
    #expect(!names.contains { $0.hasPrefix("xfreport.sqlite-") }, "\(names)")
  }

  /// meta describes every column of every table from TableSchema, in the schema's SQL type.
  @Test func metaDescribesEveryColumn() throws {
    let described = try rows("SELECT key FROM meta WHERE key LIKE 'column.%'")
    #expect(described.count == TableSchema.all.reduce(1) { $0 + $1.columns.count })
    #expect(try rows("SELECT value FROM meta WHERE key = 'column.facts.value'") == ["REAL: \(TableSchema.facts.columns[5].about)"])
    #expect(try rows("SELECT value FROM meta WHERE key = 'column.articles.resolution_rate'").first?.hasPrefix("REAL: ") == true)
    for t in TableSchema.all {
      guard let table = t.sqlTable else { continue }
      var types = try rows("SELECT type || CASE WHEN \"notnull\" THEN ' NOT NULL' ELSE '' END FROM pragma_table_info('\(table)') ORDER BY cid")
      if table == "facts" { types.removeFirst() }
      #expect(types == t.columns.map(\.sqlType), "\(table)")
    }
  }

  /// No timestamps or paths of the run inside: the same inputs give the same bytes.
  @Test func rerunGivesTheSameFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-sqlite-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.analyze(into: dir)
    let first = try Data(contentsOf: dir.appendingPathComponent("xfreport.sqlite"))
    try Self.analyze(into: dir)
    #expect(try Data(contentsOf: dir.appendingPathComponent("xfreport.sqlite")) == first)
  }

  struct Query: Sendable, CustomTestStringConvertible {
    let name: String
    let sql: String
    let expected: [String]
    var testDescription: String { name }
  }

  /// The example queries of docs/reference.md, verbatim, with what they give on these fixtures.
  static let readmeQueries: [Query] = [
    Query(name: "facts per metric", sql: """
      SELECT metric, kind, COUNT(*) AS facts, SUM(placeholder) AS blanks, SUM(duplicate_of IS NOT NULL) AS repeated
      FROM facts GROUP BY metric, kind ORDER BY facts DESC, metric LIMIT 8;
      """, expected: [
        "received|count|12|2|1", "visits|count|9|2|2", "collective|count|6|2|0", "disputes|count|6|0|0",
        "other_rate|rate|6|1|1", "received|change|6|3|1", "letters|count|5|0|1", "resolved|count|5|1|0",
      ]),
    Query(name: "rates per article, stated and derived", sql: """
      SELECT doc, article, resolution_rate AS res, resolution_rate_derived AS res_derived,
             closure_rate AS clo, closure_rate_derived AS clo_derived,
             settlement_rate AS set_, settlement_rate_derived AS set_derived
      FROM articles
      WHERE duplicate_of IS NULL
        AND coalesce(resolution_rate, resolution_rate_derived, closure_rate, closure_rate_derived,
                     settlement_rate, settlement_rate_derived) IS NOT NULL;
      """, expected: [
        "inconsistent-figures.txt|0|82.0|81.25||||95.18",
        "township-collection.txt|1|96.0|95.97||||",
        "township-collection.txt|3|97.7|97.7|||92.9|92.94",
      ]),
    Query(name: "findings", sql: """
      SELECT doc, article, rule, stated, computed, message FROM findings ORDER BY doc, article;
      """, expected: [
        "inconsistent-figures.txt|0|impossible_value|-112.0||collective -112%: a fall of more than 100%",
        "inconsistent-figures.txt|0|impossible_value|103.5||other_rate 103.5%: a rate above 100%",
        "inconsistent-figures.txt|0|impossible_value|105.2||mediation_rate 105.2%: a rate above 100%",
        "inconsistent-figures.txt|0|rate_mismatch|82.0|81.25|stated resolution_rate 82% but 13/16 = 81.25%",
        "inconsistent-figures.txt|0|change_mismatch|-20.0|-16.0|stated change -20% but 250 → 210 is -16%",
        "inconsistent-figures.txt|0|impossible_value|9.0||collective 12批 but only 9人次: fewer people than batches",
        "inconsistent-figures.txt|0|parts_sum|436.0|425.0|parts 120+210+95 = 425 against the stated total 436件",
      ]),
    Query(name: "categories across the archive", sql: """
      SELECT category, COUNT(*) AS articles, SUM(mentions) AS mentions
      FROM categories WHERE duplicate_of IS NULL
      GROUP BY category ORDER BY articles DESC, category;
      """, expected: ["land|4|7", "demolition|3|3", "labor_social|2|4", "cadre_conduct|1|2"]),
    Query(name: "repeated articles", sql: """
      SELECT doc, article, relation, original_doc, original_article, similarity
      FROM duplicates WHERE kind = 'article';
      """, expected: ["township-collection.txt|4|same|township-collection.txt|2|0.984"]),
    Query(name: "totals by period", sql: """
      SELECT period, metric, unit_class, total, articles FROM totals
      WHERE metric IN ('received', 'letters', 'visits') ORDER BY period, metric, unit_class;
      """, expected: [
        "2020|letters|items|120.0|1", "2020|received|items|436.0|1", "2020|visits|items|210.0|1",
        "all|letters|items|175.0|4", "all|received|items|705.0|4", "all|visits|batches|46.0|1", "all|visits|items|210.0|1",
        "all|visits|person_visits|158.0|1",
        "unknown|letters|items|43.0|2", "unknown|received|items|124.0|1",
      ]),
  ]

  @Test(arguments: readmeQueries) func readmeQuery(_ q: Query) throws {
    #expect(try rows(q.sql) == q.expected)
  }

  /// The per-category query over `categories` agrees with the totals the run computed.
  @Test func categoryTotalsAgree() throws {
    #expect(try rows("SELECT category, articles, mentions FROM category_totals") == Self.readmeQueries[3].expected)
  }
}

/// A figure too large to record is a null in every output, never NaN, and no format fails on it.
@Suite struct TooLargeValueOutputTests {
  @Test func everyFormatWritesANull() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("xf-large-\(UUID().uuidString)")
    try fm.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: root) }
    let input = root.appendingPathComponent("big.txt")
    try Data("全年受理来信1e400件，来访一亿亿亿亿亿人次，网上信访35件。\n".utf8).write(to: input)
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = [.jsonl, .json, .csv, .sqlite, .html, .xlsx]
    let out = root.appendingPathComponent("out")
    let outcome = try run.run([.file(input.path)], output: out.path)
    #expect(outcome.totals.failedDocuments == 0)
    for name in ["facts.jsonl", "documents.json", "corpus.json", "facts.csv", "summary.csv", "totals.csv", "report.html", "report/doc-00001.html"] {
      let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
      #expect(!text.contains("NaN") && !text.lowercased().contains("inf"), "\(name)")
    }
    let jsonl = try String(contentsOf: out.appendingPathComponent("facts.jsonl"), encoding: .utf8)
    #expect(jsonl.contains(#""metric":"letters","value":null"#) && jsonl.contains(#""metric":"online","value":35"#))
    let db = try DatabaseQueue(path: out.appendingPathComponent("xfreport.sqlite").path)
    let values = try db.read { try Row.fetchAll($0, sql: "SELECT metric, value FROM facts ORDER BY id").map { "\($0[0] as String) \(($0[1] as Double?).map { "\($0)" } ?? "null")" } }
    #expect(values == ["letters null", "visits null", "online 35.0"])
    // Totals count only what has a value.
    let totals = try String(contentsOf: out.appendingPathComponent("totals.csv"), encoding: .utf8)
    #expect(!totals.contains(",letters,"))
  }
}
