/// One output of `analyze`. Writers receive documents in input order as they finish (so rows
/// stream to disk) and the corpus totals once at the end.
public protocol AnalysisWriter: AnyObject {
  func write(_ document: DocumentAnalysis) throws
  func finish(_ totals: CorpusTotals) throws
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

  public static let defaults: [AnalysisFormat] = [.jsonl, .json, .csv]
}

/// Values every writer shows the same way.
enum AnalysisFields {
  static func duplicateLabel(_ ref: TextRef?) -> String? {
    guard let ref else { return nil }
    return ref.passage.map { "\(ref.doc)#\(ref.article)/p\($0)" } ?? "\(ref.doc)#\(ref.article)"
  }

  /// The keys analyze adds after a fact's interchange form (facts.jsonl and documents.json).
  static func addFactExtras(_ o: inout JSONObjectWriter, _ f: Fact, duplicateOf: TextRef?) {
    o.add("evidence_span", span: f.evidenceSpan)
    o.add("duplicate_of", duplicateLabel(duplicateOf))
  }

  static func categoryList(_ a: ArticleSummary, top: Int = 5) -> String {
    a.categories.prefix(top).map { "\($0.category):\($0.mentions)" }.joined(separator: ";")
  }

  static func figures(_ f: Finding) -> String {
    f.figures.map { "\($0.role)=\(FactWriter.number($0.value))\($0.unit == "%" ? "%" : $0.unit)@\($0.doc == f.doc ? "" : $0.doc + ":")\($0.span.start)-\($0.span.end)" }.joined(separator: "; ")
  }
}
