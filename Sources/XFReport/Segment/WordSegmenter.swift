/// Words: ICU's word break iterator (locale zh), then numbers recognised on the character
/// stream, then the domain lexicon, which merges ICU tokens into its longest entry.
///
/// Priority at each position: a number, unless a lexicon entry is longer; then the longest
/// lexicon entry; otherwise the ICU segment, cut where a number or lexicon entry begins.
struct WordSegmenter {
  let lexicon: DomainLexicon
  let numbers: NumberRecognizer

  /// `bounds`/`statuses` are ICU's word segments of `text` (see ``BreakIterator/withSegments(_:_:)``).
  func segment(_ text: NormalizedText, bounds: UnsafeBufferPointer<Int32>, statuses: UnsafeBufferPointer<Int32>) -> (tokens: [Token], numbers: [NumberMatch]) {
    segment(text.scalars, bounds: bounds, statuses: statuses)
  }

  func segment(_ scalars: [Unicode.Scalar], bounds: UnsafeBufferPointer<Int32>, statuses: UnsafeBufferPointer<Int32>) -> (tokens: [Token], numbers: [NumberMatch]) {
    let found = numbers.find(in: scalars)
    return (segment(scalars, bounds: bounds, statuses: statuses, numbers: found), found)
  }

  /// The tokens, with the numbers already found in `scalars`.
  func segment(_ scalars: [Unicode.Scalar], bounds: UnsafeBufferPointer<Int32>, statuses: UnsafeBufferPointer<Int32>, numbers found: [NumberMatch]) -> [Token] {
    let n = scalars.count
    guard n > 0 else { return [] }
    // Unsafe buffers: this loop runs once per token, and bounds checks and retains of the
    // arrays cost as much as its logic. The tokens are a local of the closure: appending to a
    // captured array checked its uniqueness per token.
    let tokens = scalars.withUnsafeBufferPointer { s in
      found.withUnsafeBufferPointer { found in
        var tokens: [Token] = []
        tokens.reserveCapacity(bounds.count + found.count)
        var seg = 0  // index of the ICU segment containing `pos`
        var segStart = 0
        var nextNumber = 0
        var pos = 0
        while pos < n {
          while seg < bounds.count, Int(bounds[seg]) <= pos {
            segStart = Int(bounds[seg])
            seg += 1
          }
          let segEnd = seg < bounds.count ? Int(bounds[seg]) : n
          let status = seg < statuses.count ? statuses[seg] : 0
          while nextNumber < found.count, found[nextNumber].range.lowerBound < pos { nextNumber += 1 }
          let numberStart = nextNumber < found.count ? found[nextNumber].range.lowerBound : n
          // Only entries of two or more merge anything (a shorter one never outranks a number).
          let lex = lexicon.longMatch(s, at: pos, limit: n)
          let lexLength = lex?.length ?? 0

          if numberStart == pos, lexLength <= found[nextNumber].range.count {
            let r = found[nextNumber].range
            tokens.append(Token(number: r, placeholder: found[nextNumber].isPlaceholder, pieces: pieces(r, bounds, from: seg)))
            pos = r.upperBound
            continue
          }
          if let lex {
            let r = pos..<(pos + lex.length)
            tokens.append(
              r == segStart..<segEnd
                ? Token(icu: r, kind: .ideographic, split: false)
                : Token(lexicon: r, term: lexicon.term(lex.id), pieces: pieces(r, bounds, from: seg)))
            pos = r.upperBound
            continue
          }
          // The rest of the ICU segment, cut at the next number or lexicon entry inside it.
          var end = min(segEnd, numberStart > pos ? numberStart : segEnd)
          let statusKind = TokenKind.fromStatus(status)
          var kind = statusKind ?? TokenKind.classify(s[pos..<end])
          if kind == .ideographic || kind == .letter {
            var k = pos + 1
            while k < end {
              if lexicon.longMatch(s, at: k, limit: n) != nil {
                end = k
                // A kind read from the characters (not from the status) may change with the cut.
                if statusKind == nil { kind = TokenKind.classify(s[pos..<end]) }
                break
              }
              k += 1
            }
          }
          tokens.append(Token(icu: pos..<end, kind: kind, split: pos != segStart || end != segEnd))
          pos = end
        }
        return tokens
      }
    }
    return tokens
  }

  /// The word boundaries (every token's start and end, ascending) that segmenting `s[window]`
  /// on its own gives, as indices into `s`: for a reader that needs the words around a few
  /// places, not the whole text.
  func boundaries(_ s: [Unicode.Scalar], in window: Range<Int>, iterator: BreakIterator) -> [Int] {
    let local = Array(s[window])
    let tokens = iterator.withSegments(local[...]) { bounds, statuses in segment(local, bounds: bounds, statuses: statuses).tokens }
    var result = [window.lowerBound]
    result.reserveCapacity(tokens.count + 1)
    for t in tokens { result.append(window.lowerBound + t.range.upperBound) }
    return result
  }

  /// Whether `r` is one word of `s[from..<limit]` segmented on its own, when the lexicon and the
  /// numbers (`numbers`, sorted) decide it without ICU; nil when ICU's boundaries are needed.
  /// ``segment(_:bounds:statuses:)`` cuts an ICU segment wherever a lexicon entry or a number
  /// begins, so the tokens that begin there, and what they cover, do not depend on ICU: walking
  /// from `from` over those places alone finds whether one of them covers `r`'s start or is `r`.
  func lexicalWord(_ r: Range<Int>, in s: [Unicode.Scalar], from: Int, limit: Int, numbers: [NumberMatch]) -> Bool? {
    var k = numbers.partitioningIndex { $0.range.lowerBound >= from }
    var pos = from
    while pos <= r.lowerBound {
      // Kana segments (ICU status 300–399) are not cut at lexicon entries: ICU decides.
      if (0x3040...0x30FF).contains(s[pos].value) || (0x31F0...0x31FF).contains(s[pos].value) { return nil }
      while k < numbers.count, numbers[k].range.lowerBound < pos { k += 1 }
      let lexLength = lexicon.longMatch(s, at: pos, limit: limit)?.length ?? 0
      var end = pos
      if k < numbers.count, numbers[k].range.lowerBound == pos, lexLength <= numbers[k].range.count {
        end = numbers[k].range.upperBound
      } else if lexLength > 0 {
        end = pos + lexLength
      }
      if end == pos {
        // No lexicon entry or number begins here: ICU's segments decide where words begin.
        if pos == r.lowerBound { return nil }
        pos += 1
        continue
      }
      if pos == r.lowerBound { return end == r.upperBound ? true : end > r.upperBound ? false : nil }
      if end > r.lowerBound { return false }
      pos = end
    }
    return nil
  }

  /// How many ICU segments (or parts of them) a merged range covers; `bounds[first]` is the
  /// first boundary after its start.
  private func pieces(_ r: Range<Int>, _ bounds: UnsafeBufferPointer<Int32>, from first: Int) -> Int {
    var lo = first
    var count = 1
    while lo < bounds.count, Int(bounds[lo]) < r.upperBound { count += 1; lo += 1 }
    return count
  }
}
