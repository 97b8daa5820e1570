import CICU
import Foundation

/// Folds characters one for one, so offsets do not move: full-width ASCII to half-width
/// (４６ → 46, ％ → %; not the comma), the ideographic space to a space, NBSP to a space, and traditional
/// Han characters to simplified (ICU `Hant-Hans`), so that reports from Hong Kong, Taiwan or
/// older archives match the same lexicon.
struct CharacterFolding: Normalizer {
  var foldTraditional = true

  /// Width folding of a string (no traditional mapping), for dictionary patterns.
  static func fold(_ s: String) -> String {
    let text = NormalizedText(identity: SourceText(s))
    return CharacterFolding(foldTraditional: false).normalize(text).string
  }

  func normalize(_ text: NormalizedText) -> NormalizedText {
    var out = text
    if foldTraditional { HanConverter.shared.prepare(text.scalars) }
    let han = HanConverter.shared
    for i in 0..<out.scalars.count {
      let c = out.scalars[i]
      let v = c.value
      // The full-width comma stays: folded to `,` it would read as a thousands separator (46，300).
      if v >= 0xFF01 && v <= 0xFF5E && v != 0xFF0C {
        out.scalars[i] = Unicode.Scalar(v - 0xFEE0)!
      } else if v == 0x3000 || v == 0xA0 {
        out.scalars[i] = " "
      } else if foldTraditional, v >= 0x3400, v < 0x10000, let s = han.simplified(v) {
        out.scalars[i] = s
      }
    }
    return out
  }
}

/// Process-wide cache of ICU's Hant-Hans mapping for single characters. Characters are
/// converted in batches the first time a document contains them.
final class HanConverter: @unchecked Sendable {
  static let shared = HanConverter()

  private let lock = NSLock()
  /// 0 = not yet known; otherwise the simplified scalar value (itself when unchanged).
  private var table = [UInt32](repeating: 0, count: 0x10000)
  private var transliterator: OpaquePointer?
  private var failed = false

  func simplified(_ v: UInt32) -> Unicode.Scalar? {
    let m = table[Int(v)]
    return m != 0 && m != v ? Unicode.Scalar(m) : nil
  }

  /// Makes sure every BMP Han character of `scalars` is in the table.
  func prepare(_ scalars: [Unicode.Scalar]) {
    var missing: [UInt32] = []
    var seen = Set<UInt32>()
    for s in scalars where s.value >= 0x3400 && s.value < 0x10000 && s.isHan && table[Int(s.value)] == 0 {
      if seen.insert(s.value).inserted { missing.append(s.value) }
    }
    guard !missing.isEmpty else { return }
    lock.lock()
    defer { lock.unlock() }
    missing.removeAll { table[Int($0)] != 0 }
    guard !missing.isEmpty else { return }
    let converted = convert(missing)
    for (k, v) in zip(missing, converted) { table[Int(k)] = v }
  }

  /// Converts each character on its own (joined by newlines, so no rule spans two of them).
  private func convert(_ chars: [UInt32]) -> [UInt32] {
    if transliterator == nil && !failed {
      var status: Int32 = 0
      transliterator = xf_translit_open("Hant-Hans", &status)
      if transliterator == nil { failed = true }
    }
    guard let t = transliterator else { return chars }
    var units: [UInt16] = []
    for c in chars {
      units.append(UInt16(c))
      units.append(0x0A)
    }
    let capacity = units.count * 2 + 16
    var buf = units + [UInt16](repeating: 0, count: capacity - units.count)
    var status: Int32 = 0
    let n = xf_translit_run(t, &buf, Int32(units.count), Int32(capacity), &status)
    guard n >= 0 else { return chars }
    let pieces = buf[0..<Int(n)].split(separator: 0x0A, omittingEmptySubsequences: false)
    guard pieces.count >= chars.count else { return chars }
    return zip(chars, pieces).map { c, p in p.count == 1 ? UInt32(p.first!) : c }
  }
}
