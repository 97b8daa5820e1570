/// facts.jsonl: every fact in the interchange form of facts.md, plus `article`, `title`,
/// `period`, the evidence span and `duplicate_of` (the earlier passage or article it repeats).
/// No BOM; every key present.
public final class FactsJSONLWriter: AnalysisWriter {
  private let file: OutputFile
  public let renderer = Renderer()

  public init(_ out: OutputDirectory) throws { file = try out.create("facts.jsonl") }

  public struct Renderer: DocumentRenderer {
    let facts = FactWriter()

    public func render(_ d: DocumentAnalysis) -> String {
      var text = ""
      for (k, f) in d.facts.enumerated() {
        text += facts.line(f, doc: d.doc, title: d.title(ofArticle: f.article)) { AnalysisFields.addFactExtras(&$0, f, duplicateOf: d.factDuplicateOf[k]) }
        text += "\n"
      }
      return text
    }
  }

  public func append(_ text: String) throws { try file.write(text) }

  public func finish(_ totals: CorpusTotals) throws { try file.close() }
}
