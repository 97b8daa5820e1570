/// What several writers render the same way for one document, made once when first asked
/// for. One per document's render step, used on that step's thread only.
public final class SharedRendering {
  private let document: DocumentAnalysis
  private var facts: FactLines?

  init(_ document: DocumentAnalysis) { self.document = document }

  /// Each fact as the JSON object of facts.jsonl and documents.json.
  var factLines: FactLines {
    if let facts { return facts }
    let made = FactLines(document)
    facts = made
    return made
  }
}

/// A document's facts in the interchange form of facts.md plus analyze's keys (rule, article,
/// title, period, evidence span, duplicate_of), one JSON object per fact.
struct FactLines {
  private var bytes: [UInt8] = []
  /// End of each fact's object in `bytes`.
  private var ends: [Int] = []
  private var marks: [FactWriter.FieldMarks] = []

  init(_ d: DocumentAnalysis) {
    let writer = FactWriter()
    bytes.reserveCapacity(d.facts.count * 420)
    ends.reserveCapacity(d.facts.count)
    marks.reserveCapacity(d.facts.count)
    let doc = JSONLiteral(d.doc)
    var title: (article: Int, literal: JSONLiteral)? = nil
    let scratch = ByteScratch()
    // Through pointers: a Fact copied per fact cost more than its bytes.
    d.facts.withUnsafeBufferPointer { facts in
      for k in facts.indices {
        let f = facts.baseAddress! + k
        let article = f.pointee.article
        if title?.article != article { title = (article, JSONLiteral(d.title(ofArticle: article))) }
        var m = writer.appendAnalysisLine(f, doc: doc, title: title!.literal, duplicateOf: d.factDuplicateOf[k], scratch: scratch, to: &bytes)
        let start = k == 0 ? 0 : ends[k - 1]
        m.afterDoc -= start
        m.articleAndTitle = (m.articleAndTitle.lowerBound - start)..<(m.articleAndTitle.upperBound - start)
        marks.append(m)
        ends.append(bytes.count)
      }
    }
  }

  /// Appends fact `k`'s object.
  func append(_ k: Int, to out: inout [UInt8]) {
    out.append(contentsOf: bytes[(k == 0 ? 0 : ends[k - 1])..<ends[k]])
  }

  /// Appends fact `k`'s object without `doc`, `article` and `title`: in documents.json the fact
  /// sits inside its document and article, which state them (a fifth of the file was their
  /// repetition).
  func appendNested(_ k: Int, to out: inout [UInt8]) {
    let start = k == 0 ? 0 : ends[k - 1], m = marks[k]
    out.append(UInt8(ascii: "{"))
    out.append(contentsOf: bytes[(start + m.afterDoc + 1)..<(start + m.articleAndTitle.lowerBound)])
    out.append(contentsOf: bytes[(start + m.articleAndTitle.upperBound)..<ends[k]])
  }
}
