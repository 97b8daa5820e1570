import Foundation

/// One column of an output table, as CSV, SQLite and the xlsx workbook all show it.
public struct TableColumn: Sendable {
  public enum Kind: String, Sendable {
    case text
    case integer
    /// A measured value (REAL in SQLite), in the unit stated.
    case number
    /// A rate, share or change in percent (93.1 means 93.1%).
    case percent
    /// true/false in CSV, 1/0 in SQLite.
    case flag
  }

  public let name: String
  public let kind: Kind
  public let notNull: Bool
  public let about: String

  init(_ name: String, _ kind: Kind, notNull: Bool = false, _ about: String) {
    self.name = name
    self.kind = kind
    self.notNull = notNull
    self.about = about
  }

  /// The column's type in CREATE TABLE.
  var sqlType: String {
    let base = switch kind {
    case .text: "TEXT"
    case .integer, .flag: "INTEGER"
    case .number, .percent: "REAL"
    }
    return notNull ? base + " NOT NULL" : base
  }
}

/// An output table: its columns in order, and where it is written. CSV files, SQLite tables and
/// workbook sheets take their columns from here, so they cannot drift apart.
public struct TableSchema: Sendable {
  /// The CSV file's base name and the workbook sheet's name.
  public let name: String
  /// The SQLite table's name, nil where SQLite has no such table (errors is a view there).
  public let sqlTable: String?
  /// Written as `<name>.csv` and as a sheet.
  public let inCSV: Bool
  public let about: String
  public let columns: [TableColumn]

  /// Bumped whenever a column is added, removed, renamed, reordered or changes meaning or type;
  /// written to corpus.json and to SQLite's `meta` and `PRAGMA user_version`.
  public static let version = 3

  public var columnNames: [String] { columns.map(\.name) }

  public static func named(_ name: String) -> TableSchema { all.first { $0.name == name }! }

  static let span = [
    TableColumn("span_start", .integer, "start of the span in the decoded source, in Unicode code points"),
    TableColumn("span_end", .integer, "end of the span (exclusive), in Unicode code points"),
  ]
  static let dupOf = TableColumn("duplicate_of", .text, "doc#article (doc#article/pN for a passage) of the earlier text this repeats; empty when original")

  public static let documents = TableSchema(
    name: "documents", sqlTable: "documents", inCSV: false,
    about: "one row per input in input order; status ok or error (error_code, error_message); warnings is a JSON array of {code, message}",
    columns: [
      TableColumn("doc", .text, notNull: true, "the input's id in every table: its path relative to the folder all inputs share (- for standard input)"),
      TableColumn("file", .text, notNull: true, "the file's own name (its base name)"),
      TableColumn("path", .text, notNull: true, "the input's path as given"),
      TableColumn("status", .text, notNull: true, "ok or error"),
      TableColumn("format", .text, "input format read (txt, markdown, html, docx)"),
      TableColumn("encoding", .text, "text encoding detected or forced"),
      TableColumn("error_code", .text, "error code when the input could not be read"),
      TableColumn("error_message", .text, "error message when the input could not be read"),
      TableColumn("warnings", .text, notNull: true, "JSON array of {code, message}"),
    ])

  public static let summary: TableSchema = {
    var c = [
      TableColumn("doc", .text, notNull: true, "input document"),
      TableColumn("article", .integer, notNull: true, "article number in the document, from 0"),
      TableColumn("title", .text, "article title"),
      TableColumn("period", .text, "period the article reports on (2024, 2024-H1, 2024-M01-M05)"),
      TableColumn("period_year", .integer, "year of the period"),
      TableColumn("period_part", .text, "part of the year: year, H1/H2, Q1…Q4, Q1-Q3, M05, M01-M05"),
      TableColumn("body", .text, "reporting body where stated"),
    ] + span + [
      TableColumn("facts", .integer, "facts extracted from the article"),
      TableColumn("placeholders", .integer, "blanked figures (xx件) in the article"),
      TableColumn("findings", .integer, "consistency findings in the article"),
      dupOf,
    ]
    // One column per metric and unit class, so that a column sums one kind of unit.
    for m in ArticleSummarizer.countMetrics {
      for u in ArticleSummary.summaryClasses {
        let unit = u.map { "in unit class \($0.rawValue) (units.tsv)" } ?? "stated without a unit (进京访为零)"
        c.append(TableColumn(m.rawValue + "_" + ArticleSummary.columnSuffix(u), .number, "key figure of \(m.rawValue) \(unit): the first such count that is not a target, bound, breakdown or placeholder; empty when none or blanked"))
      }
      c.append(TableColumn(m.rawValue + "_change_pct", .percent, "change of \(m.rawValue) as first stated (同比下降6.2% → -6.2), in percent"))
    }
    for m in ArticleSummarizer.rateMetrics {
      c.append(TableColumn(m.rawValue, .percent, "\(m.rawValue) as stated, in percent"))
      c.append(TableColumn(m.rawValue + "_derived", .percent, "\(m.rawValue) derived from the counts, in percent"))
      c.append(TableColumn(m.rawValue + "_change_pp", .number, "change of \(m.rawValue) as first stated, in percentage points (个百分点)"))
    }
    c.append(TableColumn("top_categories", .text, "top 5 issue categories as category:mentions, separated by ;"))
    return TableSchema(
      name: "summary", sqlTable: "articles", inCSV: true,
      about: "one row per article: key figure per count metric and unit class with its stated change, stated, derived and change per rate, top 5 categories as category:mentions",
      columns: c)
  }()

  public static let facts = TableSchema(
    name: "facts", sqlTable: "facts", inCSV: true, about: "every extracted fact, in input order",
    columns: [
      TableColumn("doc", .text, notNull: true, "input document"),
      TableColumn("article", .integer, notNull: true, "article number in the document"),
      TableColumn("title", .text, "article title"),
      TableColumn("kind", .text, notNull: true, "count, rate, share or change"),
      TableColumn("metric", .text, notNull: true, "what is counted or measured (received, letters, resolution_rate …)"),
      TableColumn("value", .number, "the value as stated (percent when unit is %); empty for a placeholder"),
      TableColumn("unit", .text, "unit as stated (件, 人次, 批, %)"),
      TableColumn("unit_class", .text, "class of the unit (units.tsv): items, batches, person_visits, persons, times, other; empty for %, pp and no unit"),
    ] + span + [
      TableColumn("approx", .flag, notNull: true, "stated as approximate (余, 左右, 近)"),
      TableColumn("bound", .text, "lower or upper bound (以上, 以下) when stated"),
      TableColumn("target", .flag, notNull: true, "a target, not an outcome"),
      TableColumn("category", .text, "issue category the figure counts, if any"),
      TableColumn("placeholder", .flag, notNull: true, "the figure is blanked in the source (xx件): no value"),
      TableColumn("period", .text, "period of the figure"),
      TableColumn("text", .text, "the evidence clause"),
      TableColumn("evidence_start", .integer, "start of the evidence clause, in code points"),
      TableColumn("evidence_end", .integer, "end of the evidence clause (exclusive)"),
      dupOf,
      TableColumn("rule", .text, notNull: true, "the named extraction rule that decided the metric and kind (cue.before, fallback.other …)"),
      TableColumn("page", .integer, "the PDF page the number stands on (1-based); empty for other formats"),
    ])

  public static let categories = TableSchema(
    name: "categories", sqlTable: "categories", inCSV: true, about: "issue categories per article with mention counts",
    columns: [
      TableColumn("doc", .text, notNull: true, "input document"),
      TableColumn("article", .integer, notNull: true, "article number in the document"),
      TableColumn("title", .text, "article title"),
      TableColumn("category", .text, notNull: true, "issue category"),
      TableColumn("mentions", .integer, notNull: true, "mentions of the category in the article"),
      dupOf,
    ])

  public static let findings = TableSchema(
    name: "findings", sqlTable: "findings", inCSV: true, about: "consistency check findings; figures as role=value unit@span, separated by '; '",
    columns: [
      TableColumn("doc", .text, notNull: true, "input document"),
      TableColumn("article", .integer, notNull: true, "article number in the document"),
      TableColumn("rule", .text, notNull: true, "rate_mismatch, parts_sum, change_mismatch, impossible_value or copy_conflict"),
      TableColumn("message", .text, "what is wrong"),
      TableColumn("stated", .number, "the figure as stated (percent for rates and changes)"),
      TableColumn("computed", .number, "the figure as the other figures give it"),
    ] + span + [
      TableColumn("figures", .text, "every figure involved as role=value unit@span"),
      TableColumn("evidence", .text, "the clause that states the checked figure"),
      TableColumn("duplicate_of", .text, "the earlier text the checked figure repeats (doc#article or doc#article/pline); empty for an original"),
    ])

  public static let duplicates = TableSchema(
    name: "duplicates", sqlTable: "duplicates", inCSV: true, about: "articles and passages that repeat earlier text (the first copy in input order is the original)",
    columns: [
      TableColumn("kind", .text, notNull: true, "article or passage"),
      TableColumn("relation", .text, notNull: true, "same, part_of or contains"),
      TableColumn("doc", .text, notNull: true, "document of the copy"),
      TableColumn("article", .integer, notNull: true, "article of the copy"),
      TableColumn("passage", .integer, "line number of the copied paragraph"),
    ] + span + [
      TableColumn("original_doc", .text, notNull: true, "document of the original"),
      TableColumn("original_article", .integer, notNull: true, "article of the original"),
      TableColumn("original_passage", .integer, "line number of the original paragraph"),
      TableColumn("original_span_start", .integer, "start of the original's span"),
      TableColumn("original_span_end", .integer, "end of the original's span (exclusive)"),
      TableColumn("similarity", .number, "estimated Jaccard similarity, 3 places"),
    ])

  public static let errors = TableSchema(
    name: "errors", sqlTable: nil, inCSV: true, about: "the inputs that could not be read, with the code shown on standard error",
    columns: [
      TableColumn("doc", .text, notNull: true, "input document"),
      TableColumn("path", .text, notNull: true, "its path"),
      TableColumn("code", .text, notNull: true, "error code"),
      TableColumn("message", .text, notNull: true, "error message"),
    ])

  public static let totals = TableSchema(
    name: "totals", sqlTable: "totals", inCSV: true,
    about: "archive totals of the articles' key figures per period ('all' for every period), metric and unit class; repeated text counted once unless --keep-duplicates",
    columns: [
      TableColumn("period", .text, notNull: true, "all, a year and part (2023, 2023-H1), or unknown"),
      TableColumn("period_year", .integer, "year of the period"),
      TableColumn("period_part", .text, "part of the year"),
      TableColumn("metric", .text, notNull: true, "metric"),
      TableColumn("unit_class", .text, notNull: true, "items, person_visits, batches, persons, times, or a unit of its own"),
      TableColumn("total", .number, notNull: true, "sum of the articles' key figures"),
      TableColumn("articles", .integer, notNull: true, "articles that contribute"),
      TableColumn("approx", .flag, notNull: true, "some figure added is approximate"),
    ])

  public static let categoryTotals = TableSchema(
    name: "category_totals", sqlTable: "category_totals", inCSV: true, about: "articles and mentions per issue category across the archive",
    columns: [
      TableColumn("category", .text, notNull: true, "issue category"),
      TableColumn("articles", .integer, notNull: true, "articles that mention it"),
      TableColumn("mentions", .integer, notNull: true, "mentions across the archive"),
    ])

  public static let corpus = TableSchema(
    name: "corpus", sqlTable: "corpus", inCSV: false, about: "one row: the run's counts, as corpus.json",
    columns: [
      TableColumn("documents", .integer, notNull: true, "inputs analysed"),
      TableColumn("failed_documents", .integer, notNull: true, "inputs that could not be read"),
      TableColumn("articles", .integer, notNull: true, "articles"),
      TableColumn("duplicate_articles", .integer, notNull: true, "articles that repeat an earlier one"),
      TableColumn("facts", .integer, notNull: true, "facts"),
      TableColumn("duplicate_facts", .integer, notNull: true, "facts in repeated text"),
      TableColumn("placeholders", .integer, notNull: true, "blanked figures"),
      TableColumn("findings", .integer, notNull: true, "consistency findings"),
      TableColumn("duplicate_findings", .integer, notNull: true, "findings on figures in repeated text (counted with their originals too)"),
      TableColumn("skipped_files", .integer, notNull: true, "files of the input folders not read for their kind (.doc, .xls, images)"),
    ])

  /// Every table, in the order SQLite creates them.
  public static let all: [TableSchema] = [documents, summary, facts, categories, findings, duplicates, errors, totals, categoryTotals, corpus]

  /// The workbook's sheets, in the order of issue and README: the article rows first.
  public static let sheets: [TableSchema] = [summary, facts, findings, categories, duplicates, totals, categoryTotals, errors]
}
