/// One report of a collection. A file holding `…篇一`, `…篇二` … (or `篇1`, `第一篇`, or the
/// same title line repeated) has one article per heading; text before the first is article 0.
///
/// Ranges are in scalars of ``NormalizedText``.
public struct Article: Sendable {
  public let index: Int
  public let title: String
  public let range: Range<Int>
}

/// A heading inside an article (`一、`, `（一）`, `1、`, `（1）`, `第一，`) and the text it governs.
public struct Section: Sendable {
  public let index: Int
  public let article: Int
  public let level: Int
  public let title: String
  public let range: Range<Int>
}

/// A sentence (UAX #29 sentence boundaries as ICU's sentence break iterator gives them, lines,
/// Chinese sentence punctuation), with the tokens it holds. `range` is in scalars of ``NormalizedText``; `tokens` indexes
/// ``Document/tokens``.
public struct Sentence: Sendable {
  public let index: Int
  public let range: Range<Int>
  public let tokens: Range<Int>
  public let article: Int
  /// Index into ``Document/sections`` of the innermost section, if any.
  public let section: Int?
}

/// Splits normalized text into articles, sections and sentences.
struct StructureParser {
  func articles(_ text: NormalizedText, lines: [Range<Int>]) -> [Article] {
    let s = text.scalars
    var headings: [Range<Int>] = lines.filter { ArticleHeading.isHeading(s, trim($0, s)) }.map { trim($0, s) }
    if headings.isEmpty { headings = repeatedTitles(text, lines) }
    var result: [Article] = []
    let firstStart = headings.first?.lowerBound ?? text.count
    if s[0..<firstStart].contains(where: { !$0.isWhitespaceLike }) || headings.isEmpty {
      result.append(Article(index: 0, title: firstTitle(text, lines, 0..<firstStart), range: 0..<firstStart))
    }
    for (k, h) in headings.enumerated() {
      let end = k + 1 < headings.count ? headings[k + 1].lowerBound : text.count
      result.append(Article(index: k + 1, title: text.string(h), range: h.lowerBound..<end))
    }
    return result
  }

  /// A short title-like line that occurs more than once, each time followed by text, opens an
  /// article each time (collections that repeat the report title instead of numbering).
  private func repeatedTitles(_ text: NormalizedText, _ lines: [Range<Int>]) -> [Range<Int>] {
    let s = text.scalars
    var candidates: [Range<Int>] = []
    var stable = true
    for l in lines {
      let t = trim(l, s)
      guard t.count >= 4, t.count <= 40, !ArticleHeading.containsSentencePunctuation(s, t),
        !s[t].contains(where: { $0 == "，" || $0 == "," }), HeadingMarker.match(s, t) == nil
      else { continue }
      candidates.append(t)
      if stable, !s[t].allSatisfy(Self.isNormalizationStable) { stable = false }
    }
    guard candidates.count >= 2 else { return [] }
    guard stable else {
      // Lines are the same title when their Strings are equal (canonical equivalence).
      var seen: [String: [Range<Int>]] = [:]
      for t in candidates { seen[text.string(t), default: []].append(t) }
      return seen.values.filter { $0.count >= 2 }.max { $0.count < $1.count } ?? []
    }
    // Characters that are their own normal form in any context: Strings of them are equal when
    // their scalars are, so no String is built and hashed (most lines are one of a kind). Of the
    // most repeated titles, the first to occur.
    var groups: [ArraySlice<Unicode.Scalar>: Int] = [:]
    var members: [[Range<Int>]] = []
    for t in candidates {
      if let g = groups[s[t]] {
        members[g].append(t)
      } else {
        groups[s[t]] = members.count
        members.append([t])
      }
    }
    var best: [Range<Int>]? = nil
    for m in members where m.count >= 2 && m.count > (best?.count ?? 0) { best = m }
    return best ?? []
  }

  /// Characters no normalisation changes whatever stands around them (no decomposition, no
  /// combining class, no composition): printable ASCII, CJK punctuation, Han, full-width forms.
  @inline(__always)
  static func isNormalizationStable(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x20...0x7E, 0x2010...0x2027, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: true
    default: false
    }
  }

  private func firstTitle(_ text: NormalizedText, _ lines: [Range<Int>], _ r: Range<Int>) -> String {
    for l in lines where l.lowerBound >= r.lowerBound && l.upperBound <= r.upperBound {
      let t = trim(l, text.scalars)
      if !t.isEmpty { return text.string(t.lowerBound..<min(t.upperBound, t.lowerBound + 60)) }
    }
    return ""
  }

  func sections(_ text: NormalizedText, lines: [Range<Int>], articles: [Article]) -> [Section] {
    let s = text.scalars
    var result: [Section] = []
    // Articles and lines are both in text order: walk the lines once.
    var firstLine = 0
    for a in articles {
      var open: [(level: Int, start: Int, title: String)] = []
      func close(downTo level: Int, at end: Int) {
        while let last = open.last, last.level >= level {
          open.removeLast()
          result.append(Section(index: 0, article: a.index, level: last.level, title: last.title, range: last.start..<end))
        }
      }
      while firstLine < lines.count, lines[firstLine].lowerBound < a.range.lowerBound { firstLine += 1 }
      for l in lines[firstLine...] {
        guard l.upperBound <= a.range.upperBound else { break }
        let t = trim(l, s)
        guard let m = HeadingMarker.match(s, t) else { continue }
        var titleEnd = t.upperBound
        if let stop = s[t].firstIndex(where: ArticleHeading.isSentencePunctuation) { titleEnd = stop }
        close(downTo: m.level, at: t.lowerBound)
        open.append((m.level, t.lowerBound, text.string(t.lowerBound..<min(titleEnd, t.lowerBound + 80))))
      }
      close(downTo: 0, at: a.range.upperBound)
    }
    result.sort { ($0.range.lowerBound, $0.level) < ($1.range.lowerBound, $1.level) }
    return result.enumerated().map { Section(index: $0.offset, article: $0.element.article, level: $0.element.level, title: $0.element.title, range: $0.element.range) }
  }

  /// Sentence ranges: UAX #29 sentence boundaries (`breaks`, as ICU's sentence iterator gives
  /// them), also cut at line starts (`lines`) and article starts, trimmed of whitespace; a bare
  /// list marker (`2.`) is joined to the sentence it numbers.
  func sentenceRanges(_ text: NormalizedText, lines: [Range<Int>], articles: [Article], breaks: [Int32]) -> [Range<Int>] {
    let s = text.scalars
    guard !s.isEmpty else { return [] }
    // The cut positions (a few per line), in order: no pass over every position. Breaks, line
    // starts and article starts each ascend: merged, not sorted.
    var cuts = merged(breaks.map { Int($0) }, lines.dropFirst().map(\.lowerBound))
    cuts = merged(cuts, articles.map(\.range.lowerBound))
    cuts.append(s.count)
    if !cuts.isAscending { cuts.sort() }
    var result: [Range<Int>] = []
    var start = 0
    var pendingMarker: Int? = nil
    for cut in cuts where cut > start {
      let t = trim(start..<cut, s)
      start = cut
      guard !t.isEmpty else { continue }
      if isBareListMarker(s, t) {
        pendingMarker = pendingMarker ?? t.lowerBound
        continue
      }
      if let p = pendingMarker, !s[p..<t.lowerBound].contains("\n") {
        result.append(p..<t.upperBound)
      } else {
        if let p = pendingMarker { result.append(trim(p..<t.lowerBound, s)) }
        result.append(t)
      }
      pendingMarker = nil
    }
    if let p = pendingMarker { result.append(trim(p..<s.count, s)) }
    return result
  }

  /// The elements of `a` and `b`, both ascending, in ascending order.
  private func merged(_ a: [Int], _ b: [Int]) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(a.count + b.count + 1)
    var i = 0, j = 0
    while i < a.count, j < b.count {
      if a[i] <= b[j] {
        result.append(a[i])
        i += 1
      } else {
        result.append(b[j])
        j += 1
      }
    }
    result.append(contentsOf: a[i...])
    result.append(contentsOf: b[j...])
    return result
  }

  private func isBareListMarker(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
    guard r.count <= 3, let last = s[r].last, last == "." else { return false }
    return s[r].dropLast().allSatisfy { $0.isASCIIDigit }
  }

  func trim(_ r: Range<Int>, _ s: [Unicode.Scalar]) -> Range<Int> {
    var lo = r.lowerBound, hi = r.upperBound
    while lo < hi, s[lo].isWhitespaceLike { lo += 1 }
    while hi > lo, s[hi - 1].isWhitespaceLike { hi -= 1 }
    return lo..<hi
  }
}

private extension Array where Element == Int {
  var isAscending: Bool {
    for i in indices.dropFirst() where self[i - 1] > self[i] { return false }
    return true
  }
}
