import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (so logs and pipes stay clean) and at most ten times a second.
final class ProgressBar {
  private let enabled: Bool
  private var last = Date.distantPast
  private var drawn = false

  init(enabled: Bool) {
    self.enabled = enabled && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  func update(done: Int, total: Int, name: String) {
    guard enabled else { return }
    let now = Date()
    guard done == total || now.timeIntervalSince(last) >= 0.1 else { return }
    last = now
    let width = 30
    let filled = total == 0 ? width : done * width / total
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let label = name.count > 40 ? String(name.prefix(39)) + "…" : name
    StandardStreams.error("\r\u{1B}[K[\(bar)] \(done)/\(total) \(label)")
    drawn = true
  }

  func clear() {
    guard drawn else { return }
    StandardStreams.error("\r\u{1B}[K")
    drawn = false
  }
}
