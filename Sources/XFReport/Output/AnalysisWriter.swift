import Foundation

/// One output of `analyze`. Each document is rendered by the writer's ``renderer`` (on worker
/// threads, in any order) and the result appended in input order (so rows stream to disk); the
/// corpus totals come once at the end.
public protocol AnalysisWriter: AnyObject {
  associatedtype Renderer: DocumentRenderer
  var renderer: Renderer { get }
  func append(_ chunk: Renderer.Chunk) throws
  func finish(_ totals: CorpusTotals) throws
}

/// Turns a document's analysis into what a writer appends. It may read only what never changes
/// during a run, so that documents can be rendered at once on several threads; `shared` holds
/// what other writers render the same way for this document.
public protocol DocumentRenderer: Sendable {
  associatedtype Chunk: Sendable
  func render(_ document: DocumentAnalysis, shared: SharedRendering) -> Chunk
}

/// A writer whose type is forgotten, as ``AnalysisRun`` holds several.
struct AnyAnalysisWriter {
  let render: @Sendable (DocumentAnalysis, SharedRendering) -> any Sendable
  let append: (any Sendable) throws -> Void
  let finish: (CorpusTotals) throws -> Void

  init<W: AnalysisWriter>(_ writer: W) {
    let renderer = writer.renderer
    render = { renderer.render($0, shared: $1) }
    append = { try writer.append($0 as! W.Renderer.Chunk) }
    finish = { try writer.finish($0) }
  }
}

/// The output formats of `analyze`.
public enum AnalysisFormat: String, CaseIterable, Sendable {
  /// facts.jsonl
  case jsonl
  /// documents.json, corpus.json
  case json
  /// summary.csv, facts.csv, categories.csv, findings.csv, duplicates.csv, totals.csv, category_totals.csv, errors.csv
  case csv
  /// xfreport.sqlite
  case sqlite
  /// report.html
  case html
  /// xfreport.xlsx
  case xlsx

  public static let defaults: [AnalysisFormat] = [.jsonl, .json, .csv]
}

/// Values every writer shows the same way.
enum AnalysisFields {
  /// `String(format: "%.<places>f", x)`. Most similarities are exactly 1 (identical copies) and
  /// are written without Foundation's formatter, which cost more than the row they went into.
  static func fixed(_ x: Double, places: Int) -> String {
    if x == 1 { return "1." + String(repeating: "0", count: places) }
    return String(format: "%.\(places)f", x)
  }

  /// A similarity rounded to 3 places, as the CSV and SQLite tables hold it.
  static func similarity(_ x: Double) -> Decimal? { x == 1 ? 1 : Decimal(string: fixed(x, places: 3)) }

  static func categoryList(_ a: ArticleSummary, top: Int = 5) -> String {
    a.categories.prefix(top).map { "\($0.category):\($0.mentions)" }.joined(separator: ";")
  }

  static func figures(_ f: Finding) -> String {
    f.figures.map { "\($0.role)=\(FactWriter.number($0.value))\($0.unit == "%" ? "%" : $0.unit)@\($0.doc == f.doc ? "" : $0.doc + ":")\($0.span.start)-\($0.span.end)" }.joined(separator: "; ")
  }
}
