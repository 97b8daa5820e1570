/// facts.jsonl: every fact in the interchange form of facts.md, plus `rule`, `article`, `title`,
/// `period`, the evidence span and `duplicate_of` (the earlier passage or article it repeats).
/// No BOM; every key present.
public final class FactsJSONLWriter: AnalysisWriter {
  private let file: OutputFile
  public let renderer = Renderer()

  public init(_ out: OutputDirectory) throws { file = try out.create("facts.jsonl") }

  public struct Renderer: DocumentRenderer {
    public func render(_ d: DocumentAnalysis, shared: SharedRendering) -> [UInt8] {
      let lines = shared.factLines
      var bytes: [UInt8] = []
      bytes.reserveCapacity(d.facts.count * 420)
      for k in d.facts.indices {
        lines.append(k, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
      }
      return bytes
    }
  }

  public func append(_ bytes: [UInt8]) throws { try file.write(bytes: bytes) }

  public func finish(_ totals: CorpusTotals) throws { try file.close() }
}
