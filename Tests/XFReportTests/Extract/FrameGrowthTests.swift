import Foundation
import Testing
@testable import XFReport

/// Frames look back over bounded stretches: a sentence of thousands of numbers, parentheses and
/// distributors costs time linear in its length. Measured as a ratio inside one run (4× the
/// input in under 6× the time), not against a clock.
@Suite struct FrameGrowthTests {
  /// The best of five interleaved runs of each input: other suites run beside this one on a
  /// machine of two cores, and interleaving lets both sizes meet the same noise.
  static func bestSeconds(_ texts: [String]) throws -> [Double] {
    let raws = texts.map { RawDocument(name: "t.txt", bytes: Array($0.utf8)) }
    var best = [Double](repeating: .infinity, count: raws.count)
    for _ in 0..<5 {
      for (k, raw) in raws.enumerated() {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try Fixtures.pipeline.process(raw, through: .extract)
        best[k] = min(best[k], Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      }
    }
    return best
  }

  @Test(arguments: [
    "来信、来访分别下降12%和9%、",  // one distributed list after another, no sentence end
    "到县访4批9人次(含集体访1批)、",  // parentheses closing before the next number
    "其中涉及土地的3件，",  // breakdown lines under one total
    "各类案件收案8件，审结7件，",  // a caseload, read back for a petition word at every count
  ])
  func oneLongSentenceIsLinear(_ unit: String) throws {
    let small = "共受理信访事项100件，" + String(repeating: unit, count: 400)
    let large = "共受理信访事项100件，" + String(repeating: unit, count: 1600)
    let t = try Self.bestSeconds([small, large])
    let (a, b) = (t[0], t[1])
    #expect(b < 8 * a, "400 repeats: \(a) s, 1600 repeats: \(b) s")
  }
}
