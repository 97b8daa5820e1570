/// A one-permutation MinHash sketch of a text's character shingles: each shingle hash falls in
/// one of `slots` bins and a bin keeps its smallest hash, so a sketch costs one hash per shingle.
/// The share of equal bins estimates the Jaccard similarity of two shingle sets. Hashes are
/// fixed (not Swift's seeded `Hasher`) so that reruns give the same groups.
public struct MinHash: Sendable, Equatable {
  public let slots: [UInt32]
  /// Number of shingles sketched (with repeats), to estimate containment.
  public let shingles: Int
  /// Hash of the shingles in order: equal for texts of the same letters and digits, and, unlike
  /// the bins, different for texts that differ anywhere (see ``DuplicateIndex``'s exact path).
  public let digest: UInt64

  /// Characters per shingle. Five Han characters are rarely shared by chance.
  public static let shingleLength = 5
  static let empty = UInt32.max

  /// Sketch of the letters and digits of `text` (punctuation and spaces do not count, so a
  /// re-punctuated copy still matches). nil when the text has fewer than `minShingles` shingles.
  /// `slots` must be a power of two.
  public init?(_ text: some Collection<Unicode.Scalar>, slots count: Int, minShingles: Int = 8) {
    let hashes = ShingleHashes(text)
    guard let sketch = hashes.sketch(0..<text.count, slots: count, minShingles: minShingles) else { return nil }
    self = sketch
  }

  /// Sketch of the `n` shingle hashes from `start` (fewer than `minShingles`: nil).
  fileprivate init?(hashes: [UInt64], from start: Int, shingles n: Int, slots count: Int, minShingles: Int) {
    precondition(count > 0 && count & (count - 1) == 0)
    guard n >= minShingles else { return nil }
    var mins = [UInt32](repeating: Self.empty, count: count)
    let shift = UInt64(64 - count.trailingZeroBitCount)
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    if n > 0 {
      hashes.withUnsafeBufferPointer { hashes in
        mins.withUnsafeMutableBufferPointer { mins in
          for h in hashes[start..<(start + n)] {
            let bin = count == 1 ? 0 : Int(h >> shift)
            let v = UInt32(truncatingIfNeeded: h) & 0x7fff_ffff
            if v < mins[bin] { mins[bin] = v }
            digest = (digest ^ h) &* 0x100_0000_01b3
          }
        }
      }
    }
    slots = mins
    shingles = n
    self.digest = Self.mix(digest ^ UInt64(bitPattern: Int64(n)))
  }

  /// Letters and digits count; punctuation and spaces do not. Han and ASCII are decided without
  /// a property lookup.
  @inline(__always) static func counts(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    if v < 0x80 { return (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) }
    if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) { return true }
    if (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFF0F) || (v >= 0x2000 && v <= 0x206F) { return false }
    return u.properties.isAlphabetic || u.properties.numericType != nil
  }

  /// splitmix64's finaliser.
  @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// Estimated Jaccard similarity: equal bins over bins that either sketch fills.
  public func similarity(_ other: MinHash) -> Double {
    // Compared for every candidate of every lookup: a plain loop over the two buffers.
    var same = 0, used = 0
    slots.withUnsafeBufferPointer { a in
      other.slots.withUnsafeBufferPointer { b in
        for i in 0..<min(a.count, b.count) {
          let x = a[i], y = b[i]
          if x != Self.empty || y != Self.empty {
            used &+= 1
            if x == y { same &+= 1 }
          }
        }
      }
    }
    return used == 0 ? 0 : Double(same) / Double(used)
  }

  /// Estimated share of this text's shingles that occur in `other` (1 when this text is a part
  /// of the other), from the Jaccard estimate and the two sizes.
  public func containment(in other: MinHash) -> Double { containment(in: other, similarity: similarity(other)) }

  /// ``containment(in:)`` from a similarity already estimated.
  func containment(in other: MinHash, similarity j: Double) -> Double {
    let inter = j / (1 + j) * Double(shingles + other.shingles)
    return min(1, inter / Double(shingles))
  }

  /// Hash of the bins of one band, the locality-sensitive key under which a sketch is filed.
  func bandKey(_ band: Int, rows: Int) -> UInt64 {
    var h: UInt64 = UInt64(band + 1) &* 0x9e37_79b9_7f4a_7c15
    for s in (band * rows)..<((band + 1) * rows) { h = Self.mix(h ^ UInt64(slots[s])) }
    return h
  }
}

/// The mixed hash of every shingle of a text, computed once so that the sketches of its parts
/// (an article, each of its lines) need not filter and hash the same characters again. A part's
/// sketch takes the shingles that lie wholly inside it, as if the part were sketched alone.
struct ShingleHashes {
  /// Offsets in the text of the scalars that count, ascending.
  private var positions: [Int32] = []
  /// `hashes[i]`: the shingle that starts at the `i`-th scalar that counts.
  private var hashes: [UInt64] = []

  init(_ text: some Collection<Unicode.Scalar>) {
    let count = text.count
    precondition(count <= Int32.max && MinHash.shingleLength == 5)
    var counted = 0, shingles = 0
    positions = [Int32](unsafeUninitializedCapacity: count) { positions, initialized in
      hashes = [UInt64](unsafeUninitializedCapacity: count) { hashes, hashed in
        // The shingle's first four scalars, oldest first, before the current one (its fifth).
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
        var offset: Int32 = 0
        for u in text {
          defer { offset &+= 1 }
          guard MinHash.counts(u) else { continue }
          let v = UInt64(u.value)
          positions[counted] = offset
          counted &+= 1
          if counted >= 5 {
            let prime: UInt64 = 0x100_0000_01b3
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            h = (h ^ w0) &* prime
            h = (h ^ w1) &* prime
            h = (h ^ w2) &* prime
            h = (h ^ w3) &* prime
            h = (h ^ v) &* prime
            hashes[shingles] = MinHash.mix(h)
            shingles &+= 1
          }
          (w0, w1, w2, w3) = (w1, w2, w3, v)
        }
        hashed = shingles
      }
      initialized = counted
    }
  }

  /// Sketch of the text's offsets `range`.
  func sketch(_ range: Range<Int>, slots: Int, minShingles: Int) -> MinHash? {
    let start = positions.partitioningIndex { $0 >= range.lowerBound }
    let end = positions.partitioningIndex { $0 >= range.upperBound }
    return MinHash(hashes: hashes, from: start, shingles: end - start - MinHash.shingleLength + 1, slots: slots, minShingles: minShingles)
  }
}
