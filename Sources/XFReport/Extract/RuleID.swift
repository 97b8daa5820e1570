/// The names of the attribution rules (which metric and kind a quantity gets), as written in
/// outputs (`rule`), `--explain` and tests. Names are stable ids: rename one in one commit
/// with its tests.
public enum RuleID: String, Sendable, CaseIterable, Codable {
  /// A metric cue in the quantity's own stretch of the clause, before it: 来信56件.
  case cueBefore = "cue.before"
  /// A collective-visit cue outranks a destination beside it: 到市集访12批 → collective.
  case collectiveOverDestination = "cue.collective_over_destination"
  /// A destination or channel outranks the generic total in one subject: 到省信访局信访量13件 → to_province.
  case specificOverTotal = "cue.specific_over_total"
  /// A level followed by a total marker and the whole intake names who received it all: 本级共受理群众来信来访1768件 → received.
  case wholeAtLevel = "cue.whole_at_level"
  /// Channels listed together name their sum, the whole intake: 来信来访及网上信访120件 → received.
  case channelList = "cue.channel_list"
  /// Kinds listed and closed by 等 name the whole they belong to: 受理控告、申诉、举报等信访986件次 → received.
  case kindsListed = "cue.kinds_listed"
  /// Of adjacent outcome cues the first wins: 办结息诉13起 → resolved.
  case firstOutcome = "cue.first_outcome"
  /// An outcome verb governs the petitions named after it: 办结去年遗留的信访案件4起 → resolved.
  case outcomeOverObject = "cue.outcome_over_object"
  /// A cue right after the measure word, inside the same scope: 5批集体访, 30多人赴省集访.
  case cueAfterUnit = "cue.after_unit"
  /// The second of a pair of numbers takes the first's metric: 86批212人, 973批次2935人次.
  case pairSameMetric = "pair.same_metric"
  /// A number in a list without a cue of its own takes the previous number's metric.
  case listPrevious = "list.previous"
  /// A count stated for an earlier period takes the metric of the count compared: 较去年同期的380件次.
  case priorPeriodCount = "period.prior_count"
  /// A breakdown by agency, petitioner or request: 涉及人民法院的37件.
  case breakdownCategory = "breakdown.category"
  /// A line of a breakdown takes the metric of the total it breaks down: 求决类10件.
  case breakdownTotal = "breakdown.total"
  /// A head count of people who petition: 农民39人, 上访的有120人.
  case headCount = "count.head_count"
  /// People listed by name and closed by 等 are petitioners: 魏某、唐某等3人.
  case namedPeople = "count.named_people"
  /// A change qualifies the count stated before it: 来信56件，同比下降51%.
  case changeOfCount = "change.of_count"
  /// A change with its own cue: 来信同比下降12%.
  case changeCue = "change.cue"
  /// A change in 个百分点 of the rate stated before it.
  case changeOfRate = "change.of_rate"
  /// 分别 pairs a list of cues with a list of numbers in order: 来信、来访分别下降12%和9%.
  case distributePairwise = "distribute.pairwise"
  /// 分别 over units or one subject: 批次、人次分别上升52.78%、45.34% → both the subject's metric.
  case distributeSame = "distribute.same"
  /// 均 gives one number to each cue of a list: 办结率、息访率均为100%.
  case distributeEach = "distribute.each"
  /// A named rate: 办结率85%.
  case rateNamed = "rate.named"
  /// A share's whole or part named before 占: 重复访占信访总量的12%.
  case shareSubject = "share.subject"
  /// A share after a count: 检举控告305件、占71%.
  case shareOfCount = "share.of_count"
  /// The whole a share is of, named after 占: 占上访人数的75%.
  case shareWhole = "share.whole"
  /// The same share or rate stated again: 由31.2%下降到15.4%.
  case restated = "restated"
  /// A number in a table cell takes the metric of its row label: 电话 | 34859 |.
  case tableCell = "table.cell"
  /// A table cell (``TableReader``) whose row header names the metric: 来信 | 120件.
  case tableRowHeader = "table.row_header"
  /// A table cell whose column header (or the caption) names the metric: 月份 | 来信 → 1月 | 120.
  case tableColumnHeader = "table.column_header"
  /// A cell of a totals row or column (合计, 总计): the column's (row's) metric, else the caption's, else received.
  case tableTotalRow = "table.total_row"
  /// A cell of a change column or row (同比, 环比): a change of the row's metric.
  case tableChangeColumn = "table.change_column"
  /// A cell of a share column (占比, 比重): a share of the row's metric.
  case tableShareColumn = "table.share_column"
  /// Not a fact: 个百分点 without a change word.
  case refuseBarePoints = "refuse.bare_points"
  /// Not a fact: 一 as an indefinite article (一名上访人).
  case refuseIndefiniteOne = "refuse.indefinite_one"
  /// Not a fact: a count of a court's or procuratorate's whole caseload (各类案件收案8346件).
  case refuseCaseload = "refuse.caseload"
  /// A zero after a numeral counting the list before it: 越级访、异常访、群体访“三为零” → three counts of 0.
  case distributeZero = "distribute.zero"
  /// Not a fact: a percentage after a rate no cue names (破案率95%).
  case refuseUnnamedRate = "refuse.unnamed_rate"
  /// Not a fact: a percentage opening a clause (100%实行…).
  case refuseManner = "refuse.manner"
  /// `other`: people followed by a staff word (干部职工14名).
  case refuseStaff = "refuse.staff"
  /// `other`: 次 that counts meetings or receptions, not arrivals.
  case refuseTimes = "refuse.times"
  /// `other`: the 人次 or 次 of a reception (领导接访33人次), not petitions.
  case refuseReception = "refuse.reception"
  /// No rule named a metric.
  case fallbackOther = "fallback.other"
}
