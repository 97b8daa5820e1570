import Foundation

/// A finding in Chinese for the HTML report, from its fields (the English `message` stays in
/// CSV, JSON and SQLite, where scripts read it).
enum FindingText {
  static func chinese(_ f: Finding) -> String {
    func n(_ v: Decimal?) -> String { v.map(FactWriter.number) ?? "—" }
    func figure(_ role: String) -> Finding.Figure? { f.figures.first { $0.role == role } }
    let metric = f.metric.map(Labels.metric) ?? ""
    switch f.rule {
    case .rateMismatch:
      let num = figure("numerator"), den = figure("denominator")
      return "\(metric)表述为\(n(f.stated))%，但按\(n(num?.value))/\(n(den?.value))计算为\(n(f.computed))%"
    case .changeMismatch:
      return "\(metric)表述变化\(n(f.stated))%，但由\(n(figure("from")?.value))到\(n(figure("to")?.value))计算为\(n(f.computed))%"
    case .partsSum:
      let parts = f.figures.filter { $0.role == "part" }.map { FactWriter.number($0.value) }.joined(separator: "+")
      let unit = figure("total")?.unit ?? ""
      return "分项\(parts)合计\(n(f.computed))\(unit)，与所述总数\(n(f.stated))\(unit)不符"
    case .impossibleValue:
      if let batches = figure("batches"), let people = figure("people") {
        return "\(metric)\(n(batches.value))\(batches.unit)，人数却只有\(n(people.value))\(people.unit)：人数少于批次"
      }
      let g = f.figures.first
      let why = g?.role == "change" ? "降幅超过100%" : g?.role == "share" ? "占比超过100%" : "比率超过100%"
      return "\(metric)\(n(f.stated))\(g?.unit == "%" ? "%" : g?.unit ?? "")：\(why)"
    case .copyConflict:
      let copy = figure("copy"), original = figure("original")
      let place = f.original.map { "\($0.doc)第\($0.article)篇" } ?? original?.doc ?? "另一份"
      return "\(metric)此处为\(n(copy?.value))\(copy?.unit ?? "")，而\(place)的同一段文字为\(n(original?.value))\(original?.unit ?? "")"
    }
  }
}
