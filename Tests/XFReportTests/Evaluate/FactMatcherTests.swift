import Foundation
import Testing
@testable import XFReport

/// Gold units are classed through units.tsv, read as score_facts.py reads them.
@Suite struct FactMatcherTests {
  @Test func goldUnitsReadAsThePlainUnit() {
    let expected = [
      "件": "items", "件次": "items", "個": "items", "件(人)次": "items", "件(批)": "items", "(件)批": "batches", "批（次）": "batches",
      " 件\u{3000}": "items", "人次": "person_visits", "戶": "persons", "次": "times", "%": "%", "％": "%", "pp": "pp",
      "个百分点": "pp", "万元": "万元", "件人次": "person_visits", "": "",
    ]
    for (unit, key) in expected { #expect(FactMatcher.goldUnitKey(unit, dictionaries: Fixtures.dictionaries) == key, "\(unit)") }
  }

  @Test func goldUnitsPairThroughTheTable() throws {
    let doc = try Fixtures.process("来信12件，来访30件次。")
    let run = doc.facts.map { FactMatcher.RunFact(doc: "t.txt", fact: $0) }
    func gold(_ offset: Int, _ value: Double, _ unit: String) -> GoldFact {
      GoldFact(doc: "t.txt", kind: .count, metric: "letters", value: value, unit: unit, offset: offset, placeholder: false, category: nil, quote: "")
    }
    let d = Fixtures.dictionaries
    #expect(FactMatcher.score(gold: [gold(2, 12, "個"), gold(8, 30, "件(人)次")], run: run, dictionaries: d).pairs == 2)
    #expect(FactMatcher.score(gold: [gold(2, 12, "批")], run: run, dictionaries: d).pairs == 0)
  }

  /// A unit a user's units.tsv adds is classed for scoring as for everything else.
  @Test func userUnitsClassGoldUnits() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-units-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "unit\tclass\n宗次\titems\n".write(to: dir.appendingPathComponent("units.tsv"), atomically: true, encoding: .utf8)
    let d = try Dictionaries.load(builtIn: Fixtures.packageRoot.appendingPathComponent("Dictionaries").path, user: [dir.path])
    #expect(FactMatcher.goldUnitKey("宗次", dictionaries: d) == "items")
    #expect(FactMatcher.goldUnitKey("宗次", dictionaries: Fixtures.dictionaries) == "宗次")
  }
}
