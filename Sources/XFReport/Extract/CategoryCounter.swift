/// Counts, per article, the mentions of issue categories (facts.md §4.1; breakdown ids of §4.2
/// are not issue categories).
struct CategoryCounter {
  func count(_ doc: Document, occurrences: [CueLexicon<String>.Occurrence]) -> [CategoryMention] {
    var result: [CategoryMention] = []
    for a in doc.articles {
      var counts: [String: Int] = [:]
      // Occurrences are sorted by start: those starting in the article are one run of them,
      // found by binary search rather than a scan of the document per article.
      let lo = occurrences.partitioningIndex { $0.range.lowerBound >= a.range.lowerBound }
      for o in occurrences[lo...] {
        guard o.range.lowerBound < a.range.upperBound else { break }
        if !isBreakdown(o.value) { counts[o.value, default: 0] += 1 }
      }
      for (c, n) in counts.sorted(by: { $0.key < $1.key }) {
        result.append(CategoryMention(article: a.index, category: c, mentions: n))
      }
    }
    return result
  }
}
