/// facts.jsonl: every fact in the interchange form of facts.md, plus `article`, `title`,
/// `period`, the evidence span and `duplicate_of` (the earlier passage or article it repeats).
/// No BOM; every key present.
public final class FactsJSONLWriter: AnalysisWriter {
  private let file: OutputFile
  private let facts = FactWriter()

  public init(_ out: OutputDirectory) throws { file = try out.create("facts.jsonl") }

  public func write(_ d: DocumentAnalysis) throws {
    var text = ""
    for (k, f) in d.facts.enumerated() {
      text += facts.line(f, doc: d.doc, title: d.title(ofArticle: f.article)) { AnalysisFields.addFactExtras(&$0, f, duplicateOf: d.factDuplicateOf[k]) }
      text += "\n"
    }
    try file.write(text)
  }

  public func finish(_ totals: CorpusTotals) throws { try file.close() }
}
