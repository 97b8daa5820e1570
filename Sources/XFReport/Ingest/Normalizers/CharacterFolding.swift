import CICU
import Foundation

/// Folds characters one for one, so offsets do not move: full-width ASCII to half-width
/// (４６ → 46, ％ → %; not the comma), the ideographic space to a space, NBSP to a space, and traditional
/// Han characters to simplified (ICU `Hant-Hans`), so that reports from Hong Kong, Taiwan or
/// older archives match the same lexicon.
struct CharacterFolding: Normalizer {
  var foldTraditional = true
  /// The mapping from `hant-hans.tsv`; without it, ICU's transliterator is asked per character.
  var preset: HanTable? = nil

  /// Width folding of a string (no traditional mapping), for dictionary patterns.
  static func fold(_ s: String) -> String {
    let text = NormalizedText(identity: SourceText(s))
    return CharacterFolding(foldTraditional: false).normalize(text).string
  }

  /// The width-folded characters (NBSP, the ideographic space, full-width ASCII but the comma).
  private static let widthFolded: BMPSet = {
    var set = BMPSet()
    set.insert(0xA0)
    set.insert(0x3000)
    for v in UInt32(0xFF01)...0xFF5E where v != 0xFF0C { set.insert(v) }
    return set
  }()

  /// The BMP characters of `isHan`.
  private static let hanBMP: BMPSet = {
    var set = BMPSet()
    for r in [UInt32(0x3400)...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF] {
      for v in r { set.insert(v) }
    }
    return set
  }()

  /// The BMP characters the pass changes or looks up in `table`, as the words of one bitmap
  /// (a superset: each is then decided as before). From U+3400 on, the table's changed ones
  /// and the Han characters it does not know; below, the width-folded ones only.
  private func attention(_ table: HanTable) -> [UInt64] {
    var bits = Self.widthFolded.words
    guard foldTraditional else { return bits }
    let changed = table.changed.words, known = table.known.words, han = Self.hanBMP.words
    for w in (0x3400 >> 6)..<bits.count { bits[w] |= changed[w] | (~known[w] & han[w]) }
    return bits
  }

  func normalize(_ text: consuming NormalizedText) -> NormalizedText {
    // Owned: folded in place, without a copy of the text.
    var out = consume text
    let han = HanConverter.shared
    // A snapshot: other threads may add characters to the shared table meanwhile.
    let table = foldTraditional ? (preset ?? han.table) : HanTable()
    // Han characters the table does not know yet (their first document): converted in one
    // batch after the pass.
    var unknown: [Int] = []
    let attention = attention(table)
    // The bitmaps' words read directly: this runs for every character.
    attention.withUnsafeBufferPointer { attention in
      table.known.words.withUnsafeBufferPointer { known in
        table.changed.words.withUnsafeBufferPointer { changed in
          out.scalars.withUnsafeMutableBufferPointer { buf in
            for i in buf.indices {
              let v = buf[i].value
              // Most characters are left alone: one bit test says so.
              guard v < 0x10000, attention[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 else { continue }
              if v < 0x3400 {
                if v == 0x3000 || v == 0xA0 { buf[i] = " " }
              } else if v >= 0xFF01 && v <= 0xFF5E {
                // The full-width comma stays: folded to `,` it would read as a thousands separator (46，300).
                if v != 0xFF0C { buf[i] = Unicode.Scalar(v - 0xFEE0)! }
              } else if foldTraditional {
                let w = Int(v >> 6), bit = UInt64(1) << UInt64(v & 63)
                if changed[w] & bit != 0 {
                  if let s = table.simplified(v) { buf[i] = s }
                } else if known[w] & bit == 0, buf[i].isHan {
                  unknown.append(i)
                }
              }
            }
          }
        }
      }
    }
    guard !unknown.isEmpty else { return out }
    var seen = Set<UInt32>()
    han.prepare(unknown.map { out.scalars[$0].value }.filter { seen.insert($0).inserted })
    let known = han.table
    for i in unknown {
      if let s = known.simplified(out.scalars[i].value) { out.scalars[i] = s }
    }
    return out
  }
}

/// The Hant-Hans mapping of the BMP characters converted so far, small enough to stay in cache
/// while it is read for every Han character of a text.
struct HanTable: Sendable {
  /// Characters converted so far.
  var known = BMPSet()
  /// Those whose simplified form differs, and that form.
  var changed = BMPSet()
  var simplifiedForms: [UInt32: UInt32] = [:]

  /// The simplified form of a known character, if it differs.
  @inline(__always)
  func simplified(_ v: UInt32) -> Unicode.Scalar? {
    guard changed.contains(v), let m = simplifiedForms[v] else { return nil }
    return Unicode.Scalar(m)
  }
}

/// Process-wide cache of ICU's Hant-Hans mapping for single characters. Characters are
/// converted in batches the first time a document contains them.
final class HanConverter: @unchecked Sendable {
  static let shared = HanConverter()

  private let lock = NSLock()
  private var state = HanTable()
  private var transliterator: OpaquePointer?
  private var failed = false

  /// The mapping so far.
  var table: HanTable {
    lock.lock()
    defer { lock.unlock() }
    return state
  }

  /// Adds the BMP Han characters `chars` (distinct, in order of first occurrence) to the table.
  func prepare(_ chars: [UInt32]) {
    lock.lock()
    defer { lock.unlock() }
    let missing = chars.filter { !state.known.contains($0) }
    guard !missing.isEmpty else { return }
    let converted = convert(missing)
    for (k, v) in zip(missing, converted) where v != 0 {
      state.known.insert(k)
      if v != k {
        state.changed.insert(k)
        state.simplifiedForms[k] = v
      }
    }
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
