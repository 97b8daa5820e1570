import Foundation
import Testing
@testable import XFReport

/// Numerals an attacker or a broken scraper writes: values past Int or Decimal, and runs of any
/// length. None may trap, none may leave a fragment of itself as a figure (a value too large is a
/// null with a warning), and time stays linear.
@Suite struct HostileNumeralTests {
  @Test(arguments: [
    "受理来信一亿亿亿亿亿件。",  // 亿 stacked past Int
    "受理来信一二三四五六七八九〇一二三四五六七八九〇件。",  // twenty positional digits
    "受理来信5万亿亿亿亿亿件。",  // scales stacked past Decimal
    "受理来信123456789012345678901234567890123456789件。",  // more digits than Decimal holds
  ])
  func tooLargeIsANullAndNoTrap(_ text: String) throws {
    let doc = try Fixtures.process(text)
    // One fact for the whole run, with no value: never a wrapped value, NaN, 0 or a tail of it.
    #expect(doc.facts.count == 1)
    #expect(doc.facts.allSatisfy { $0.value == nil && $0.tooLarge && !$0.placeholder && $0.range.lowerBound == 4 })
    #expect(doc.warnings.map(\.code) == ["XF-W003"])
  }

  @Test func aNumeralStillReadsAfterAWordThatEndsInOne() throws {
    // 统一 ends in 一: the number starts after it.
    #expect(try Fixtures.process("统一二十件信访事项已办结。").facts.first?.value == 20)
  }

  /// A run of numeral characters costs about what ordinary text of the same length costs (it was
  /// quadratic: 32,000 characters took 27 s; within 10× here, where a quadratic scan of 100,000
  /// would be thousands of times slower). A ratio measured inside one run, not against a clock;
  /// growth with size is checked for frames in FrameGrowthTests.
  @Test(arguments: ["一", "一二", "7", "十万"])
  func longRunsAreLinear(_ unit: String) throws {
    let n = 100_000 / unit.unicodeScalars.count
    let t = try FrameGrowthTests.bestSeconds([
      String(repeating: unit, count: n) + "件。",
      String(repeating: "甲乙", count: 50_000) + "件。",
    ])
    #expect(t[0] < 10 * t[1], "\(n) repeats: \(t[0]) s, as much plain text: \(t[1]) s")
  }

}
