/// The facts of one article, in document order, grouped once per document for both the checks
/// and the summary (each grouped and copied them, and derived the rates, on its own).
struct ArticleFacts {
  /// The article's ``Article/index``.
  let article: Int
  /// Indices of the facts in ``Document/facts``.
  let indices: [Int]
  let facts: [Fact]
  /// The rates ``RateDerivation`` works out from the article's counts.
  let derivedRates: [DerivedRate]

  /// One entry per article of `doc`, in order.
  static func all(of doc: Document) -> [ArticleFacts] {
    // Facts come in runs of one article (in text order): a lookup per run, not per fact.
    var runs: [Int: [Range<Int>]] = [:]
    var start = 0
    for k in doc.facts.indices where k + 1 == doc.facts.count || doc.facts[k + 1].article != doc.facts[k].article {
      runs[doc.facts[k].article, default: []].append(start..<(k + 1))
      start = k + 1
    }
    let derivation = RateDerivation(doc: doc)
    return doc.articles.map { a in
      let indices = (runs[a.index] ?? []).flatMap { $0 }
      let facts = indices.map { doc.facts[$0] }
      return ArticleFacts(article: a.index, indices: indices, facts: facts, derivedRates: derivation.derive(article: facts, indices: indices))
    }
  }
}
