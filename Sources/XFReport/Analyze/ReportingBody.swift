/// Finds the body a report speaks for (XX县信访局) in its title or a short line at its top: a
/// name ending in a suffix of `bodies.tsv`, read back over a place name (one that holds a
/// character of `body-places.tsv` — 省, 市, 县 … — or a blanked XX) and stopping at one of
/// `body-stops.tsv` (全市法院, all courts of the city, names no body).
struct ReportingBody: Sendable {
  /// The suffixes, longest first, as scalars: compared at every place of the top lines.
  let suffixes: [[Unicode.Scalar]]
  let placeMarkers: Set<Unicode.Scalar>
  let stops: Set<Unicode.Scalar>
  static let maxName = 12
  static let lines = 3
  /// Longer lines are prose, where a body named is usually not the reporting one.
  static let maxLine = 30
  /// A blanked place (XX县, XX信访局) is still a place: templates name their body so.
  static let blanks: Set<Unicode.Scalar> = ["X", "x", "×"]

  init(suffixes: [String], placeMarkers: Set<Unicode.Scalar>, stops: Set<Unicode.Scalar>) {
    self.suffixes = suffixes.map { Array($0.unicodeScalars) }
    self.placeMarkers = placeMarkers.union(Self.blanks)
    self.stops = stops
  }

  init(_ dictionaries: Dictionaries) {
    self.init(suffixes: dictionaries.bodySuffixes, placeMarkers: dictionaries.bodyPlaceMarkers, stops: dictionaries.bodyNameStops)
  }

  static func isNameScalar(_ u: Unicode.Scalar) -> Bool {
    u.properties.isIdeographic || "Xx×*".unicodeScalars.contains(u)
  }

  /// `lines`: the text's ``NormalizedText/lineRanges()``.
  func find(in text: NormalizedText, lines: [Range<Int>], article: Article) -> String? {
    let s = text.scalars
    var seen = 0
    let first = lines.partitioningIndex { $0.lowerBound >= article.range.lowerBound }
    for line in lines[first...] {
      guard line.lowerBound < article.range.upperBound, seen < Self.lines else { break }
      if line.isEmpty { continue }
      seen += 1
      guard line.count <= Self.maxLine else { continue }
      var i = line.lowerBound
      while i < line.upperBound {
        guard let suffix = suffixes.first(where: { s.hasWord(at: i, $0) }) else {
          i += 1
          continue
        }
        let end = i + suffix.count
        var start = i
        while start > line.lowerBound, i - start < Self.maxName, Self.isNameScalar(s[start - 1]), !stops.contains(s[start - 1]) {
          start -= 1
        }
        if i - start >= 2, s[start..<i].contains(where: { placeMarkers.contains($0) }) {
          return text.string(start..<end)
        }
        i = end
      }
    }
    return nil
  }
}
