extension RandomAccessCollection where Index == Int {
  /// Index of the first element for which `isAfter` holds, all those for which it does not
  /// coming first (a binary search); `endIndex` when there is none. The stages keep their
  /// layers sorted by position and look them up with it.
  func partitioningIndex(where isAfter: (Element) -> Bool) -> Int {
    var lo = startIndex, hi = endIndex
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      if isAfter(self[mid]) { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}
