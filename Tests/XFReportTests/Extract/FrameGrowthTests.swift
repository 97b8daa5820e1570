import Foundation
import Testing
@testable import XFReport

/// Frames look back over bounded stretches: a sentence of thousands of numbers, parentheses and
/// distributors costs time linear in its length. Measured as a ratio inside one run (4× the
/// input in under 6× the time), not against a clock.
@Suite struct FrameGrowthTests {
  static func seconds(_ text: String) throws -> Double {
    let raw = RawDocument(name: "t.txt", bytes: Array(text.utf8))
    var best = Double.infinity
    for _ in 0..<3 {
      let start = DispatchTime.now().uptimeNanoseconds
      _ = try Fixtures.pipeline.process(raw, through: .extract)
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
  }

  @Test(arguments: [
    "来信、来访分别下降12%和9%、",  // one distributed list after another, no sentence end
    "到县访4批9人次(含集体访1批)、",  // parentheses closing before the next number
    "其中涉及土地的3件，",  // breakdown lines under one total
  ])
  func oneLongSentenceIsLinear(_ unit: String) throws {
    let small = "共受理信访事项100件，" + String(repeating: unit, count: 400)
    let large = "共受理信访事项100件，" + String(repeating: unit, count: 1600)
    let a = try Self.seconds(small), b = try Self.seconds(large)
    #expect(b < 6 * a, "400 repeats: \(a) s, 1600 repeats: \(b) s")
  }
}
