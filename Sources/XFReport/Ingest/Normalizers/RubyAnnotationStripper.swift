/// Drops pinyin readings that scraped pages leave after characters (`信訪舉報(bào)`, `個(gè)百分點(diǎn)`):
/// a ruby annotation flattened to text splits every word it follows, so no cue matches. A
/// reading is a parenthesis right after a Han character holding only pinyin letters with at
/// least one vowel; `(件)`, `(x)` and `(2019)` stay. Offsets keep pointing into the source.
struct RubyAnnotationStripper: Normalizer {
  /// Pinyin letters: a–z, ü and the tone-marked vowels.
  static let letters = BMPSet("abcdefghijklmnopqrstuvwxyzüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".unicodeScalars)
  static let vowels = BMPSet("aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".unicodeScalars)
  /// The longest pinyin syllable (zhuang) plus a margin for two syllables of a word.
  static let maxLength = 12

  func normalize(_ text: consuming NormalizedText) -> NormalizedText {
    var ranges: [Range<Int>] = []
    text.scalars.withUnsafeBufferPointer { s in
      let open = SIMD16<UInt32>(repeating: 0x28)
      var i = 1
      while i < s.count {
        // Most texts hold no ASCII parenthesis at all.
        i = ScalarScan.firstIndex(s, from: i, to: s.count, hits: { $0 .== open }, hit: { $0 == 0x28 })
        guard i < s.count else { break }
        guard s[i - 1].isHan else { i += 1; continue }
        var k = i + 1
        var vowel = false
        while k < s.count, k - i <= Self.maxLength, Self.letters.contains(s[k]) {
          if Self.vowels.contains(s[k]) { vowel = true }
          k += 1
        }
        if vowel, k < s.count, s[k] == ")" {
          ranges.append(i..<(k + 1))
          i = k + 1
        } else {
          i += 1
        }
      }
    }
    guard !ranges.isEmpty else { return text }
    return text.removing(ranges)
  }
}
