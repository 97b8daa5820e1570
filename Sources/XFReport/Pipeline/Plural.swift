/// English counts in messages: `1 file`, `2 files` (the closing line said `analysed 1 files`).
public enum Plural {
  /// `count` and the noun, plural unless it is 1 (`s` added; `plural` for irregular ones).
  public static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
  }
}
