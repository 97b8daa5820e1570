/// `extract --explain`: every number the rules read, in text order — each fact's line with an
/// `explain` object (its frame, the cues considered, the rule that won and why), and a
/// `refused` record for a number a rule ruled out.
public struct ExplanationWriter: Sendable {
  public init() {}

  public func write(_ doc: Document, to buffer: inout [UInt8]) {
    let facts = FactWriter()
    let titles = Dictionary(doc.articles.map { ($0.index, $0.title) }, uniquingKeysWith: { a, _ in a })
    for e in doc.explanations {
      if let k = e.fact {
        let f = doc.facts[k]
        var line = Array(facts.line(f, doc: doc.id, title: titles[f.article] ?? nil).utf8)
        line.removeLast()  // the closing brace
        buffer.append(contentsOf: line)
        buffer.appendUTF8(",\"explain\":")
      } else {
        JSONObjectWriter.write(into: &buffer) { o in
          o.add("doc", doc.id)
          o.add("kind", "refused")
          o.add("number", e.number)
          o.add("span", span: e.numberSpan)
          o.add("rule", e.rule.rawValue)
        }
        buffer.removeLast()
        buffer.appendUTF8(",\"explain\":")
      }
      JSONObjectWriter.write(into: &buffer) { o in
        o.add("rule", e.rule.rawValue)
        o.add("why", e.why)
        o.add("clause", e.clause)
        o.add("segment", e.segment)
        o.add("scope", e.scope)
        o.add("previous", e.previous)
        o.add("distributor", e.distributor)
        o.addArray("candidates", e.candidates) { c, b in
          JSONObjectWriter.write(into: &b) { o in
            o.add("cue", c.term)
            o.add("metric", c.metric.rawValue)
            o.add("rate", c.isRate)
            o.add("place", c.place)
            o.add("span", span: c.span)
          }
        }
      }
      buffer.appendUTF8("}\n")
    }
  }
}
