import Foundation
import Testing
@testable import XFReport

/// Each rule of the table reader on a table written for it: exact kinds, metrics, values,
/// units and spans (the number in its cell, in the markup's code points).
@Suite struct TableReaderTests {
  func facts(_ body: String) throws -> (Document, [String]) {
    let doc = try Fixtures.pipeline.process(RawDocument(name: "t.html", bytes: Array("<html><body>\(body)</body></html>".utf8)), through: .extract)
    let lines = doc.facts.map { f in
      "\(f.rule.rawValue) \(f.kind.rawValue) \(f.metric.rawValue) \(f.value.map { "\($0)" } ?? "null")\(f.unit)\(f.category.map { " " + $0 } ?? "") \(doc.source.text(f.span))"
    }
    return (doc, lines)
  }

  @Test func rowHeaderAndColumnUnits() throws {
    let (doc, f) = try facts("<p>表1 来访情况</p><table><tr><th>类别</th><th>批次</th><th>人次</th></tr><tr><td>到市访</td><td>16</td><td>41</td></tr><tr><td>进京访</td><td>2</td><td>3</td></tr><tr><td>合计</td><td>18</td><td>44</td></tr></table>")
    #expect(f == [
      "table.row_header count to_city 16批次 16", "table.row_header count to_city 41人次 41",
      "table.row_header count to_beijing 2批次 2", "table.row_header count to_beijing 3人次 3",
      "table.total_row count visits 18批次 18", "table.total_row count visits 44人次 44",
    ])
    // The span is the number's, inside its cell.
    let first = try #require(doc.facts.first)
    #expect(doc.source.text(SourceSpan(first.span.start - 4, first.span.end + 5)) == "<td>16</td>")
    #expect(doc.facts.allSatisfy { $0.cell != nil })
  }

  @Test func columnHeaderCaptionUnitAndMonths() throws {
    let (doc, f) = try facts("<h1>2023年信访情况</h1><p>表2 各月信访量（单位：件）</p><table><tr><th>月份</th><th>来信</th><th>来访</th><th>合计</th></tr><tr><td>1月</td><td>20</td><td>35</td><td>55</td></tr><tr><td>2月</td><td>18</td><td>41</td><td>59</td></tr></table>")
    #expect(f == [
      "table.column_header count letters 20件 20", "table.column_header count visits 35件 35", "table.total_row count received 55件 55",
      "table.column_header count letters 18件 18", "table.column_header count visits 41件 41", "table.total_row count received 59件 59",
    ])
    #expect(doc.facts[0].period?.part == .month(1) && doc.facts[0].period?.year == 2023)
    #expect(doc.facts[3].period?.part == .month(2))
  }

  @Test func changeColumn() throws {
    let (_, f) = try facts("<table><tr><th>渠道</th><th>2023年</th><th>同比</th><th>同比增减</th></tr><tr><td>来信</td><td>312件</td><td>-3.7%</td><td>减少12件</td></tr><tr><td>办结率</td><td>96.5%</td><td>提高1.7个百分点</td><td>—</td></tr></table>")
    #expect(f == [
      "table.row_header count letters 312件 312", "table.change_column change letters -3.7% -3.7%", "table.change_column change letters -12件 12",
      "table.row_header rate resolution_rate 96.5% 96.5%", "table.change_column change resolution_rate 1.7pp 1.7",
    ])
  }

  @Test func shareColumnAndCategories() throws {
    let (_, f) = try facts("<table><tr><th>问题类别</th><th>件数</th><th>占比</th></tr><tr><td>土地征收</td><td>30</td><td>60%</td></tr><tr><td>其他</td><td>20</td><td>40%</td></tr><tr><td>合计</td><td>50</td><td>100%</td></tr></table>")
    #expect(f == [
      "table.row_header count received 30件 land 30", "table.share_column share received 60% 60%",
      "table.row_header count received 20件 20", "table.share_column share received 40% 40%",
      "table.total_row count received 50件 50", "table.share_column share received 100% 100%",
    ])
  }

  /// Two numbers in a cell take the caption's two units in order; a table's figures are not
  /// read again as prose.
  @Test func unitsInTheCaptionAndNoDoubleCount() throws {
    let (doc, f) = try facts("<p>表1 集体访（批次/人次）</p><table><tr><th>事项</th><th>2023年</th></tr><tr><td>集体访</td><td>23/410</td></tr><tr><td>越级访</td><td>58/131</td></tr></table><p>全年来信120件。</p>")
    #expect(f == [
      "table.row_header count collective 23批次 23", "table.row_header count collective 410人次 410",
      "table.row_header count leapfrog 58批次 58", "table.row_header count leapfrog 131人次 131", "cue.before count letters 120件 120",
    ])
    #expect(doc.facts.filter { $0.cell == nil }.count == 1)
  }

  /// A layout table (one column, long cells) is prose.
  @Test func layoutTableIsProse() throws {
    let (_, f) = try facts("<table><tr><td>全年受理群众来信来访1200件，其中来信300件。</td></tr><tr><td>办结率98%。</td></tr></table>")
    #expect(f.allSatisfy { !$0.hasPrefix("table.") })
    #expect(f.count == 3)
  }

  /// A table whose rows do not add up to its 合计 row gets a parts_sum finding; one that does, none.
  @Test func totalsAreChecked() throws {
    func findings(_ total: Int) throws -> [Finding] {
      let (doc, _) = try facts("<p>表1 各渠道信访量（单位：件）</p><table><tr><th>渠道</th><th>件数</th></tr><tr><td>来信</td><td>215</td></tr><tr><td>来访</td><td>340</td></tr><tr><td>合计</td><td>\(total)</td></tr></table>")
      return ConsistencyChecker(dictionaries: Fixtures.dictionaries).check(doc)
    }
    #expect(try findings(555).isEmpty)
    let f = try findings(600)
    #expect(f.map(\.rule) == [.partsSum])
    #expect(f.first?.stated == 600 && f.first?.computed == 555)
  }

  @Test func explainNamesTheRule() throws {
    var options = PipelineOptions()
    options.explain = true
    let pipeline = Pipeline(dictionaries: Fixtures.dictionaries, options: options)
    let doc = try pipeline.process(RawDocument(name: "t.html", bytes: Array("<table><tr><th>渠道</th><th>件数</th></tr><tr><td>来信</td><td>215</td></tr><tr><td>来访</td><td>340</td></tr></table>".utf8)), through: .extract)
    #expect(doc.explanations.map(\.rule) == [.tableRowHeader, .tableRowHeader])
    #expect(doc.explanations.map(\.fact) == [0, 1])
    #expect(doc.explanations[0].segment.contains("件数"))
  }
}
